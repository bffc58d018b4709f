#!/usr/bin/env bash
# What the tests need beyond `npm install`, on a fresh Debian machine (run by `npm test` before the
# tests and by .ci/run): the Postgres server for the real-Postgres tests (tests/setup/real-postgres.ts
# starts its own cluster in a temporary directory; no cluster of the package is created or left
# running) and poppler-utils, whose pdftotext/pdfinfo read exported PDFs back. Idempotent: does
# nothing when both are there.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "installing Debian packages the tests need: ${missing[*]}"
# No default cluster on port 5432: the tests make their own.
$SUDO mkdir -p /etc/postgresql-common
echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
