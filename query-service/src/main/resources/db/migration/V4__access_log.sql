-- The access log: who saw what, when, for which purpose and under which rule (Logboek
-- Dataverwerkingen / NEN 7513). Append-only and hash-chained: every record carries the hash of its
-- predecessor and its own hash over its content. Not a read model: no replay touches these tables.
create table access_log (
    seq                 bigint       not null,
    trace_id            char(32)     not null,
    span_id             char(16)     not null,
    action              varchar(60)  not null,
    started_at          timestamptz  not null,
    ended_at            timestamptz  not null,
    status              varchar(10)  not null,
    processing_activity varchar(100),
    subject_ref         varchar(80),
    subject_ref_type    varchar(20),
    user_id             varchar(200) not null,
    organisation        varchar(40),
    user_role           varchar(40),
    purpose             varchar(100),
    case_ids            text[]       not null,
    covenant_id         varchar(100),
    covenant_version    integer,
    rule_ids            text[]       not null,
    break_glass         boolean      not null,
    categories_shown    text[]       not null,
    entries_shown       integer      not null,
    detail              varchar(300),
    prev_hash           char(64)     not null,
    hash                char(64)     not null,
    constraint access_log_pk primary key (seq),
    constraint access_log_status check (status in ('ok', 'denied', 'error'))
);

create index access_log_by_subject on access_log (subject_ref, started_at);
create index access_log_by_user on access_log (user_id, started_at);
create index access_log_by_time on access_log (started_at);

-- The chain head: appends lock this row, so concurrent readers extend one chain and never fork it.
create table access_log_head (
    id   smallint not null,
    seq  bigint   not null,
    hash char(64) not null,
    constraint access_log_head_pk primary key (id),
    constraint access_log_head_single check (id = 1)
);
insert into access_log_head (id, seq, hash) values (1, 0, repeat('0', 64));

-- Signed checkpoints of the chain head (Ed25519 over "seq:hash"), written every few minutes and at
-- shutdown. The verifier checks them with the keys it trusts, not with keys found here.
create table access_log_checkpoint (
    seq       bigint       not null,
    hash      char(64)     not null,
    signed_at timestamptz  not null,
    key_id    varchar(64)  not null,
    signature text         not null,
    constraint access_log_checkpoint_pk primary key (seq, signed_at)
);

-- Where the retained chain starts after a retention purge: the last purged record's seq and hash,
-- which a signed checkpoint vouches for.
create table access_log_anchor (
    seq       bigint      not null,
    hash      char(64)    not null,
    purged_at timestamptz not null,
    constraint access_log_anchor_pk primary key (seq)
);

-- Nobody changes or removes a record, except the retention purge, which says so in its transaction.
create function access_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('ketenbus.audit_purge', true) = 'on' then
        return old;
    end if;
    raise exception 'access_log is append-only (% refused)', tg_op;
end;
$$;

create trigger access_log_append_only before update or delete on access_log
    for each row execute function access_log_append_only();

-- Break-glass: opening a youth's timeline outside need-to-know, with a reason, for a limited time,
-- flagged in the log and listed for the privacy officer until reviewed.
create table break_glass (
    id           uuid         not null,
    user_id      varchar(200) not null,
    organisation varchar(40)  not null,
    user_role    varchar(40)  not null,
    purpose      varchar(100) not null,
    subject_ref  varchar(80)  not null,
    reason       text         not null,
    opened_at    timestamptz  not null,
    expires_at   timestamptz  not null,
    reviewed_at  timestamptz,
    reviewed_by  varchar(200),
    review_note  text,
    constraint break_glass_pk primary key (id)
);

create index break_glass_open on break_glass (user_id, subject_ref, purpose, expires_at);
