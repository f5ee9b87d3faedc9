-- The duty to notify recipients (AVG art. 19): an erasure or a restriction of processing a privacy officer
-- decided is told to every organisation to which the youth's data was shown before it (the access log
-- says which). A row records that a privacy officer of the gemeente told one recipient of one decision
-- (an erasure request carried out, or a restriction), and on which day. Nothing about the youth but its
-- pseudonym; removed once its decision's record is (DecisionRecordRetention).
create table recipient_notice (
    decision_id  uuid         not null,
    organisation varchar(60)  not null,
    subject_ref  varchar(80)  not null,
    informed_on  date         not null,
    recorded_by  varchar(200) not null,
    recorded_at  timestamptz  not null,
    constraint recipient_notice_pk primary key (decision_id, organisation)
);
