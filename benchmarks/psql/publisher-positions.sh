#!/usr/bin/env bash
# The publisher's stored positions beside the store's head, every 5 s while a lag run goes on
# (docs/benchmarks.md, "The publisher's segments"; issue 21). Each line: the time, the store's highest
# global index, then segment:position for every segment of kafka-publisher, read from the newest schema
# whose name starts with the prefix (the lag harness's command schema: benchlc). Prints nothing until
# that schema has a store. Read-only.
# Usage: benchmarks/psql/publisher-positions.sh SECONDS [schema prefix] [psql connection options]
set -euo pipefail
seconds=${1:?how many seconds to watch}
prefix=${2:-benchlc}
shift $(( $# >= 2 ? 2 : 1 ))
connection=("${@:--h 127.0.0.1 -U postgres -d ketenbus_test}")
end=$(( $(date +%s) + seconds ))
while [ "$(date +%s)" -lt "$end" ]; do
  schema=$(psql -X -At ${connection[@]} -c "select nspname from pg_namespace where nspname like '${prefix}%' order by oid desc limit 1" 2>/dev/null || true)
  if [ -n "$schema" ]; then
    psql -X -At ${connection[@]} -c "select now()::time(0), (select max(global_index) from ${schema}.domain_event_entry),
        string_agg(segment || ':' || coalesce(substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)'), '-'), ' ' order by segment)
        from ${schema}.token_entry where processor_name = 'kafka-publisher'" 2>/dev/null || true
  fi
  sleep 5
done
