-- Which scheduled deadline belongs to which aggregate (ADR 0021). Axon's db-scheduler deadline
-- manager cancels "all deadlines of this name within this scope" by reading and deserializing every
-- scheduled deadline of the installation; with a retention and a birthday deadline per youth that
-- was a scan of thousands of rows for many intake events. This index makes it one indexed delete.
create table deadline_scope (
    schedule_id   varchar(255) primary key,
    deadline_name varchar(255) not null,
    scope         bytea        not null
);
create index deadline_scope_by_scope on deadline_scope (deadline_name, scope);

-- Deadlines scheduled before the index existed are indexed once, at the first start after this
-- migration (IndexedDeadlines); until then cancelling by scope also scans, as before. An
-- installation without deadlines has nothing to index.
create table deadline_scope_backfill (
    id      int primary key check (id = 1),
    done_at timestamptz
);
insert into deadline_scope_backfill (id, done_at)
select 1, case when exists (select 1 from scheduled_tasks where task_name = 'AxonDeadline') then null else now() end;
