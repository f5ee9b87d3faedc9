-- Where the projection stands in each partition of the backbone topic. Written in the same
-- transaction as the read models, so a restart resumes exactly after the last applied record.
create table consumer_position (
    consumer_group  varchar(200) not null,
    topic           varchar(249) not null,
    kafka_partition integer      not null,
    next_offset     bigint       not null,
    updated_at      timestamptz  not null default now(),
    constraint consumer_position_pk primary key (consumer_group, topic, kafka_partition)
);

-- Every backbone event applied to the read models, by its CloudEvents id. The publisher delivers at
-- least once, so the same event can arrive twice at different offsets: the second copy is skipped.
create table applied_event (
    event_id   varchar(255) not null,
    applied_at timestamptz  not null default now(),
    constraint applied_event_pk primary key (event_id)
);

-- Records that could not be projected (not a CloudEvent, unknown type, ...), kept with the reason
-- instead of being dropped or blocking the partition. Nothing here is personal data in clear.
create table unprojectable_event (
    topic           varchar(249) not null,
    kafka_partition integer      not null,
    kafka_offset    bigint       not null,
    reason          text         not null,
    record_key      varchar(255),
    record_value    bytea,
    received_at     timestamptz  not null default now(),
    constraint unprojectable_event_pk primary key (topic, kafka_partition, kafka_offset)
);

-- The consolidated timeline per youth.
create table timeline_entry (
    event_id            varchar(255) not null,
    subject_ref         varchar(80)  not null,
    event_type          varchar(200) not null,
    source              varchar(200) not null,
    source_organisation varchar(40)  not null,
    occurred_at         timestamptz  not null,
    recorded_at         timestamptz  not null,
    stream_sequence     bigint,
    data                jsonb        not null,
    constraint timeline_entry_pk primary key (event_id)
);

create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id);
