#!/usr/bin/env bash
# DEV-ONLY: prints a bearer token of the local run for any party and role, e.g.
#   deploy/local/token.sh halt professional
#   deploy/local/token.sh om publisher,professional om-officier-1 --hours=2
# Roles: publisher, professional, casusregisseur, analist, beleidsadviseur, privacy-officer,
# covenant-administrator. Signed by the local run's issuer key (.ketenbus/dev-issuer), so it works
# only against this checkout's local run, also after a restart.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -B -q -pl dev-infrastructure exec:java@token -Dexec.args="$PWD $*"
