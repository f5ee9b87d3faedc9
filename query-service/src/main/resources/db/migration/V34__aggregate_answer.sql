-- The answers of settled periods (ADR 0035): the first answer to a table whose period ended longer ago than
-- ketenbus.aggregates.settled-after is kept and given from then on, so that an erasure, a restriction or an
-- expiry after it does not change it (the cells it changes would show the removed youth's profile).
-- An answer holds only what was shown (cells moved by their keys and withheld): never a youth, a pseudonym
-- or a true count. table_key is the SHA-256 of what defines the table (ADR 0035, FrozenAnswers).
create table aggregate_answer (
    table_key        char(64)    not null,
    frozen_at        timestamptz not null,
    covenant_id      varchar(100) not null,
    covenant_version integer     not null,
    cells            jsonb       not null,
    constraint aggregate_answer_pk primary key (table_key)
);
