-- A partner's history sent in bulk (docs/onboarding.md): the import as the partner declared it, and
-- each chunk once all its events were decided. Nothing here is personal data: counts, digests and
-- times; the events themselves are in the event store and their outcomes in intake_receipt.
create table onboarding_import (
    organisation varchar(40)  not null,
    import_id    varchar(64)  not null,
    events       bigint       not null check (events > 0),
    chunk_events integer      not null check (chunk_events > 0),
    manifest     char(64)     not null,
    declared_at  timestamptz  not null,
    sealed_at    timestamptz,
    primary key (organisation, import_id)
);

-- The first complete decision of a chunk: a chunk sent again (a resumed import) keeps these counts,
-- and its events answer as duplicates of their first outcome.
create table onboarding_chunk (
    organisation varchar(40) not null,
    import_id    varchar(64) not null,
    chunk        integer     not null check (chunk >= 0),
    digest       char(64)    not null,
    events       integer     not null,
    accepted     integer     not null,
    duplicates   integer     not null,
    refused      integer     not null,
    done_at      timestamptz not null,
    primary key (organisation, import_id, chunk),
    foreign key (organisation, import_id) references onboarding_import on delete cascade
);
