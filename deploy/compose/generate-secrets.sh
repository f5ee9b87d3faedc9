#!/usr/bin/env bash
# Writes deploy/compose/.env with fresh random deployment secrets (never committed: .gitignore).
# The pseudonym key and the master key cannot be changed once data exists: keep the file safe.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -e .env ]]; then
  echo ".env exists; not overwriting it (the keys in it protect stored data)" >&2
  exit 1
fi
umask 077
{
  echo "KETENBUS_CRYPTO_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)"
  echo "KETENBUS_CRYPTO_MASTER_KEY=$(head -c 32 /dev/urandom | base64)"
  echo "POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  echo "KEYCLOAK_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
} > .env
echo "wrote $(pwd)/.env"
