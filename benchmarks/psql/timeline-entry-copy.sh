#!/usr/bin/env bash
# What a COPY of timeline entries costs PostgreSQL, by index (docs/benchmarks.md, issue 21).
# Builds a table shaped like query.timeline_entry in a scratch schema "tx" of the database given
# (default: test on 127.0.0.1): 600,000 facts over 2,000 youths with random ids (as partners' UUIDs
# are), then times a COPY of 100,000 new facts in a transaction that is rolled back, three times, with
# the indexes of Flyway V1-V13 and then without each in turn. Drops "tx" at the end.
# Usage: benchmarks/psql/timeline-entry-copy.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
schema=tx table=timeline_entry batch="$work/batch.txt"
source "$(dirname "$0")/copy-timing.sh"
columns="$timeline_entry_columns"

psql -q -X -v ON_ERROR_STOP=1 -v timeline_entry_table="$timeline_entry_table" ${connection[@]} <<'SQL'
drop schema if exists tx cascade;
create schema tx;
set search_path = tx;
:timeline_entry_table;
create table facts as
select gen_random_uuid()::text as event_id, 'subj-' || md5((e % 2000)::text) as subject_ref,
       'nl.ketenbus.signal.raised.v1' as event_type, 'urn:ketenbus:politie:bvh' as source,
       'POLITIE' as source_organisation, now() - ((700000 - e) || ' seconds')::interval as occurred_at,
       now() - ((700000 - e) || ' seconds')::interval + interval '1 second' as recorded_at, e / 2000 as stream_sequence,
       jsonb_build_object('subjectRef', 'subj-' || md5((e % 2000)::text), 'signalId', gen_random_uuid()::text,
                          'category', 'BEZIT', 'indicator', 'MULTIPLE_PHONES', 'observedOn', '2026-03-14',
                          'note', repeat('x', 60)) as data,
       'actor-' || md5((e % 50)::text) as actor,
       '00-' || md5(e::text) || '-' || left(md5((e + 1)::text), 16) || '-01' as traceparent
from generate_series(1, 700000) e;
insert into timeline_entry select * from facts order by occurred_at limit 600000;
create table batch as select * from facts order by occurred_at offset 600000;
drop table facts;
SQL
sql "\\copy batch to '$batch'"

sql "alter table timeline_entry add constraint timeline_entry_pk primary key (event_id)"
sql "create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id)"
sql "create index timeline_entry_by_occurrence on timeline_entry (occurred_at)"
sql "create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null"
timed_copies "today's four (primary key, by youth, by occurrence, by actor)"
sql "drop index timeline_entry_by_actor"
timed_copies "without by actor"
sql "create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null"
sql "drop index timeline_entry_by_occurrence"
timed_copies "without by occurrence"
sql "create index timeline_entry_by_occurrence on timeline_entry (occurred_at)"
sql "drop index timeline_entry_by_subject"
timed_copies "without by youth"
sql "create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id)"
sql "alter table timeline_entry drop constraint timeline_entry_pk"
timed_copies "without the primary key"
sql "drop index timeline_entry_by_subject"
sql "drop index timeline_entry_by_occurrence"
sql "drop index timeline_entry_by_actor"
timed_copies "no index"
psql -q -X ${connection[@]} -c "set client_min_messages = warning" -c "drop schema tx cascade"
