-- The youths whose processing a privacy officer restricted (AVG art. 18, ADR 0025): no casework
-- command about them is accepted while their row is here. The query side keeps the restrictions'
-- history (who, when, on which ground, when lifted); this is the state its decisions leave here.
create table processing_restriction (
    subject_ref   varchar(80)  not null,
    ground        varchar(40)  not null,
    decided_by    varchar(200) not null,
    restricted_at timestamptz  not null,
    constraint processing_restriction_pk primary key (subject_ref)
);
