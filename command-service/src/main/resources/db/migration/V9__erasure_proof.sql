-- The proof of every erasure (AVG art. 17, art. 21 upheld): when, by whom, on what ground, which
-- categories of data the youth's history held. Nothing about the youth but its pseudonym, which the
-- access log and the event store name too. Also the register of erased pseudonyms: a later
-- identification of the same person gets the next pseudonym (ADR 0015), never this one again.
create table erasure_proof (
    subject_ref varchar(80)  not null,
    erased_at   timestamptz  not null,
    decided_by  varchar(200) not null,
    ground      varchar(40)  not null,
    categories  text[]       not null,
    keys_destroyed integer   not null,
    constraint erasure_proof_pk primary key (subject_ref)
);
