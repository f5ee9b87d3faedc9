-- The first outcome of every partner event, by its CloudEvents (source, id), unique forever: a
-- retry over HTTP or Kafka gets the first outcome back and stores nothing new. Accepted receipts are
-- written in the transaction that stores the event. Details describe fields, never their values.
-- subject_ref is absent only for an identification form refused before its subject was derived.
create table intake_receipt (
    source       varchar(200) not null,
    event_id     varchar(200) not null,
    channel      varchar(10)  not null,
    event_type   varchar(200) not null,
    subject_ref  varchar(80),
    outcome      varchar(10)  not null,
    status       integer      not null,
    problem_type varchar(100),
    title        varchar(200),
    detail       text,
    received_at  timestamptz  not null,
    constraint intake_receipt_pk primary key (source, event_id),
    constraint intake_receipt_outcome_ck check (outcome in ('ACCEPTED', 'REFUSED'))
);
