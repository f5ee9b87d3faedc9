-- Finding a youth by family name and date of birth (AVG art. 15 and 16 requests, a case director
-- asked about a youth by name): a keyed hash of the normalised name and the date (the pseudonym
-- key, its own domain), never the name itself. Several youths may share one. Written with the
-- identification, in its transaction; youths identified before this migration are not in it.
create table identity_search (
    search_key  char(64)    not null,
    subject_ref varchar(80) not null,
    constraint identity_search_pk primary key (search_key, subject_ref)
);
