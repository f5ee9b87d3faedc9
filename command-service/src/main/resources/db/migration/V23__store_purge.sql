-- The event store forgets too (ADR 0024). An erased youth's stream is cut down to its SubjectErased
-- once the archive term has passed since the erasure; the erasure proof says when and how many events
-- went. The facts a FactsExpired names, and the facts the youth's aggregate keeps nothing of, are
-- removed once the term has passed since their period ended. A cursor per kind of work is the store
-- position up to which it is done, so a pass continues after it.
alter table erasure_proof
    add column stream_cut_at timestamptz,
    add column events_removed integer;

create table store_purge_cursor (
    name    varchar(100) not null,
    through bigint      not null,
    constraint store_purge_cursor_pk primary key (name)
);
