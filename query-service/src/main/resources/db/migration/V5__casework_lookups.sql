-- The agenda of the signal meeting and the case director's work list look across youths for a few
-- event types (matches, assessments, routings, director assignments). A partial index keeps those
-- lookups quick without slowing the writes of every other entry (replays write millions).
create index audience_entry_casework on audience_entry
    (generation, audience_organisation, audience_role, purpose, event_type, recorded_at)
    where event_type in ('nl.ketenbus.assessment.signals-matched.v1',
                         'nl.ketenbus.assessment.target-group-assessed.v1',
                         'nl.ketenbus.assessment.routed-to-ondermijning.v1',
                         'nl.ketenbus.case.director-assigned.v1');
