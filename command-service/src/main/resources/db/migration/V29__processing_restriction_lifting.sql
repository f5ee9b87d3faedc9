-- The last lifting of each youth's restriction of processing, as the query side decided it (ADR 0025,
-- amended): what the restriction was (its ground, who decided, when) and who lifted it, when, and the day
-- the youth was told. It lets the comparison between the services tell a lifting the query side lost (a
-- backup restored there) from a restriction this side lost, instead of bringing the restriction back.
-- The day the youth was told is empty only for a restriction the backbone ended (the query side's own
-- record of an erasure, or of a later decision a restored backup had lost).
-- The times are the query side's, so that both sides' rows compare on one clock. Nothing about the youth
-- but its pseudonym; removed with the youth's erasure.
create table processing_restriction_lifting (
    subject_ref         varchar(80)  not null,
    ground              varchar(40)  not null,
    decided_by          varchar(200) not null,
    restricted_at       timestamptz  not null,
    lifted_by           varchar(200) not null,
    lifted_at           timestamptz  not null,
    subject_informed_on date,
    constraint processing_restriction_lifting_pk primary key (subject_ref)
);
