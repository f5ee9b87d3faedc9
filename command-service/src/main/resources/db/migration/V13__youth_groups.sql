-- The groups of the group approach (groepsaanpak) as the command side decides on them: the director,
-- the step of the seven-step model, the organisations taking part, and the members by pseudonym. The
-- facts themselves are on each member's stream (nl.ketenbus.group.*), written in the same transaction
-- as these rows; a group's row is locked while a command on it is decided.
create table youth_group (
    group_id         varchar(100) not null,
    director_user_id varchar(100) not null,
    step             varchar(40)  not null,
    participants     text[]       not null,
    formed_at        timestamptz  not null,
    constraint youth_group_pk primary key (group_id)
);

create table youth_group_member (
    group_id    varchar(100) not null references youth_group (group_id),
    subject_ref varchar(80)  not null,
    case_id     varchar(100),
    joined_at   timestamptz  not null,
    constraint youth_group_member_pk primary key (group_id, subject_ref)
);
