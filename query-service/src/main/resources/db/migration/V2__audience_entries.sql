-- Which organisations take part in a youth's open PGA case (need-to-know), from the case events.
create table case_participation (
    subject_ref  varchar(80) not null,
    organisation varchar(40) not null,
    constraint case_participation_pk primary key (subject_ref, organisation)
);

-- The role-filtered read model: per audience (recipient organisation, role, purpose) only the events
-- the covenant gives it, with only the fields its rule shows (the others named in redacted), and the
-- rule and covenant version that allowed each entry.
create table audience_entry (
    audience_organisation varchar(40)  not null,
    audience_role         varchar(40)  not null,
    purpose               varchar(100) not null,
    event_id              varchar(255) not null,
    subject_ref           varchar(80)  not null,
    event_type            varchar(200) not null,
    data_category         varchar(40)  not null,
    source_organisation   varchar(40)  not null,
    occurred_at           timestamptz  not null,
    recorded_at           timestamptz  not null,
    stream_sequence       bigint,
    data                  jsonb        not null,
    redacted              text[]       not null,
    rule_id               varchar(100) not null,
    covenant_id           varchar(100) not null,
    covenant_version      integer      not null,
    constraint audience_entry_pk primary key (audience_organisation, audience_role, purpose, event_id)
);

create index audience_entry_timeline on audience_entry
    (audience_organisation, audience_role, purpose, subject_ref, occurred_at, recorded_at, event_id);
