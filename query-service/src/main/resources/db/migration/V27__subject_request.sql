-- The register of a youth's requests under the AVG (inzage, rectificatie, verwijdering, beperking, bezwaar):
-- when each came in, the day it must be answered (one month, art. 12(3)), whether that term was extended
-- by two months, and the day it was answered. What was asked and answered is the privacy officer's file;
-- this holds no content, only the youth's pseudonym. Removed with the access log's retention once answered
-- (DecisionRecordRetention).
create table subject_request (
    id          uuid         not null,
    subject_ref varchar(80)  not null,
    kind        varchar(20)  not null,
    received_on date         not null,
    due_on      date         not null,
    extended    boolean      not null default false,
    recorded_by varchar(200) not null,
    recorded_at timestamptz  not null,
    answered_on date,
    answered_by varchar(200),
    constraint subject_request_pk primary key (id),
    constraint subject_request_kind check (kind in ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION',
                                                     'OBJECTION'))
);

create index subject_request_open on subject_request (due_on) where answered_on is null;
