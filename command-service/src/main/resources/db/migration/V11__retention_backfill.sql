-- Youths whose counted facts (signals, risk factors, Opium Act registrations) were recorded before
-- the backbone kept retention deadlines get theirs planned once (RetentionBackfill, ADR 0016). The
-- cursor is the last youth planned, so a node stopped halfway continues after it.
create table retention_backfill (
    id          integer      not null,
    last_youth  varchar(80)  not null,
    done_at     timestamptz,
    constraint retention_backfill_pk primary key (id),
    constraint retention_backfill_one_row_ck check (id = 1)
);
insert into retention_backfill (id, last_youth, done_at)
select 1, '', case when exists (select 1 from domain_event_entry) then null else now() end;
