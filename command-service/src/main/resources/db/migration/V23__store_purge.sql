-- The event store forgets too (ADR 0024). An erased youth's stream is cut down to its SubjectErased
-- once the archive term has passed since the erasure; the erasure proof says when and how many events
-- went. The facts a FactsExpired names are removed once the term has passed since they expired; the
-- cursor is the position of the last FactsExpired whose facts are gone, so a pass continues after it.
alter table erasure_proof
    add column stream_cut_at timestamptz,
    add column events_removed integer;

create table store_purge_cursor (
    id                    integer not null,
    facts_expired_through bigint  not null,
    constraint store_purge_cursor_pk primary key (id),
    constraint store_purge_cursor_one check (id = 1)
);

insert into store_purge_cursor (id, facts_expired_through) values (1, 0);
