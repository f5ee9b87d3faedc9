#!/usr/bin/env bash
# What the order of event ids costs a COPY of timeline entries and of stored events (docs/benchmarks.md,
# issue 21). Builds a table shaped like query.timeline_entry with its four indexes in a scratch schema
# "tx" of the database given (default: test on 127.0.0.1): $FACTS facts (default 1,000,000) over 2,000
# youths with random (version 4) ids, as every event id was before time-ordered ids, and a table shaped
# like the command side's domain_event_entry with its three indexes and as many events. Then, for each
# table, after a vacuum and a checkpoint each time, a COPY of 100,000 newer rows in a transaction rolled
# back: once with random ids, once with ids ordered by time (version 7, RFC 9562), alternated, three
# times each. Prints each COPY's time, the WAL
# it wrote and how many of its WAL records were full-page images. Drops "tx" at the end.
# Usage: [FACTS=n] benchmarks/psql/event-id-order.sh [psql connection options]
set -euo pipefail
connection=("${@:--h 127.0.0.1 -U postgres -d test}")
facts=${FACTS:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
schema=tx table=timeline_entry
source "$(dirname "$0")/copy-timing.sh"
columns="$timeline_entry_columns"

psql -q -X -v ON_ERROR_STOP=1 -v facts="$facts" -v timeline_entry_table="$timeline_entry_table" \
    ${connection[@]} <<'SQL'
drop schema if exists tx cascade;
create schema tx;
set search_path = tx;
:timeline_entry_table;
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
create table domain_event_entry (
    global_index bigint not null, aggregate_identifier varchar(255) not null, sequence_number bigint not null,
    type varchar(255), event_identifier varchar(255) not null, meta_data bytea, payload bytea not null,
    payload_revision varchar(255), payload_type varchar(255) not null, time_stamp varchar(255) not null);
insert into domain_event_entry
select row_number() over (order by recorded_at), subject_ref, stream_sequence, 'Subject', event_id,
       convert_to('{"traceparent":"' || traceparent || '"}', 'UTF8'), convert_to(data::text, 'UTF8'), null,
       'nl.ketenbus.events.signal.SignalRaised', to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from facts order by recorded_at;
create table store_batch as
select global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
       payload_revision, payload_type, time_stamp from domain_event_entry order by global_index offset :facts;
create table store_batch_ordered as
select b.global_index, b.aggregate_identifier, b.sequence_number, b.type, o.event_id as event_identifier,
       b.meta_data, b.payload, b.payload_revision, b.payload_type, b.time_stamp
from store_batch b join (select event_id, row_number() over (order by recorded_at) as n from batch_ordered) o
    on o.n = b.global_index - :facts order by b.global_index;
delete from domain_event_entry where global_index > :facts;
drop table facts;
alter table domain_event_entry add constraint domain_event_entry_pk primary key (global_index);
alter table domain_event_entry add constraint domain_event_entry_stream_uk unique (aggregate_identifier, sequence_number);
alter table domain_event_entry add constraint domain_event_entry_event_uk unique (event_identifier);
vacuum analyze domain_event_entry;
alter table timeline_entry add constraint timeline_entry_pk primary key (event_id);
create index timeline_entry_by_subject on timeline_entry (subject_ref, occurred_at, recorded_at, event_id);
create index timeline_entry_by_occurrence on timeline_entry (occurred_at);
create index timeline_entry_by_actor on timeline_entry (actor, recorded_at) where actor is not null;
vacuum analyze timeline_entry;
SQL
sql "\\copy batch to '$work/random.txt'"
sql "\\copy batch_ordered to '$work/ordered.txt'"
sql "\\copy store_batch to '$work/store-random.txt'"
sql "\\copy store_batch_ordered to '$work/store-ordered.txt'"
store_columns="global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, \
payload_revision, payload_type, time_stamp"

# timed_copy LABEL FILE TABLE COLUMNS: a vacuum (a rolled-back COPY leaves its index entries behind) and a
# checkpoint, then the COPY in a transaction rolled back; prints its time, the WAL it wrote and the
# full-page images.
timed_copy() {
    sql "vacuum $3"
    psql -q -X -At -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = tx" -c 'checkpoint' \
        -c "select pg_current_wal_lsn(), wal_fpi from pg_stat_wal" -c '\timing on' -c 'begin' \
        -c "\\copy $3 ($4) from '$2'" -c 'rollback' -c '\timing off' \
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
    timed_copy "timeline_entry, random ids" "$work/random.txt" timeline_entry "$columns"
    timed_copy "timeline_entry, time-ordered ids" "$work/ordered.txt" timeline_entry "$columns"
done
for run in 1 2 3; do
    timed_copy "domain_event_entry, random ids" "$work/store-random.txt" domain_event_entry "$store_columns"
    timed_copy "domain_event_entry, time-ordered ids" "$work/store-ordered.txt" domain_event_entry "$store_columns"
done
psql -q -X ${connection[@]} -c "set client_min_messages = warning" -c "drop schema tx cascade"
