#!/usr/bin/env bash
# What the read models' indexes by youth cost a COPY (docs/benchmarks.md, issue 21; Flyway V22, V23).
# Builds tables shaped like query.timeline_entry and query.audience_view in a scratch schema "iy" of the
# database given (default: test on 127.0.0.1): 1,000,000 facts over 20,000 youths (pseudonyms as long as
# the command side's, twelve event types, ids ordered by time as the store's are), and 1,000,000 views of
# them in one generation. Then times a COPY of 100,000 new rows in a transaction that is rolled back,
# three times each: the facts with the index by youth before V23 (youth, occurred, recorded, id) and
# with V23's (youth, type), each index's size, and the report's latest assessment per offence with each;
# the views with the index by youth before V22 and without it. Drops "iy".
# Usage: benchmarks/psql/index-by-youth.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
schema=iy
source "$(dirname "$0")/copy-timing.sh"

psql -q -X -v ON_ERROR_STOP=1 -v timeline_entry_table="$timeline_entry_table" ${connection[@]} <<'SQL'
drop schema if exists iy cascade;
create schema iy;
set search_path = iy;
create table youth as
select n, 'ps-' || translate(rtrim(encode(sha256(('youth-' || n)::bytea), 'base64'), '='), '+/', '-_') as subject_ref
from generate_series(0, 19999) n;
create table facts as
select lpad(to_hex(e), 12, '0') || '-7000-8000-' || left(md5(e::text), 12) as event_id, y.subject_ref,
       'nl.ketenbus.type-' || (e % 12) || '.v1' as event_type, 'urn:ketenbus:politie:bvh' as source,
       (array['POLITIE','OM','HALT','RVDK'])[1 + e % 4] as source_organisation,
       now() - interval '1000 days' + e * interval '80 seconds' + random() * interval '3 days' as occurred_at,
       now() - interval '1000 days' + e * interval '80 seconds' as recorded_at, e as stream_sequence,
       jsonb_build_object('subjectRef', y.subject_ref, 'signalId', 'sig-' || e, 'category', 'BEZIT',
                          'indicator', 'MULTIPLE_PHONES', 'observedOn', '2026-03-14', 'note', repeat('x', 60)) as data,
       case when e % 10 = 0 then 'actor-' || (e % 37) end as actor,
       '00-' || md5(e::text) || '-' || left(md5((e + 1)::text), 16) || '-01' as traceparent
from generate_series(1, 1100000) e join youth y on y.n = (e::bigint * 7919) % 20000;
:timeline_entry_table;
insert into timeline_entry select * from facts where stream_sequence <= 1000000;
create table fact_batch as select * from facts where stream_sequence > 1000000;
alter table timeline_entry add constraint timeline_entry_pk primary key (event_id);
create index timeline_entry_by_occurrence on timeline_entry (occurred_at);
create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null;
create table audience_view (
    generation integer not null, subject_ref varchar(80) not null, event_id varchar(255) not null,
    event_type varchar(200) not null, data_category varchar(40) not null, source_organisation varchar(40) not null,
    occurred_at timestamptz not null, recorded_at timestamptz not null, stream_sequence bigint, data jsonb not null,
    redacted text[] not null, covenant_id varchar(100) not null, covenant_version integer not null,
    audiences text[] not null, rule_ids text[] not null, trace_id uuid);
create table views as
select 2 as generation, subject_ref, event_id, event_type, 'SIGNAL' as data_category, source_organisation,
       occurred_at, recorded_at, stream_sequence, data - 'note' as data, array['note'] as redacted,
       'pga-convenant-2026' as covenant_id, 3 as covenant_version,
       array['POLITIE/PROFESSIONAL/signaaloverleg', 'LEERPLICHT/PROFESSIONAL/signaaloverleg'] as audiences,
       array['SIG-01', 'SIG-02'] as rule_ids, md5(traceparent)::uuid as trace_id
from facts;
insert into audience_view select * from views where stream_sequence <= 1000000;
create table view_batch as select * from views where stream_sequence > 1000000;
drop table facts, views;
create unique index audience_view_key on audience_view
    (generation, subject_ref, occurred_at, recorded_at, stream_sequence, event_id, (audiences[1])) nulls not distinct;
create index audience_view_group on audience_view ((data->>'groupId'), generation) where data_category = 'GROUP';
create index audience_view_casework on audience_view (generation, event_type, recorded_at)
    where event_type in ('nl.ketenbus.type-1.v1', 'nl.ketenbus.type-2.v1');
SQL

table=timeline_entry columns="$timeline_entry_columns" batch="$work/facts.txt"
sql "\\copy fact_batch ($columns) to '$batch'"
# The report's latest assessment of each offence's youth (AggregateCounts), the read that leaned on the
# old index's order most: the second of two runs, warm.
latest_assessment() {
    psql -q -X -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = $schema" -c "analyze timeline_entry" \
        -c '\timing on' -c "$1" -c "$1" \
        | awk '/^Time/ { last = $2 } END { printf "%.0f ms\n", last }' | sed "s/^/$2: /"
}
report="select count(assessed) from (select (select a.occurred_at from timeline_entry a
    where a.subject_ref = t.subject_ref and a.event_type = 'nl.ketenbus.type-3.v1'
    order by a.occurred_at desc limit 1) as assessed from timeline_entry t
    where t.occurred_at >= now() - interval '100 days' and t.event_type = 'nl.ketenbus.type-0.v1') offences"
index_size() {
    psql -q -X -A -t ${connection[@]} -c "select pg_size_pretty(pg_relation_size('$schema.$2'))" | sed "s/^/$1: /"
}

sql "create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id)"
index_size "the facts' index by youth before V23" timeline_entry_by_subject
timed_copies "facts, by youth before V23 (youth, occurred, recorded, id)"
latest_assessment "$report" "report's latest assessments, before V23"
sql "drop index timeline_entry_by_subject"
sql "create index timeline_entry_by_subject on timeline_entry (subject_ref, event_type)"
index_size "the facts' index by youth since V23" timeline_entry_by_subject
timed_copies "facts, by youth since V23 (youth, type)"
latest_assessment "$report" "report's latest assessments, since V23"

table=audience_view batch="$work/views.txt"
columns="generation, subject_ref, event_id, event_type, data_category, source_organisation, occurred_at, \
recorded_at, stream_sequence, data, redacted, covenant_id, covenant_version, audiences, rule_ids, trace_id"
sql "\\copy view_batch ($columns) to '$batch'"
sql "create index audience_view_by_subject on audience_view (subject_ref, generation)"
timed_copies "views, with by youth before V22"
sql "drop index audience_view_by_subject"
timed_copies "views, without by youth since V22"
psql -q -X ${connection[@]} -c "set client_min_messages = warning" -c "drop schema iy cascade"
