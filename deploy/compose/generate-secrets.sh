#!/usr/bin/env bash
# Writes deploy/compose/.env with fresh random deployment secrets (never committed: .gitignore): the
# pseudonym and master key, the access log's keys (Ed25519 signing key, its public key, the chain
# key; docs/security.md) and passwords. The pseudonym key, the master key and the chain key cannot be
# changed once data exists: keep the file safe and back it up with the database.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -e .env ]]; then
  echo ".env exists; not overwriting it (the keys in it protect stored data)" >&2
  exit 1
fi
umask 077
signing=$(mktemp)
trap 'rm -f "$signing"' EXIT
openssl genpkey -algorithm ed25519 -outform DER -out "$signing"
{
  echo "KETENBUS_CRYPTO_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)"
  echo "KETENBUS_CRYPTO_MASTER_KEY=$(head -c 32 /dev/urandom | base64)"
  echo "KETENBUS_INTERNAL_SECRET=$(head -c 32 /dev/urandom | base64)"
  echo "KETENBUS_AUDIT_PRIVATE_KEY=$(base64 -w0 "$signing")"
  echo "KETENBUS_AUDIT_PUBLIC_KEY=$(openssl pkey -in "$signing" -inform DER -pubout -outform DER | base64 -w0)"
  echo "KETENBUS_AUDIT_CHAIN_KEY=$(head -c 32 /dev/urandom | base64)"
  echo "POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  echo "KETENBUS_DB_APP_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  # The broker's SCRAM logins: one per backbone service and one per partner (hand each partner its own).
  echo "KAFKA_PASSWORD_COMMAND=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  echo "KAFKA_PASSWORD_QUERY=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  for partner in POLITIE OM GEMEENTE JEUGDRECLASSERING RVDK HALT LEERPLICHT JONGERENWERK JEUGDHULP ONDERWIJS ZVH ONDERMIJNING; do
    echo "KAFKA_PASSWORD_${partner}=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  done
  echo "KEYCLOAK_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
} > .env
echo "wrote $(pwd)/.env"
