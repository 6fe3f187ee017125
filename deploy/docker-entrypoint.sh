#!/bin/sh
# Container entry (Dockerfile): `serve` (default) applies the migrations, then runs the server in
# the foreground; `migrate`, `check-db`, `admin-create`, `audit-verify`, `keys-rotate`, `ledger-tag`,
# `archives-verify` and `seed` run that job.
set -eu
cd /opt/land-reserve/app
node=/opt/land-reserve/node/bin/node
cmd=${1:-serve}
[ $# -eq 0 ] || shift
case "$cmd" in
  serve)
    "$node" jobs/migrate.cjs
    exec "$node" server.js
    ;;
  migrate | check-db | admin-create | audit-verify | keys-rotate | ledger-tag | archives-verify | seed)
    exec "$node" "jobs/$cmd.cjs" "$@"
    ;;
  *)
    echo "未知命令：$cmd（可用：serve、migrate、check-db、admin-create、audit-verify、keys-rotate、ledger-tag、archives-verify、seed）" >&2
    exit 2
    ;;
esac
