#!/usr/bin/env bash
# Fresh embedded database with demo data and the e2e accounts, then `next start`.
set -euo pipefail
port="${1:-3300}"
export DATA_DIR="${E2E_DATA_DIR:-.tmp/e2e-data}"
# info: the log then holds what operators see; `npm run check:logs` scans it for passwords, keys,
# SQL parameters and personal numbers after the run (.ci/run).
export LOG_LEVEL="${LOG_LEVEL:-info}"
log="${E2E_SERVER_LOG:-.tmp/e2e-server.log}"
rm -rf "$DATA_DIR"
mkdir -p "$(dirname "$log")"
: >"$log"
node_modules/.bin/tsx scripts/prepare-db.ts
node_modules/.bin/tsx tests/e2e/seed-e2e.ts
# The server's output goes to the log file as well as to Playwright (which shows stderr).
exec node_modules/.bin/next start -p "$port" > >(tee -a "$log") 2> >(tee -a "$log" >&2)
