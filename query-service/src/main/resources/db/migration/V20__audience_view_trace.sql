-- The trace id of the request or record that brought each fact, beside every way it is seen (issue 21).
-- Every read's access record names the traces of the facts it showed; until now each read looked them up
-- in timeline_entry, one index probe and heap page per fact of the page: 0.48 ms of the database's 1.9 ms
-- of statements per timeline read at 200 reads a second (docs/benchmarks.md). The projection and the
-- replay know the trace when they write the view, so it is written there.
--
-- The nil uuid means "no trace came with the fact" (W3C trace context forbids an all-zero trace id);
-- null means "not known in this row": a row written by a node older than this migration (during a rolling
-- deployment). A read looks only those up in timeline_entry, as before.
alter table audience_view add column trace_id uuid;

update audience_view v
set trace_id = coalesce(substring(t.traceparent from 4 for 32)::uuid, '00000000-0000-0000-0000-000000000000')
from timeline_entry t
where t.event_id = v.event_id;
