-- The outcome of the youth's latest assessment when the signal meeting decided about it (empty text: none),
-- kept with the decision: retention removes that assessment from the timeline after its period, and the
-- hourly recount of the standing (ReadModelRetention) must not take its absence for a new outcome and put a
-- youth the meeting decided about back on the agenda (its name and date of birth shown again). Null: not
-- known (a decision recorded before this column), read from the timeline as before.
alter table agenda_standing add column decided_outcome varchar(40);

-- A decision that still stands kept it so far only while every later assessment had the outcome of the
-- decision's time, so for those rows the outcome now is that outcome.
update agenda_standing set decided_outcome = coalesce(outcome, '') where decided;
