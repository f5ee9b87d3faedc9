#!/usr/bin/env bash
# What a COPY of audience entries costs PostgreSQL, by index (docs/benchmarks.md, issue 21).
# Builds a table shaped like query.audience_entry in a scratch schema "ix" of the database given
# (default: test on 127.0.0.1), 1,000,000 entries (200,000 events over 2,000 youths, five audiences
# each), then times a COPY of 100,000 new entries in a transaction that is rolled back, three times,
# first with the indexes before Flyway V18 and then with V18's one unique index. Drops "ix" at the end.
# Usage: benchmarks/psql/audience-entry-copy.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
schema=ix table=audience_entry batch="$work/batch.txt"
source "$(dirname "$0")/copy-timing.sh"
columns="audience_organisation, audience_role, purpose, event_id, subject_ref, event_type, data_category, \
source_organisation, occurred_at, recorded_at, stream_sequence, data, redacted, rule_id, covenant_id, \
covenant_version, generation"

psql -q -X -v ON_ERROR_STOP=1 ${connection[@]} <<'SQL'
drop schema if exists ix cascade;
create schema ix;
set search_path = ix;
create table audience_entry (
    audience_organisation varchar(40) not null, audience_role varchar(40) not null, purpose varchar(100) not null,
    event_id varchar(255) not null, subject_ref varchar(80) not null, event_type varchar(200) not null,
    data_category varchar(40) not null, source_organisation varchar(40) not null, occurred_at timestamptz not null,
    recorded_at timestamptz not null, stream_sequence bigint, data jsonb not null, redacted text[] not null,
    rule_id varchar(100) not null, covenant_id varchar(100) not null, covenant_version integer not null,
    generation integer not null);
insert into audience_entry
select (array['POLITIE','GEMEENTE','JEUGDHULP','OM','RVDK'])[1 + a], 'PROFESSIONAL',
       (array['pga-casusregie','signaaloverleg','jeugdhulp','strafrecht','bescherming'])[1 + a],
       'evt-' || e, 'subj-' || md5((e % 2000)::text), 'nl.ketenbus.signal.raised.v1', 'SIGNAL', 'POLITIE',
       now() - (e || ' seconds')::interval, now() - (e || ' seconds')::interval + interval '1 minute', e / 2000,
       jsonb_build_object('subjectRef', 'subj-' || md5((e % 2000)::text), 'category', 'BEZIT',
                          'indicator', 'MULTIPLE_PHONES', 'observedAt', now()::text, 'note', repeat('x', 60)),
       '{}'::text[], 'AGD-0' || a, 'pga-convenant-2026', 3, 1
from generate_series(1, 200000) e, generate_series(0, 4) a;
create table batch as
select audience_organisation, audience_role, purpose, 'new-' || event_id as event_id, subject_ref, event_type,
       data_category, source_organisation, occurred_at, recorded_at, stream_sequence, data, redacted, rule_id,
       covenant_id, covenant_version, generation
from audience_entry where event_id in (select 'evt-' || g from generate_series(1, 20000) g);
create index audience_entry_casework on audience_entry
    (generation, audience_organisation, audience_role, purpose, event_type, recorded_at)
    where event_type in ('nl.ketenbus.assessment.signals-matched.v1', 'nl.ketenbus.assessment.target-group-assessed.v1');
create index audience_entry_group on audience_entry ((data->>'groupId'), generation) where data_category = 'GROUP';
create index audience_entry_by_subject on audience_entry (subject_ref, generation);
SQL
sql "\\copy batch to '$batch'"

sql "alter table audience_entry add constraint audience_entry_pk primary key
    (generation, subject_ref, audience_organisation, audience_role, purpose, event_id)"
sql "create index audience_entry_timeline on audience_entry (generation, audience_organisation, audience_role,
    purpose, subject_ref, occurred_at, recorded_at, stream_sequence, event_id)"
timed_copies "before V18 (primary key, timeline index, by youth, two partial)"

sql "alter table audience_entry drop constraint audience_entry_pk"
sql "drop index audience_entry_timeline"
sql "create unique index audience_entry_key on audience_entry (generation, subject_ref, audience_organisation,
    audience_role, purpose, occurred_at, recorded_at, stream_sequence, event_id) nulls not distinct"
timed_copies "after V18 (one unique index, by youth, two partial)"
psql -q -X ${connection[@]} -c "set client_min_messages = warning" -c "drop schema ix cascade"
