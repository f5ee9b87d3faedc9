#!/usr/bin/env bash
# What the order of event ids costs a COPY of timeline entries (docs/benchmarks.md, issue 21).
# Builds a table shaped like query.timeline_entry with its four indexes in a scratch schema "tx" of the
# database given (default: test on 127.0.0.1): $FACTS facts (default 1,000,000) over 2,000 youths with
# random (version 4) ids, as every event id was before time-ordered ids. Then, after a checkpoint each
# time, a COPY of 100,000 newer facts in a transaction rolled back: once with random ids, once with ids
# ordered by time (version 7, RFC 9562), alternated, three times each, each after a vacuum. Prints each COPY's time, the WAL
# it wrote and how many of its WAL records were full-page images. Drops "tx" at the end.
# Usage: [FACTS=n] benchmarks/psql/event-id-order.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
facts=${FACTS:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
columns="event_id, subject_ref, event_type, source, source_organisation, occurred_at, recorded_at, \
stream_sequence, data, actor, traceparent"
sql() { psql -q -X -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = tx" -c "$1"; }

psql -q -X -v ON_ERROR_STOP=1 -v facts="$facts" ${connection[@]} <<'SQL'
drop schema if exists tx cascade;
create schema tx;
set search_path = tx;
create table timeline_entry (
    event_id varchar(255) not null, subject_ref varchar(80) not null, event_type varchar(200) not null,
    source varchar(200) not null, source_organisation varchar(40) not null, occurred_at timestamptz not null,
    recorded_at timestamptz not null, stream_sequence bigint, data jsonb not null, actor varchar(40),
    traceparent varchar(55));
-- A version 7 id: 48 bits of milliseconds since 1970, then random bits (RFC 9562, section 5.7).
create function v7(at timestamptz) returns text language sql volatile as $$
    select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-'
           || substr('89ab', 1 + floor(random() * 4)::int, 1) || substr(r, 4, 3) || '-' || substr(r, 7, 12)
    from (select lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') as h,
                 md5(random()::text) as r) parts $$;
create table facts as
select gen_random_uuid()::text as event_id, 'subj-' || md5((e % 2000)::text) as subject_ref,
       'nl.ketenbus.signal.raised.v1' as event_type, 'urn:ketenbus:politie:bvh' as source,
       'POLITIE' as source_organisation, now() - ((:facts + 100000 - e) || ' seconds')::interval as occurred_at,
       now() - ((:facts + 100000 - e) || ' seconds')::interval + interval '1 second' as recorded_at,
       e / 2000 as stream_sequence,
       jsonb_build_object('subjectRef', 'subj-' || md5((e % 2000)::text), 'signalId', gen_random_uuid()::text,
                          'category', 'BEZIT', 'indicator', 'MULTIPLE_PHONES', 'observedOn', '2026-03-14',
                          'note', repeat('x', 60)) as data,
       'actor-' || md5((e % 50)::text) as actor,
       '00-' || md5(e::text) || '-' || left(md5((e + 1)::text), 16) || '-01' as traceparent
from generate_series(1, :facts + 100000) e;
insert into timeline_entry select * from facts order by occurred_at limit :facts;
create table batch as select * from facts order by occurred_at offset :facts;
create table batch_ordered as select v7(recorded_at) as event_id, subject_ref, event_type, source,
       source_organisation, occurred_at, recorded_at, stream_sequence, data, actor, traceparent
from batch order by recorded_at;
drop table facts;
alter table timeline_entry add constraint timeline_entry_pk primary key (event_id);
create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id);
create index timeline_entry_by_occurrence on timeline_entry (occurred_at);
create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null;
vacuum analyze timeline_entry;
SQL
sql "\\copy batch to '$work/random.txt'"
sql "\\copy batch_ordered to '$work/ordered.txt'"

# timed_copy LABEL FILE: a vacuum (a rolled-back COPY leaves its index entries behind) and a checkpoint,
# then the COPY in a transaction rolled back; prints its time, the WAL it wrote and the full-page images.
timed_copy() {
    sql "vacuum timeline_entry"
    psql -q -X -At -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = tx" -c 'checkpoint' \
        -c "select pg_current_wal_lsn(), wal_fpi from pg_stat_wal" -c '\timing on' -c 'begin' \
        -c "\\copy timeline_entry ($columns) from '$2'" -c 'rollback' -c '\timing off' \
        -c "select pg_current_wal_lsn(), wal_fpi from pg_stat_wal" \
        | awk -F'|' -v label="$1" '
            /^Time/ { split($0, t, " "); if (t[2] > slowest) slowest = t[2]; next }
            NF == 2 { lsn[++n] = $1; fpi[n] = $2 }
            END { printf "%s\t%.0f ms\t%s %s\t%d images\n", label, slowest, lsn[1], lsn[2], fpi[2] - fpi[1] }' \
        | while IFS=$'\t' read -r label time lsns images; do
            bytes=$(psql -X -At ${connection[@]} -c "select pg_wal_lsn_diff('${lsns#* }', '${lsns% *}')")
            printf '%s: %s, WAL %d MB, %s\n' "$label" "$time" $((bytes / 1048576)) "$images"
        done
}
for run in 1 2 3; do
    timed_copy "random ids" "$work/random.txt"
    timed_copy "time-ordered ids" "$work/ordered.txt"
done
psql -q -X ${connection[@]} -c "set client_min_messages = warning" -c "drop schema tx cascade"
