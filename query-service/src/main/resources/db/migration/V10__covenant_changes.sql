-- A covenant change under four eyes (ADR 0017). A built generation no longer goes live by itself:
-- it waits READY (written live like the active one) until a privacy officer approved its change;
-- the generation that served before stays READY as the standby a rollback returns to.
alter table read_model_generation drop constraint read_model_generation_state,
    add constraint read_model_generation_state check (state in ('BUILDING', 'READY', 'ACTIVE', 'RETIRED'));

-- Every proposed change and what became of it: the audited facts of who proposed, who approved or
-- refused with which impact report in front of them, and when the switch happened. INSTALL is the
-- first covenant of an installation (read from the deployment's file; nothing to compare it with).
create table covenant_change (
    change_id          integer generated always as identity,
    kind               varchar(10)  not null,
    generation         integer      not null,
    replaces           integer,
    covenant_id        varchar(100) not null,
    covenant_version   integer      not null,
    state              varchar(10)  not null,
    proposed_by        varchar(200) not null,
    proposed_at        timestamptz  not null default now(),
    decided_by         varchar(200),
    decided_at         timestamptz,
    decision_reason    varchar(1000),
    report_sha256      char(64),
    switched_at        timestamptz,
    constraint covenant_change_pk primary key (change_id),
    constraint covenant_change_kind check (kind in ('INSTALL', 'PROPOSAL', 'ROLLBACK')),
    constraint covenant_change_state check (state in ('PENDING', 'APPROVED', 'REFUSED', 'SWITCHED')),
    constraint covenant_change_generation foreign key (generation) references read_model_generation (generation)
);

-- One change at a time: a second proposal waits until the first is switched or refused.
create unique index covenant_change_one_open on covenant_change ((true)) where state in ('PENDING', 'APPROVED');

-- The impact reports computed for a change, by their SHA-256: an approval names the one it was given.
create table covenant_impact_report (
    change_id     integer     not null,
    report_sha256 char(64)    not null,
    computed_at   timestamptz not null default now(),
    report        jsonb       not null,
    constraint covenant_impact_report_pk primary key (change_id, report_sha256),
    constraint covenant_impact_report_change foreign key (change_id) references covenant_change (change_id)
);

-- Installations from before this migration: their active generation was installed from the file.
insert into covenant_change (kind, generation, covenant_id, covenant_version, state, proposed_by, proposed_at,
                             decided_by, decided_at, switched_at)
select 'INSTALL', generation, covenant_id, covenant_version, 'SWITCHED', 'deployment (before V10)', created_at,
       'deployment (before V10)', activated_at, activated_at
from read_model_generation where state = 'ACTIVE';

-- A generation being built at the upgrade becomes a proposal that waits for an approval, or the
-- installation when nothing serves yet.
insert into covenant_change (kind, generation, replaces, covenant_id, covenant_version, state, proposed_by,
                             proposed_at)
select case when a.generation is null then 'INSTALL' else 'PROPOSAL' end, b.generation, a.generation,
       b.covenant_id, b.covenant_version, case when a.generation is null then 'APPROVED' else 'PENDING' end,
       'deployment (before V10)', b.created_at
from read_model_generation b left join read_model_generation a on a.state = 'ACTIVE'
where b.state = 'BUILDING';
