# Sourced by the COPY-cost scripts here: runs psql against the scratch schema and times COPYs.
# Expects: $connection (psql connection options, an array), $schema (the scratch schema), $table and its
# $columns, and $batch (the file of rows to COPY).

# The shape of query.timeline_entry (Flyway V1-V13) without its indexes, and its columns: a script that
# makes the table passes it to psql (-v timeline_entry_table="$timeline_entry_table") and writes
# :timeline_entry_table where the table is made.
timeline_entry_table="create table timeline_entry (
    event_id varchar(255) not null, subject_ref varchar(80) not null, event_type varchar(200) not null,
    source varchar(200) not null, source_organisation varchar(40) not null, occurred_at timestamptz not null,
    recorded_at timestamptz not null, stream_sequence bigint, data jsonb not null, actor varchar(40),
    traceparent varchar(55))"
timeline_entry_columns="event_id, subject_ref, event_type, source, source_organisation, occurred_at, \
recorded_at, stream_sequence, data, actor, traceparent"

# One statement in the scratch schema.
sql() { psql -q -X -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = $schema" -c "$1"; }

# timed_copies LABEL: vacuum and analyse the table, then three times a COPY of the batch into it in a
# transaction rolled back; prints the slowest statement of each, in ms, after LABEL.
timed_copies() {
    sql "vacuum analyze $table"
    for run in 1 2 3; do
        psql -q -X -v ON_ERROR_STOP=1 ${connection[@]} -c "set search_path = $schema" -c '\timing on' -c 'begin' \
            -c "\\copy $table ($columns) from '$batch'" -c 'rollback' \
            | awk '/^Time/ && $2 > slowest { slowest = $2 } END { printf "%.0f ms\n", slowest }'
    done | sed "s/^/$1: /"
}
