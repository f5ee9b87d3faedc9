#!/usr/bin/env bash
# How long Flyway V19 (audience entries as views) takes on a read model of 1,000,000 entries
# (docs/adr/0021-pipeline-speed.md, issue 21). Builds a table shaped like audience_entry before V19 in a
# scratch schema "mig" of the database given (default: test on 127.0.0.1): 200,000 events over 2,000
# youths, five audiences each, which see every event in two ways (one of them also sees the signal's
# id); then runs V19 itself in one transaction with psql's timing on. Drops "mig" at the end.
# Usage: benchmarks/psql/audience-view-migration.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
migration="$(dirname "$0")/../../query-service/src/main/resources/db/migration/V19__audience_views.sql"
{
    cat <<'SQL'
drop schema if exists mig cascade;
create schema mig;
set search_path = mig;
create table audience_entry (
    audience_organisation varchar(40) not null, audience_role varchar(40) not null, purpose varchar(100) not null,
    event_id varchar(255) not null, subject_ref varchar(80) not null, event_type varchar(200) not null,
    data_category varchar(40) not null, source_organisation varchar(40) not null, occurred_at timestamptz not null,
    recorded_at timestamptz not null, stream_sequence bigint, data jsonb not null, redacted text[] not null,
    rule_id varchar(100) not null, covenant_id varchar(100) not null, covenant_version integer not null,
    generation integer not null);
insert into audience_entry
select (array['politie','gemeente','jeugdhulp','om','rvdk'])[1 + a], 'PROFESSIONAL', 'pga-casusregie',
       'evt-' || e, 'subj-' || md5((e % 2000)::text), 'nl.ketenbus.signal.raised.v1', 'SIGNAL', 'politie',
       now() - (e || ' seconds')::interval, now() - (e || ' seconds')::interval + interval '1 minute', e / 2000,
       jsonb_build_object('subjectRef', 'subj-' || md5((e % 2000)::text), 'category', 'BEZIT',
                          'indicator', 'MULTIPLE_PHONES', 'observedOn', '2026-11-01',
                          'signalId', case when a = 1 then 's-' || e end),
       '{}'::text[], 'R-0' || a, 'c-1', 3, 1
from generate_series(1, 200000) e, generate_series(0, 4) a;
create unique index audience_entry_key on audience_entry (generation, subject_ref, audience_organisation,
    audience_role, purpose, occurred_at, recorded_at, stream_sequence, event_id) nulls not distinct;
create index audience_entry_by_subject on audience_entry (subject_ref, generation);
vacuum analyze audience_entry;
\timing on
begin;
SQL
    cat "$migration"
    cat <<'SQL'
commit;
\timing off
select count(*) as views from audience_view;
select count(*) as entries from audience_entry;
drop schema mig cascade;
SQL
} | psql -q -X -v ON_ERROR_STOP=1 ${connection[@]}
