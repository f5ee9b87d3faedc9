-- Erasure under four eyes (ADR 0015 amended): a privacy officer's request waits here until a second
-- privacy officer confirms it with the same ground; only then does the command side erase. One open
-- request per youth. Kept once carried out or withdrawn, as the proof of who asked and who decided
-- (the command side's erasure proof names both too); nothing about the youth but its pseudonym.
create table erasure_request (
    id           uuid         not null,
    subject_ref  varchar(80)  not null,
    ground       varchar(40)  not null,
    requested_by varchar(200) not null,
    requested_at timestamptz  not null,
    state        varchar(12)  not null,
    decided_by   varchar(200),
    decided_at   timestamptz,
    constraint erasure_request_pk primary key (id),
    constraint erasure_request_state_ck check (state in ('PENDING', 'CARRIED_OUT', 'WITHDRAWN')),
    constraint erasure_request_decided_ck check ((state = 'PENDING') = (decided_by is null))
);
create unique index erasure_request_open on erasure_request (subject_ref) where state = 'PENDING';
create index erasure_request_by_subject on erasure_request (subject_ref, requested_at);
