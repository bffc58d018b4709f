#!/usr/bin/env bash
# What the tests need beyond `npm install`, on a fresh Debian machine: the Postgres server for
# the real-Postgres tests (tests/setup/real-postgres.ts starts its own cluster in a temporary
# directory; no cluster of the package is created or left running). Idempotent.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
# No default cluster on port 5432: the tests make their own.
$SUDO mkdir -p /etc/postgresql-common
echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
