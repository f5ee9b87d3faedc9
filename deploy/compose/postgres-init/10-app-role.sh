#!/usr/bin/env bash
# The role both services run as (docs/operations.md, "Database roles"): it may log in and use what
# Flyway's afterMigrate.sql grants it, and owns nothing. The password comes from the environment
# (generate-secrets.sh), never from this file.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$KETENBUS_DB_APP_PASSWORD" <<'SQL'
create role ketenbus_app login password :'app_password';
grant connect, temporary on database ketenbus to ketenbus_app;
SQL
