#!/usr/bin/env bash
# Upgrade and rollback test of the offline bundle (issue 13), in a throw-away root:
#
#   deploy/test/upgrade.sh [--bundle FILE.tar.gz] [--db embedded|pg|both]
#
# 1. installs the bundle (version A) and writes a record through the app's own job (the demo
#    seed), so there is data to lose;
# 2. upgrades to "A+next" (the same files under a new version number, manifest rewritten): the
#    upgrade succeeds, `current` points to the new release, a pre-upgrade backup exists, the data
#    is intact;
# 3. upgrades to "A+broken" (a server that exits at start, manifest rewritten so it passes the
#    checks): health check fails → automatic rollback: `current` back to A+next, the database
#    restored, the service answering again, and the script exits non-zero saying 已回滚.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUNDLE=""
DB=both
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) echo "未知参数：$1" >&2; exit 2 ;;
  esac
done
if [ -z "$BUNDLE" ]; then
  # shellcheck disable=SC2012
  BUNDLE=$(ls -1t dist/land-reserve-*-linux-x64.tar.gz 2>/dev/null | head -1 || true)
  [ -n "$BUNDLE" ] || { echo "没有安装包：先运行 npm run bundle -- --arch x64" >&2; exit 2; }
fi
BUNDLE=$(cd "$(dirname "$BUNDLE")" && pwd)/$(basename "$BUNDLE")

# shellcheck source=deploy/test/lib.sh
. deploy/test/lib.sh # (the working folder is the repository root)
test_setup "$BUNDLE" lr-upgrade-test
VERSION=$(sed -n 's/^ "version": "\([^"]*\)".*/\1/p' "$SRC/manifest.json")

# A copy of the bundle under another version; its manifest (SHA-256 and SM3) rewritten after `edit`.
variant() { # variant <dir> <version suffix> [edit command]
  local dir=$1 suffix=$2
  shift 2
  cp -a "$SRC" "$dir"
  [ $# -eq 0 ] || "$@" "$dir"
  "$dir/node/bin/node" -e '
    const fs = require("node:fs"), path = require("node:path"), { createHash } = require("node:crypto");
    const [dir, version] = process.argv.slice(1);
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
    m.version = version;
    m.files = m.files.map((f) => {
      const data = fs.readFileSync(path.join(dir, f.path));
      return { ...f, size: data.length, sha256: createHash("sha256").update(data).digest("hex"), sm3: createHash("sm3").update(data).digest("hex") };
    });
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(m, null, 1) + "\n");
    fs.writeFileSync(path.join(dir, "manifest.sha256"), m.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
  ' "$dir" "$VERSION$suffix"
}
break_server() { printf 'console.error("测试：启动即退出"); process.exit(3);\n' >"$1/app/server.js"; }

NEXT="$WORK/next"
BROKEN="$WORK/broken"
variant "$NEXT" "-next"
variant "$BROKEN" "-broken" break_server

run_case() { # run_case <name> <port> <install args...>
  local name=$1 port=$2
  shift 2
  local root="$WORK/$name/root" url="http://127.0.0.1:$port"
  mkdir -p "$WORK/$name"
  echo
  echo "== $name"
  "$SRC/deploy/install.sh" --prefix "$root" --port "$port" --yes --start "$@" >"$WORK/$name/install.log" 2>&1 || { fail "安装失败：$(tail -5 "$WORK/$name/install.log")"; return; }
  # Data to keep: the demo seed through the installed release's job (server stopped: PGlite).
  local rel pid
  rel=$(readlink -f "$root/opt/land-reserve/current")
  pid=$(cat "$root/var/lib/land-reserve/app.pid")
  kill -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  # shellcheck disable=SC1091
  (cd "$rel/app" && set -a && . "$root/etc/land-reserve/app.env" && set +a && "$rel/node/bin/node" jobs/seed.cjs >/dev/null 2>&1) || fail "演示数据作业失败"
  "$SRC/deploy/install.sh" --prefix "$root" --port "$port" --yes --start "$@" >>"$WORK/$name/install.log" 2>&1 || fail "重新启动失败"
  local health_before
  health_before=$(curl -fsS "$url/api/health" || true)

  if "$NEXT/deploy/upgrade.sh" --prefix "$root" >"$WORK/$name/up-next.log" 2>&1; then
    pass "升级到 $VERSION-next 成功"
  else
    fail "升级失败：$(tail -8 "$WORK/$name/up-next.log")"
  fi
  [ "$(readlink -f "$root/opt/land-reserve/current")" = "$root/opt/land-reserve/releases/$VERSION-next" ] && pass "current → $VERSION-next" || fail "current 未切换：$(readlink -f "$root/opt/land-reserve/current")"
  compgen -G "$root/var/backups/land-reserve/pre-upgrade-*/*" >/dev/null && pass "升级前备份：$(find "$root/var/backups/land-reserve" -maxdepth 1 -name 'pre-upgrade-*' -printf '%f\n' | head -1)" || fail "没有升级前备份"
  curl -fsS "$url/api/health" | grep -q '"reachable":true' && pass "升级后服务正常" || fail "升级后服务异常"

  local out rc=0
  out=$(LR_HEALTH_TIMEOUT=20 "$BROKEN/deploy/upgrade.sh" --prefix "$root" 2>&1) || rc=$?
  [ "$rc" != 0 ] && pass "损坏的新版本：upgrade.sh 以失败退出" || fail "损坏的新版本竟然升级成功"
  echo "$out" | grep -q '已回滚到' && pass "$(echo "$out" | grep -m1 '已回滚到' | sed 's/^✗ //')" || fail "没有回滚：$(echo "$out" | tail -8)"
  [ "$(readlink -f "$root/opt/land-reserve/current")" = "$root/opt/land-reserve/releases/$VERSION-next" ] && pass "current 回到 $VERSION-next" || fail "current 未回滚：$(readlink -f "$root/opt/land-reserve/current")"
  local health_after
  health_after=$(curl -fsS "$url/api/health" || true)
  echo "$health_after" | grep -q '"reachable":true' && pass "回滚后服务正常" || fail "回滚后服务异常：$health_after"
  [ -n "$health_before" ] || fail "升级前健康检查无结果"
  if [ "$name" = postgres ]; then
    local n
    n=$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc 'SELECT count(*) FROM parcels')
    [ "${n:-0}" -gt 0 ] && pass "回滚后数据完整（地块 $n 宗）" || fail "回滚后数据丢失（地块 ${n:-0} 宗）"
  else
    local jar="$WORK/$name/leader.jar"
    login "$url" leader "${DEMO_PASSWORD:-Demo@2026}" "$jar" || fail "回滚后演示用户 leader 无法登录"
    curl -fsS -b "$jar" "$url/parcels" | grep -qE '共 (<!-- -->)?300' && pass "回滚后数据完整（地块列表 300 宗）" || fail "回滚后地块列表不完整"
  fi
}

case "$DB" in embedded | both) run_case embedded 3473 --embedded ;; esac
case "$DB" in
  pg | both)
    PG_DB="lr_upgrade_test_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PG_DB"
    run_case postgres 3474 --database-url "postgres://postgres@127.0.0.1:5432/$PG_DB"
    ;;
esac

echo
if [ "$FAILS" = 0 ]; then echo "升级与回滚测试通过"; else echo "升级与回滚测试失败：$FAILS 项" >&2; exit 1; fi
