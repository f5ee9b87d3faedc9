-- Who directs each youth's PGA case, in person (issue 17, need-to-know per person): the reader for
-- whom the covenant's case-director rules hold (PGA-01). Another casusregisseur of the same
-- audience reads the case narrowed to what the other rules give (that it exists, who directs it).
create table case_direction (
    subject_ref      varchar(80)  not null,
    case_id          varchar(100) not null,
    director_user_id varchar(200),
    closed_on        date,
    constraint case_direction_pk primary key (subject_ref)
);

-- A participation may end by itself: after this day (Amsterdam) the organisation no longer takes
-- part (a closed case's director reads on for the covenant's closedCaseReading period; a
-- participant added for a period). The read-model pass ends it and decides the youth again.
alter table case_participation add column until date;

-- The cases projected before this migration: each youth's latest case, its latest director and
-- whether it was closed, from the stored history.
insert into case_direction (subject_ref, case_id, director_user_id, closed_on)
select distinct on (opened.subject_ref) opened.subject_ref, opened.data ->> 'caseId',
       (select assigned.data ->> 'directorUserId' from timeline_entry assigned
        where assigned.subject_ref = opened.subject_ref
          and assigned.event_type = 'nl.ketenbus.case.director-assigned.v1'
          and assigned.data ->> 'caseId' = opened.data ->> 'caseId'
        order by assigned.recorded_at desc, assigned.event_id desc limit 1),
       (select (closed.recorded_at at time zone 'Europe/Amsterdam')::date from timeline_entry closed
        where closed.subject_ref = opened.subject_ref and closed.event_type = 'nl.ketenbus.case.closed.v1'
          and closed.data ->> 'caseId' = opened.data ->> 'caseId'
        order by closed.recorded_at desc limit 1)
from timeline_entry opened
where opened.event_type = 'nl.ketenbus.case.opened.v1'
order by opened.subject_ref, opened.recorded_at desc, opened.event_id desc;
