-- Restriction of processing (AVG art. 18, ADR 0025): while a youth's restriction is in force (not
-- lifted) no read shows the youth, except break-glass under art. 18(2). Every restriction is kept
-- once lifted, with who lifted it and when the youth was told (art. 18(3)), or ended by the youth's
-- erasure (lifted by 'ketenbus'); nothing about the youth but its pseudonym. One restriction in force
-- per youth.
create table processing_restriction (
    id                  uuid         not null,
    subject_ref         varchar(80)  not null,
    ground              varchar(40)  not null,
    restricted_by       varchar(200) not null,
    restricted_at       timestamptz  not null,
    lifted_by           varchar(200),
    lifted_at           timestamptz,
    subject_informed_on date,
    constraint processing_restriction_pk primary key (id),
    constraint processing_restriction_lifted_ck check ((lifted_at is null) = (lifted_by is null)
        and (lifted_at is not null or subject_informed_on is null)
        and (lifted_by is null or lifted_by = 'ketenbus' or subject_informed_on is not null))
);
create unique index processing_restriction_in_force on processing_restriction (subject_ref) where lifted_at is null;
create index processing_restriction_by_subject on processing_restriction (subject_ref, restricted_at);
