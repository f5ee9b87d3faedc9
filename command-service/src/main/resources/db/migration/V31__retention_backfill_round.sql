-- Each reset of the retention backfill (a covenant switch, a migration that changes how deadlines are planned)
-- starts a new round (RetentionBackfill): a node still planning an earlier round moves the cursor, or marks the
-- backfill done, only within its own round, so it never undoes a reset another node made meanwhile.
alter table retention_backfill add column round bigint not null default 0;
