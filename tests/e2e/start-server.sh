#!/usr/bin/env bash
# Fresh embedded database with demo data and the e2e accounts, then `next start`.
set -euo pipefail
port="${1:-3300}"
export DATA_DIR="${E2E_DATA_DIR:-.tmp/e2e-data}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
rm -rf "$DATA_DIR"
node_modules/.bin/tsx scripts/prepare-db.ts
node_modules/.bin/tsx tests/e2e/seed-e2e.ts
exec node_modules/.bin/next start -p "$port"
