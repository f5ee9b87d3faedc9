-- The store's purge (ADR 0024) passes each position once. A fact due for removal whose youth wants its
-- data kept (a restriction of processing on AVG art. 18(1)(b) or (c), ADR 0025) is not removed but noted
-- here with the kind of work that passed it; once the restriction is lifted the next pass removes it.
-- Nothing about the youth but its pseudonym.
create table store_purge_held (
    global_index bigint      not null,
    kind         varchar(60) not null,
    subject_ref  varchar(80) not null,
    constraint store_purge_held_pk primary key (global_index)
);
create index store_purge_held_by_subject on store_purge_held (subject_ref);
