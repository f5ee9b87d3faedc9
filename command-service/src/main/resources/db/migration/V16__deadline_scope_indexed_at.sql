-- When a deadline was indexed (ADR 0021), so that DeadlineScopePurge removes only the entries of
-- deadlines that fired long enough ago, never one whose deadline is still being scheduled.
alter table deadline_scope add column indexed_at timestamptz not null default now();
