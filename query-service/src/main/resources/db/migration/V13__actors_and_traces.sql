-- Who recorded each fact (the command side's actor pseudonym) and the trace of the request or
-- record that brought it (W3C traceparent), from the backbone topic's CloudEvents extensions.
-- Facts projected before this have neither.
alter table timeline_entry add column actor varchar(40);
alter table timeline_entry add column traceparent varchar(55);
create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null;

-- The traces of the facts a read showed: the link from the read to the requests that brought them.
alter table access_log add column fact_trace_ids text[];
