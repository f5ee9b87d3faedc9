-- Whether a youth is on the signal meeting's agenda, from the backbone's own conclusions: it has a
-- signal match, or its latest assessment proposes it for the PGA or routes it to the ondermijning
-- approach. Covenant rules marked whileOnAgenda (e.g. the name for the signal meeting) hold only then.
create table agenda_standing (
    subject_ref varchar(80) not null,
    matched     boolean     not null,
    proposed    boolean     not null,
    constraint agenda_standing_pk primary key (subject_ref)
);
