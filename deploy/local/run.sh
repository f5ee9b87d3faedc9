#!/usr/bin/env bash
# Runs the whole backbone on this machine: builds the services, then starts PostgreSQL (the local
# server on 127.0.0.1:5432 if it answers, else an embedded one), a Kafka broker in-process and both
# services. Ctrl-C stops everything. Data, logs and dev keys live in .ketenbus/ and are kept between
# runs; `deploy/local/run.sh --fresh` starts over with an empty backbone.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
exec ./mvnw -B -q -pl dev-infrastructure exec:java -Dexec.args="$PWD $*"
