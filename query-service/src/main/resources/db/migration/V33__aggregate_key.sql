-- The secret of the counts' cell keys (ADR 0035): each youth's and each event's record key is derived from
-- it, and every count is perturbed by its cell's key. Made once, here, from the database's strong random
-- source (gen_random_uuid), so that it is in no repository, no setting and no command line, and never leaves
-- the database: the counting query joins it. Every query node reads the same key, and a restore brings it
-- back with the history. It must never change: a new key would give every table new noise, and the
-- difference between an answer before and one after would average the noise away (afterMigrate.sql takes
-- the right to change it from the service's role).
create table aggregate_key (
    singleton boolean not null default true,
    secret    char(64) not null,
    constraint aggregate_key_pk primary key (singleton),
    constraint aggregate_key_singleton check (singleton)
);

insert into aggregate_key (secret)
select replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
