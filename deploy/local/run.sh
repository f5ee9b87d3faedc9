#!/usr/bin/env bash
# Runs the whole backbone on this machine: builds the services, then starts PostgreSQL (the local
# server on 127.0.0.1:5432 if it answers, else an embedded one), an in-process Kafka broker and
# both services. Ctrl-C stops everything. Logs and embedded data live in .ketenbus/.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
exec ./mvnw -B -q -pl dev-infrastructure exec:java -Dexec.args="$PWD"
