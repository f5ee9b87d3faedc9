-- Youths erased (AVG art. 17, ADR 0015): when their fact arrived every read model dropped them; an
-- event of theirs that arrives later (a re-published copy) is dropped too, never projected again.
-- Nothing about the youth but its pseudonym, which the access log keeps as well.
create table erased_subject (
    subject_ref varchar(80) not null,
    erased_at   timestamptz not null,
    constraint erased_subject_pk primary key (subject_ref)
);
