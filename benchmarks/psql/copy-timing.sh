# Sourced by the COPY-cost scripts here: runs psql against the scratch schema and times COPYs.
# Expects: $connection (psql connection options, an array), $schema (the scratch schema), $table and its
# $columns, and $batch (the file of rows to COPY).

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
