#!/usr/bin/env bash
# Install test of the offline bundle (issue 13): installs a bundle into a throw-away root with
# `install.sh --prefix … --start` (no systemd there) and checks it as ops and users would.
#
#   deploy/test/install.sh [--arch x64|arm64] [--bundle FILE.tar.gz] [--db embedded|pg|both]
#
# --arch arm64 runs the aarch64 bundle under user-mode emulation (deploy/test/arm64.sh prepares
# qemu). Without --bundle the newest dist/land-reserve-*-linux-<arch>.tar.gz is used, built first
# when there is none. PostgreSQL: 127.0.0.1:5432, user postgres (a database created and dropped).
#
# Checks, per database: install succeeds and prints the three one-time passwords; /api/health 200
# with the database reachable; the login page; a login as the created 系统管理员, who is sent to
# change the password first; a second install.sh changes nothing and keeps the accounts; a wrong
# architecture, a tampered bundle, an unreachable database, a port in use and a full disk are
# refused before anything changes; with demo data loaded
# by the seed job, one page per module answers 200 for the demo leader; a placeholder secret
# stops the server at start; upgrade.sh to the same version is a no-op; uninstall.sh keeps the data.
set -euo pipefail
cd "$(dirname "$0")/../.."

ARCH=x64
BUNDLE=""
DB=both
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) ARCH=$2; shift 2 ;;
    --bundle) BUNDLE=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) echo "未知参数：$1" >&2; exit 2 ;;
  esac
done

EMU=""
TIMEOUT=90
if [ "$ARCH" = arm64 ] && [ "$(uname -m)" != aarch64 ]; then
  EMU=$(command -v qemu-aarch64-static || true)
  [ -n "$EMU" ] || { echo "需要 qemu-aarch64-static：先运行 deploy/test/arm64.sh --setup" >&2; exit 2; }
  TIMEOUT=600
fi

if [ -z "$BUNDLE" ]; then
  # shellcheck disable=SC2012
  BUNDLE=$(ls -1t dist/land-reserve-*-linux-"$ARCH".tar.gz 2>/dev/null | head -1 || true)
  if [ -z "$BUNDLE" ]; then
    npm run bundle -- --arch "$ARCH" --skip-build
    # shellcheck disable=SC2012
    BUNDLE=$(ls -1t dist/land-reserve-*-linux-"$ARCH".tar.gz | head -1)
  fi
fi
BUNDLE=$(cd "$(dirname "$BUNDLE")" && pwd)/$(basename "$BUNDLE")
echo "安装包：$BUNDLE（$ARCH${EMU:+，经 $EMU 模拟}）"

# shellcheck source=deploy/test/lib.sh
. deploy/test/lib.sh # (the working folder is the repository root)
test_setup "$BUNDLE" lr-install-test

run_case() { # run_case <name> <port> <install args...>
  local name=$1 port=$2
  shift 2
  local root="$WORK/$name/root" out="$WORK/$name/install.log" url="http://127.0.0.1:$port"
  mkdir -p "$WORK/$name"
  echo
  echo "== $name：install.sh --prefix $root $*"
  if LR_ARCH_EMULATOR=$EMU LR_HEALTH_TIMEOUT=$TIMEOUT "$SRC/deploy/install.sh" --prefix "$root" --port "$port" --yes --start "$@" >"$out" 2>&1; then
    pass "install.sh 成功"
  else
    fail "install.sh 失败：$(tail -15 "$out")"
    return
  fi
  local sys_pw
  sys_pw=$(sed -n 's/.*系统管理员  用户名 sysadmin  一次性密码 \([^ ]*\).*/\1/p' "$out")
  [ -n "$sys_pw" ] && pass "打印了系统管理员的一次性密码" || fail "没有打印系统管理员的一次性密码：$(cat "$out")"
  grep -q '安全管理员  用户名 secadmin' "$out" && grep -q '审计管理员  用户名 auditadmin' "$out" && pass "打印了安全管理员、审计管理员" || fail "缺少安全管理员或审计管理员"
  grep -q 'NEXTAUTH_SECRET=.\{40,\}' "$root/etc/land-reserve/app.env" && ! grep -qi 'change_me' "$root/etc/land-reserve/app.env" && pass "app.env 的密钥为本机生成" || fail "app.env 的密钥不对"
  [ "$(stat -c %a "$root/etc/land-reserve/app.env")" = 640 ] && pass "app.env 权限 640" || fail "app.env 权限 $(stat -c %a "$root/etc/land-reserve/app.env")"

  local health
  health=$(curl -fsS "$url/api/health" || true)
  echo "$health" | grep -q '"reachable":true' && pass "/api/health：$health" || fail "/api/health 异常：$health"
  curl -fsS "$url/login" | grep -q '登录' && pass "登录页" || fail "登录页"

  local jar="$WORK/$name/admin.jar"
  if [ -n "$sys_pw" ] && login "$url" sysadmin "$sys_pw" "$jar"; then
    pass "以系统管理员 sysadmin 登录"
    local where
    where=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" "$url/admin/users")
    [[ "$where" == */profile/password* ]] && pass "首次登录须先修改密码（→ /profile/password）" || fail "未要求修改初始密码：$where"
  else
    fail "系统管理员无法登录"
  fi

  # Idempotent: a second run keeps the accounts and the settings.
  local env_before
  env_before=$(sha256sum "$root/etc/land-reserve/app.env")
  if LR_ARCH_EMULATOR=$EMU LR_HEALTH_TIMEOUT=$TIMEOUT "$SRC/deploy/install.sh" --prefix "$root" --port "$port" --yes --start "$@" >"$out.2" 2>&1; then
    grep -q '已有账号 sysadmin' "$out.2" && ! grep -q '一次性密码 ' "$out.2" && pass "再次运行：账号保留、不重置密码" || fail "再次运行改动了账号：$(grep -n '管理员' "$out.2")"
    [ "$env_before" = "$(sha256sum "$root/etc/land-reserve/app.env")" ] && pass "再次运行：app.env 未改动" || fail "再次运行改动了 app.env"
    curl -fsS "$url/api/health" >/dev/null && pass "再次运行后服务正常" || fail "再次运行后服务异常"
  else
    fail "再次运行 install.sh 失败：$(tail -10 "$out.2")"
  fi

  # Demo data by the seed job (never by install.sh), then one page per module as the demo leader.
  local rel
  rel=$(readlink -f "$root/opt/land-reserve/current")
  # The embedded database admits one process: stop the server for the job, then start it again.
  local pid
  pid=$(cat "$root/var/lib/land-reserve/app.pid")
  kill -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  # shellcheck disable=SC1091
  if (cd "$rel/app" && set -a && . "$root/etc/land-reserve/app.env" && set +a && ${EMU:+"$EMU"} "$rel/node/bin/node" jobs/seed.cjs >"$WORK/$name/seed.log" 2>&1) &&
    LR_ARCH_EMULATOR=$EMU LR_HEALTH_TIMEOUT=$TIMEOUT "$SRC/deploy/install.sh" --prefix "$root" --port "$port" --yes --start "$@" >"$out.3" 2>&1; then
    pass "演示数据作业（jobs/seed.cjs），服务重新启动"
    local ljar="$WORK/$name/leader.jar"
    if login "$url" leader "${DEMO_PASSWORD:-Demo@2026}" "$ljar"; then
      for page in /workbench /plans /projects /parcels /map /funds /funds/ledger /funds/bonds; do
        local code
        code=$(curl -s -o /dev/null -w '%{http_code}' -b "$ljar" "$url$page")
        [ "$code" = 200 ] && pass "$page 200" || fail "$page $code"
      done
      local tile
      tile=$(curl -s -o /dev/null -w '%{http_code}' -b "$ljar" "$url/api/map/worker")
      [ "$tile" = 200 ] && pass "/api/map/worker 200（地图工作线程已打包）" || fail "/api/map/worker $tile"
    else
      fail "演示用户 leader 无法登录"
    fi
  else
    fail "演示数据作业失败：$(tail -5 "$WORK/$name/seed.log")"
  fi

  # The server refuses a placeholder secret at start (exit 1, reason in Chinese), not per page.
  local bad_log="$WORK/$name/placeholder.log" code=0
  (cd "$rel/app" && env -i PATH=/usr/bin:/bin NODE_ENV=production DATA_DIR="$WORK/$name/placeholder-data" PORT=$((port + 10)) HOSTNAME=127.0.0.1 \
    NEXTAUTH_SECRET=CHANGE_ME_TO_A_LONG_RANDOM_STRING timeout "$TIMEOUT" ${EMU:+"$EMU"} "$rel/node/bin/node" server.js >"$bad_log" 2>&1) || code=$?
  [ "$code" = 1 ] && grep -q 'NEXTAUTH_SECRET' "$bad_log" && pass "占位密钥：服务拒绝启动（退出码 1）" || fail "占位密钥未被拒绝（退出码 $code）：$(tail -3 "$bad_log")"

  # upgrade.sh with the same version: a no-op that says so.
  if LR_ARCH_EMULATOR=$EMU "$SRC/deploy/upgrade.sh" --prefix "$root" >"$out.up" 2>&1 && grep -q '无需升级' "$out.up"; then pass "同版本 upgrade.sh 不做更改"; else fail "同版本 upgrade.sh：$(tail -5 "$out.up")"; fi

  # uninstall keeps configuration and data.
  if "$SRC/deploy/uninstall.sh" --prefix "$root" >"$out.un" 2>&1 && [ -f "$root/etc/land-reserve/app.env" ] && [ ! -d "$root/opt/land-reserve" ]; then
    pass "uninstall.sh 删除程序、保留配置与数据"
  else
    fail "uninstall.sh：$(tail -5 "$out.un")"
  fi
  curl -fsS -m 3 "$url/api/health" >/dev/null 2>&1 && fail "卸载后服务仍在运行" || pass "卸载后服务已停止"
}

# Refusals before anything changes: a tampered bundle, and (x64 only) the wrong architecture.
echo
echo "== 拒绝：被篡改的安装包、架构不符"
TAMPER="$WORK/tamper"
cp -a "$SRC" "$TAMPER"
echo "// changed" >>"$TAMPER/app/server.js"
if out=$(LR_ARCH_EMULATOR=$EMU "$TAMPER/deploy/install.sh" --prefix "$WORK/tamper-root" --embedded --port 3479 --yes 2>&1); then
  fail "被篡改的安装包竟然安装成功"
else
  echo "$out" | grep -q '校验失败' && pass "被篡改的安装包被拒绝：$(echo "$out" | grep -m1 '校验失败')" || fail "拒绝原因不对：$out"
  [ ! -d "$WORK/tamper-root/opt/land-reserve" ] && pass "拒绝时未做任何更改" || fail "拒绝前已写入文件"
fi
rm -rf "$TAMPER"
if [ -z "$EMU" ]; then
  WRONG="$WORK/wrong-arch"
  cp -a "$SRC" "$WRONG"
  sed -i 's/^ "arch": "x64"/ "arch": "arm64"/' "$WRONG/manifest.json"
  if out=$("$WRONG/deploy/install.sh" --prefix "$WORK/wrong-root" --embedded --port 3479 --yes 2>&1); then
    fail "架构不符的安装包竟然安装成功"
  else
    echo "$out" | grep -q '架构不符' && pass "架构不符被拒绝" || fail "拒绝原因不对：$out"
  fi
  rm -rf "$WRONG"
fi

# Refused before anything changes: an unreachable database, a port in use, a full disk.
refused() { # refused <label> <expected text> <env or ""> <install args...>
  local label=$1 expect=$2 envs=$3 root out
  shift 3
  root="$WORK/refused-$RANDOM"
  if out=$(env LR_ARCH_EMULATOR="$EMU" ${envs:+"$envs"} "$SRC/deploy/install.sh" --prefix "$root" --yes "$@" 2>&1); then
    fail "$label：竟然安装成功"
  elif echo "$out" | grep -q "$expect"; then
    [ ! -e "$root/etc/land-reserve" ] && [ ! -e "$root/opt/land-reserve" ] && pass "$label：拒绝（$(echo "$out" | grep -m1 "$expect" | sed 's/^✗ //')），未做更改" || fail "$label：拒绝前已写入文件"
  else
    fail "$label：拒绝原因不对：$(echo "$out" | tail -4)"
  fi
}
refused "数据库不可达" "数据库检查未通过" "" --database-url "postgres://postgres@127.0.0.1:1/none" --port 3479
# A listener on the port (the machine's own node: the test runs in the repository).
node -e 'require("node:net").createServer().listen(3478, "127.0.0.1"); setTimeout(() => process.exit(0), 60000)' >/dev/null 2>&1 &
BUSY=$!
sleep 1
refused "端口被占用" "端口 3478 已被占用" "" --embedded --port 3478
kill "$BUSY" 2>/dev/null || true
refused "磁盘空间不足" "磁盘空间不足" "LR_MIN_DISK_MB=999999999" --embedded --port 3479

case "$DB" in
  embedded | both) run_case embedded 3471 --embedded ;;
esac
case "$DB" in
  pg | both)
    PG_DB="lr_install_test_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PG_DB"
    run_case postgres 3472 --database-url "postgres://postgres@127.0.0.1:5432/$PG_DB"
    ;;
esac

echo
if [ "$FAILS" = 0 ]; then
  echo "安装测试通过（$ARCH）"
else
  echo "安装测试失败：$FAILS 项（$ARCH）" >&2
  exit 1
fi
