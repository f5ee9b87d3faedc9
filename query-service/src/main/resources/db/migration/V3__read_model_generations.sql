-- Generations of the role-filtered read model. The entries are a pure function of (event history,
-- covenant version): a new covenant version is replayed into a new generation beside the active
-- one, which keeps serving until the new one is complete and is swapped in by one state change.
create table read_model_generation (
    generation        integer      not null,
    covenant_id       varchar(100) not null,
    covenant_version  integer      not null,
    covenant_sha256   char(64)     not null,
    -- The covenant document itself, so that every node (and a restart) applies exactly this text.
    covenant_document text         not null,
    state             varchar(10)  not null,
    created_at        timestamptz  not null default now(),
    activated_at      timestamptz,
    retired_at        timestamptz,
    constraint read_model_generation_pk primary key (generation),
    constraint read_model_generation_state check (state in ('BUILDING', 'ACTIVE', 'RETIRED')),
    constraint read_model_generation_covenant unique (covenant_id, covenant_version)
);

-- At most one generation serves reads.
create unique index read_model_generation_one_active on read_model_generation ((true)) where state = 'ACTIVE';

-- Replay progress of a building generation, kept apart so that recording progress never waits for
-- the live projection (which holds a share lock on read_model_generation during each batch).
create table generation_build (
    generation     integer     not null,
    subject_cursor varchar(80) not null default '',
    subjects_done  bigint      not null default 0,
    events_done    bigint      not null default 0,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz,
    constraint generation_build_pk primary key (generation)
);

-- Chunks of youths a builder has claimed (the cursor moved past them) but not yet committed. A chunk
-- left here by a crash is decided again when the build resumes, so no youth is skipped.
create table generation_chunk (
    generation    integer     not null,
    first_subject varchar(80) not null,
    last_subject  varchar(80) not null,
    claimed_at    timestamptz not null default now(),
    constraint generation_chunk_pk primary key (generation, first_subject)
);

-- Every entry belongs to a generation. The entries so far are emptied: they are rebuilt from
-- timeline_entry into the first generation at the next start.
truncate audience_entry;
alter table audience_entry add column generation integer not null;

-- The primary key leads with the youth: re-deciding a youth (case membership changed, replay)
-- deletes by (generation, subject_ref).
alter table audience_entry drop constraint audience_entry_pk,
    add constraint audience_entry_pk
        primary key (generation, subject_ref, audience_organisation, audience_role, purpose, event_id);

drop index audience_entry_timeline;
create index audience_entry_timeline on audience_entry
    (generation, audience_organisation, audience_role, purpose, subject_ref, occurred_at, recorded_at,
     stream_sequence, event_id);

-- Aggregates are counted from the stored history under the active covenant when asked (AggregateCounts).
create index timeline_entry_by_occurrence on timeline_entry (occurred_at);
