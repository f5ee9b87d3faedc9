-- The covenant the intake applies (ADR 0017): set by the switch of an approved covenant change (the
-- query side, over the internal path), or from the deployment's file at the very first start. One
-- row that every node reads in every intake transaction, so that all nodes switch at one commit.
create table covenant_in_force (
    singleton         boolean      not null default true,
    covenant_id       varchar(100) not null,
    covenant_version  integer      not null,
    covenant_sha256   char(64)     not null,
    covenant_document text         not null,
    switched_at       timestamptz  not null default now(),
    reason            varchar(300) not null,
    constraint covenant_in_force_pk primary key (singleton),
    constraint covenant_in_force_singleton check (singleton)
);

-- Every switch, kept: which covenant the intake applied from when (to answer under which version a
-- partner's event was accepted or refused).
create table covenant_switch (
    switched_at      timestamptz  not null default now(),
    covenant_id      varchar(100) not null,
    covenant_version integer      not null,
    covenant_sha256  char(64)     not null,
    reason           varchar(300) not null
);
