-- One row per way an event is seen instead of one per audience (issue 21, ADR 0021 item 9). The
-- projection's largest cost was writing audience entries, 4.3 per event in the lag harness, and most
-- of a row's cost is its indexes. But audiences mostly see an event alike: three of the signal
-- meeting's four partners see a signal with the same fields shown, each under its own rule, and the
-- same rows held 1.9 views per event. audience_view keeps one row per (generation, event, what is shown), with the
-- audiences that see it so and, in the same order, the rule that lets each of them; audience_entry is
-- now a view that unfolds it into the rows it held before, so that what read it keeps its meaning.
--
-- An audience is written as organisation/role/purpose: organisation codes and role names never hold
-- a slash, so the purpose, last, may hold anything.
create table audience_view (
    generation          integer      not null,
    subject_ref         varchar(80)  not null,
    event_id            varchar(255) not null,
    event_type          varchar(200) not null,
    data_category       varchar(40)  not null,
    source_organisation varchar(40)  not null,
    occurred_at         timestamptz  not null,
    recorded_at         timestamptz  not null,
    stream_sequence     bigint,
    data                jsonb        not null,
    redacted            text[]       not null,
    covenant_id         varchar(100) not null,
    covenant_version    integer      not null,
    audiences           text[]       not null,
    rule_ids            text[]       not null,
    constraint audience_view_audiences check (cardinality(audiences) > 0
        and cardinality(rule_ids) = cardinality(audiences))
);

insert into audience_view (generation, subject_ref, event_id, event_type, data_category, source_organisation,
                           occurred_at, recorded_at, stream_sequence, data, redacted, covenant_id, covenant_version,
                           audiences, rule_ids)
select generation, subject_ref, event_id, event_type, data_category, source_organisation, occurred_at, recorded_at,
       stream_sequence, data, redacted, covenant_id, covenant_version,
       array_agg(audience_organisation || '/' || audience_role || '/' || purpose
                 order by audience_organisation, audience_role, purpose),
       array_agg(rule_id::text order by audience_organisation, audience_role, purpose)
from audience_entry
group by generation, subject_ref, event_id, event_type, data_category, source_organisation, occurred_at,
         recorded_at, stream_sequence, data, redacted, covenant_id, covenant_version;

drop table audience_entry;

-- The timeline's reads find a youth's views in the timeline's order, as V18's key did per audience.
-- Unique with the view's first audience: an audience is in one view of an event only, so a second
-- decision of an event into the same generation is refused as before (an event's id fixes its times
-- and stream position; nulls not distinct: an event without a stream position is still one).
create unique index audience_view_key on audience_view
    (generation, subject_ref, occurred_at, recorded_at, stream_sequence, event_id, (audiences[1]))
    nulls not distinct;
-- Erasure and retention delete a youth's rows without naming a generation (V17).
create index audience_view_by_subject on audience_view (subject_ref, generation);
-- The group approach's view reads one group's facts across its members (V15).
create index audience_view_group on audience_view ((data->>'groupId'), generation) where data_category = 'GROUP';
-- The agenda and the case director's work list look across youths for a few event types (V5).
create index audience_view_casework on audience_view (generation, event_type, recorded_at)
    where event_type in ('nl.ketenbus.assessment.signals-matched.v1',
                         'nl.ketenbus.assessment.target-group-assessed.v1',
                         'nl.ketenbus.assessment.routed-to-ondermijning.v1',
                         'nl.ketenbus.case.director-assigned.v1');

-- What each audience sees, one row per (audience, event) as before: the privacy officer's oversight
-- and the impact report read this. An audience's own reads take its rows of audience_view directly
-- (AudienceEntries), and the projection writes and deletes audience_view.
create view audience_entry as
select v.generation,
       split_part(seen.audience, '/', 1)::varchar(40) as audience_organisation,
       split_part(seen.audience, '/', 2)::varchar(40) as audience_role,
       substr(seen.audience, length(split_part(seen.audience, '/', 1))
           + length(split_part(seen.audience, '/', 2)) + 3)::varchar(100) as purpose,
       v.event_id, v.subject_ref, v.event_type, v.data_category, v.source_organisation, v.occurred_at,
       v.recorded_at, v.stream_sequence, v.data, v.redacted, seen.rule_id::varchar(100) as rule_id, v.covenant_id,
       v.covenant_version
from audience_view v
         cross join lateral unnest(v.audiences, v.rule_ids) as seen(audience, rule_id);
