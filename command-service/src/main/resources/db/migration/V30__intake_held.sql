-- A partner's Kafka record the intake could not decide, again and again, is held here instead of holding up
-- its partition (ADR 0032): the partition goes on, and the youth's later records wait here behind it, in
-- their order, until a retry decides them (after a fix). Nothing is readable without the master key: the
-- record (key, value, headers) is sealed with it (AES-256-GCM, its place as associated data), and the
-- youth (the record's CloudEvents subject, else its key) is known only by a keyed digest, which orders the
-- youth's records and lets an erasure forget them; the record_digest (keyed too) tells a record delivered
-- again from another record at the same place.
create table intake_held (
    id              bigserial    primary key,
    topic           varchar(249) not null,
    kafka_partition int          not null,
    kafka_offset    bigint       not null,
    youth_digest    char(64),
    record_digest   char(64)     not null,
    master_key_id   varchar(32)  not null,
    seal_nonce      bytea        not null,
    sealed_record   bytea        not null,
    reason          varchar(300) not null,
    held_at         timestamptz  not null default now(),
    attempts        int          not null default 0,
    last_tried_at   timestamptz,
    constraint intake_held_place unique (topic, kafka_partition, kafka_offset)
);
-- A youth's rows are decided in the order they were held (their ids: each hold takes the youth's lock).
create index intake_held_by_youth on intake_held (topic, youth_digest, id);
