#!/usr/bin/env bash
# Backup / restore / drill test on PostgreSQL and on the embedded database, in throw-away roots
# under /tmp: backup -> restore-drill -> restores (empty target, non-empty target refused) ->
# tampered backup refused -> drills that must fail (wrong counts, broken audit chain).
# Needs: PostgreSQL reachable as PG_ADMIN_URL (trust or password in the URL), pg_dump/pg_restore,
# psql, node_modules in the repository. Exit 0 only when every check passes.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPLOY="$REPO/deploy"
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB_PREFIX=${TEST_DB_PREFIX:-lr_ops_brt}_$$
SRC_DB="${DB_PREFIX}_src"
DST_DB="${DB_PREFIX}_dst"
T=$(mktemp -d /tmp/lr-backup-test.XXXXXX)
VERIFY_CMD="npx tsx scripts/audit-verify.ts"
export LR_NODE=${LR_NODE:-$(command -v node)}

passed=0
failed=0
ok() {
  printf '  通过：%s\n' "$*"
  passed=$((passed + 1))
}
bad() {
  printf '  失败：%s\n' "$*"
  failed=$((failed + 1))
}
url_of() {
  # The admin URL with another database name.
  APP_DIR=$REPO node "$DEPLOY/lib/dbtool.mjs" with-database "$PG_ADMIN_URL" "$1"
}
psql_admin() {
  psql "$PG_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 "$@"
}
holder_pid='' prepare_pid=''
cleanup() {
  [[ -z $holder_pid ]] || kill "$holder_pid" 2>/dev/null || true
  if [[ -n $prepare_pid ]]; then
    kill -- -"$prepare_pid" 2>/dev/null || true
    wait "$prepare_pid" 2>/dev/null || true
  fi
  psql_admin -c "DROP DATABASE IF EXISTS \"$SRC_DB\"" -c "DROP DATABASE IF EXISTS \"$DST_DB\"" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT

# expect_ok NAME CMD... / expect_fail NAME PATTERN CMD...: run, keep the output in $T/out.
expect_ok() {
  local name=$1
  shift
  if "$@" >"$T/out" 2>&1; then ok "$name"; else
    bad "$name（退出码非零）"
    sed 's/^/      /' "$T/out" | tail -n 25
  fi
}
expect_fail() {
  local name=$1 pattern=$2
  shift 2
  if "$@" >"$T/out" 2>&1 </dev/null; then
    bad "$name（本应失败却成功）"
    sed 's/^/      /' "$T/out" | tail -n 15
  elif grep -q -- "$pattern" "$T/out"; then ok "$name"; else
    bad "$name（失败但没有提示「$pattern」）"
    sed 's/^/      /' "$T/out" | tail -n 15
  fi
}

# A content-addressed storage folder with a few files.
make_storage() {
  local dir=$1 i h
  mkdir -p "$dir"
  for i in 1 2 3; do
    printf '测试文件 %s\n' "$i" >"$T/f"
    h=$(openssl dgst -sm3 -r "$T/f" | cut -c1-64)
    mkdir -p "$dir/${h:0:2}"
    mv "$T/f" "$dir/${h:0:2}/$h"
  done
}

start=$(date +%s)
cd "$REPO"

# The embedded database is prepared in the background while the PostgreSQL part runs.
R2="$T/root-pglite"
D2="$R2/var/lib/land-reserve"
mkdir -p "$R2/etc/land-reserve" "$D2"
# Own process group (setsid), so that cleanup can stop npx and its children together.
DATA_DIR=$D2 DATABASE_URL='' setsid npx tsx scripts/prepare-db.ts >"$T/prepare-pglite.log" 2>&1 &
prepare_pid=$!

echo "== PostgreSQL =="
psql_admin -c "CREATE DATABASE \"$SRC_DB\"" >/dev/null
SRC_URL=$(url_of "$SRC_DB")
DATABASE_URL=$SRC_URL npx tsx scripts/prepare-db.ts >"$T/prepare-pg.log" 2>&1 || {
  cat "$T/prepare-pg.log"
  exit 1
}
R1="$T/root-pg"
mkdir -p "$R1/etc/land-reserve" "$R1/var/lib/land-reserve"
cat >"$R1/etc/land-reserve/app.env" <<ENV
DATABASE_URL=$SRC_URL
DATA_DIR=$R1/var/lib/land-reserve
NEXTAUTH_SECRET=test-secret-0123456789abcdefghijklmnopqrstuvwxyz
SM4_KEY=00112233445566778899aabbccddeeff
PORT=3000
HOSTNAME=127.0.0.1
ENV
chmod 600 "$R1/etc/land-reserve/app.env"
make_storage "$R1/var/lib/land-reserve/files"
B1="$R1/var/backups/land-reserve"

expect_ok "backup.sh（PostgreSQL）" "$DEPLOY/backup.sh" --prefix "$R1" --app-dir "$REPO" --keep 2
sleep 1
"$DEPLOY/backup.sh" --prefix "$R1" --app-dir "$REPO" --keep 2 >/dev/null
sleep 1
"$DEPLOY/backup.sh" --prefix "$R1" --app-dir "$REPO" --keep 2 >"$T/out"
n=$(find "$B1" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-*' | wc -l)
if ((n == 2)); then ok "保留最近 2 份（--keep 2）"; else bad "保留份数应为 2，实际 $n"; fi
latest="$B1/$(find "$B1" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-*' -printf '%f\n' | sort | tail -n 1)"
if [[ $(stat -c %a "$latest") == 700 ]]; then ok "备份目录权限 700"; else bad "备份目录权限应为 700"; fi
if grep -q '^SM4_KEY=00112233445566778899aabbccddeeff$' "$latest/keys.env"; then ok "备份含 SM4_KEY"; else bad "备份缺少 SM4_KEY"; fi
if [[ -s $latest/db.dump && -s $latest/manifest.sm3 && -s $latest/manifest.sha256 ]]; then ok "备份含转储与两份清单"; else bad "备份文件不全"; fi

expect_ok "restore-drill.sh（PostgreSQL）" "$DEPLOY/restore-drill.sh" --prefix "$R1" --app-dir "$REPO" \
  --database-url-admin "$PG_ADMIN_URL" --verify-cmd "$VERIFY_CMD"
if grep -q 'RPO' "$T/out" && grep -q 'RTO' "$T/out" && grep -q '恢复演练通过' "$T/out"; then ok "演练输出 RPO/RTO"; else bad "演练输出缺少 RPO/RTO"; fi
if [[ -z $(psql_admin -Atc "select datname from pg_database where datname like 'lr_drill_%'") ]]; then ok "演练库已删除"; else bad "演练库未删除"; fi
# Without any SQL client the scripts use the app's driver (postgres package) instead.
expect_ok "restore-drill.sh（不用 psql，改用应用的数据库驱动）" env LR_SQL_CLIENT=none "$DEPLOY/restore-drill.sh" --prefix "$R1" \
  --app-dir "$REPO" --database-url-admin "$PG_ADMIN_URL" --verify-cmd "$VERIFY_CMD"

psql_admin -c "CREATE DATABASE \"$DST_DB\"" >/dev/null
DST_URL=$(url_of "$DST_DB")
expect_fail "非交互且无 --yes 时拒绝" "--yes" "$DEPLOY/restore.sh" --from "$latest" --prefix "$R1" --app-dir "$REPO" \
  --database-url "$DST_URL" --data-dir "$T/dst-data"
expect_ok "restore.sh 恢复到空库" "$DEPLOY/restore.sh" --from "$latest" --prefix "$R1" --app-dir "$REPO" \
  --database-url "$DST_URL" --data-dir "$T/dst-data" --yes
src_n=$(psql "$SRC_URL" -XAtc 'select count(*) from parcels')
dst_n=$(psql "$DST_URL" -XAtc 'select count(*) from parcels')
if [[ $src_n == "$dst_n" && $src_n -gt 0 ]]; then ok "恢复库地块数与源库相同（$dst_n）"; else bad "地块数不同：$src_n / $dst_n"; fi
if [[ $(find "$T/dst-data/files" -type f | wc -l) == 3 ]]; then ok "存储文件已恢复"; else bad "存储文件未恢复"; fi
expect_fail "目标库非空时拒绝" "已有" "$DEPLOY/restore.sh" --from "$latest" --prefix "$R1" --app-dir "$REPO" \
  --database-url "$DST_URL" --data-dir "$T/dst-data" --yes

# Tampering: one changed byte, then one extra file.
cp -a "$latest" "$T/tampered"
printf 'x' >>"$T/tampered/rowcounts.tsv"
expect_fail "篡改备份文件后拒绝恢复" "清单校验失败" "$DEPLOY/restore.sh" --from "$T/tampered" --prefix "$R1" --app-dir "$REPO" \
  --database-url "$DST_URL" --data-dir "$T/dst2" --yes
expect_fail "篡改备份文件后演练不通过" "清单校验失败" "$DEPLOY/restore-drill.sh" --prefix "$R1" --app-dir "$REPO" \
  --backup "$T/tampered" --database-url-admin "$PG_ADMIN_URL" --verify-cmd "$VERIFY_CMD"
rm -rf "$T/tampered"
cp -a "$latest" "$T/tampered"
echo extra >"$T/tampered/extra.sql"
expect_fail "备份中多出文件时拒绝恢复" "清单之外的文件" "$DEPLOY/restore.sh" --from "$T/tampered" --prefix "$R1" \
  --app-dir "$REPO" --database-url "$DST_URL" --data-dir "$T/dst2" --yes

# A consistent manifest over wrong counts (as an incomplete dump would give): the drill must see it.
rm -rf "$T/tampered"
cp -a "$latest" "$T/tampered"
sed -i 's/^parcels\t.*/parcels\t1/' "$T/tampered/rowcounts.tsv"
(
  # shellcheck source-path=SCRIPTDIR source=../lib/common.sh
  . "$DEPLOY/lib/common.sh"
  # shellcheck disable=SC2034 # read by sm3_files in common.sh
  NODE=$LR_NODE
  write_manifest "$T/tampered"
)
expect_fail "行数不符时演练不通过" "行数不一致" "$DEPLOY/restore-drill.sh" --prefix "$R1" --app-dir "$REPO" \
  --backup "$T/tampered" --database-url-admin "$PG_ADMIN_URL" --verify-cmd "$VERIFY_CMD"
rm -rf "$T/tampered"

# A broken audit chain in the source reaches the backup: the drill must report it.
# (The table refuses UPDATE since migration 0018; its owner switches the guard off, as an intruder would.)
psql "$SRC_URL" -Xqc "alter table audit_log disable trigger audit_log_guard_row; update audit_log set message = '被改动' where seq = (select min(seq) from audit_log); alter table audit_log enable trigger audit_log_guard_row"
sleep 1
"$DEPLOY/backup.sh" --prefix "$R1" --app-dir "$REPO" --keep 2 >/dev/null
expect_fail "审计链被篡改时演练不通过" "审计日志链校验失败" "$DEPLOY/restore-drill.sh" --prefix "$R1" --app-dir "$REPO" \
  --database-url-admin "$PG_ADMIN_URL" --verify-cmd "$VERIFY_CMD"

echo "== 内置数据库（PGlite）=="
wait "$prepare_pid" || {
  cat "$T/prepare-pglite.log"
  exit 1
}
prepare_pid=''
cat >"$R2/etc/land-reserve/app.env" <<ENV
DATA_DIR=$D2
NEXTAUTH_SECRET=test-secret-0123456789abcdefghijklmnopqrstuvwxyz
PORT=3000
ENV
chmod 600 "$R2/etc/land-reserve/app.env"
make_storage "$D2/files"

# A running app holds the folder lock: backup must refuse.
node -e 'setTimeout(() => {}, 60000)' &
holder_pid=$!
printf '{"pid":%s,"command":"scripts/start.ts","startedAt":"2026-01-01T00:00:00Z"}' "$holder_pid" >"$D2/pglite.lock"
expect_fail "系统运行中（数据目录被锁）时拒绝备份" "正被进程" "$DEPLOY/backup.sh" --prefix "$R2" --app-dir "$REPO"
kill "$holder_pid"
wait "$holder_pid" 2>/dev/null || true
holder_pid=''
# The data folder belongs to the service user: a root backup must leave no root-owned file in it.
if ((EUID == 0)); then chown -R 65534:65534 "$D2"; fi
# Its lock file is now stale (process gone): backup proceeds. A systemctl on PATH must stay
# unused in a --prefix root.
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "$@" >> %q\n' "$T/systemctl.log" >"$T/bin/systemctl"
chmod +x "$T/bin/systemctl"
expect_ok "backup.sh（内置数据库，过期锁文件）" env PATH="$T/bin:$PATH" "$DEPLOY/backup.sh" --prefix "$R2" --app-dir "$REPO"
if [[ ! -e $T/systemctl.log ]] && grep -q '不调用 systemctl' "$T/out"; then ok "测试根目录下不调用 systemctl 并说明"; else bad "测试根目录下调用了 systemctl 或未说明"; fi
if ((EUID == 0)); then
  if [[ -z $(find "$D2" ! -uid 65534 -print -quit) ]]; then ok "备份后数据目录属主不变"; else bad "备份后数据目录中出现 root 的文件：$(find "$D2" ! -uid 65534 | head -n 3)"; fi
fi
if [[ ! -e $D2/pglite.lock ]]; then ok "备份后不留锁文件"; else bad "备份后留下了锁文件"; fi
latest2="$R2/var/backups/land-reserve/$(find "$R2/var/backups/land-reserve" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tail -n 1)"
if [[ -f $latest2/sm4.key && -f $latest2/pglite.tar.gz ]]; then ok "备份含 sm4.key 与数据库目录"; else bad "内置数据库备份文件不全"; fi
expect_ok "restore-drill.sh（内置数据库）" "$DEPLOY/restore-drill.sh" --prefix "$R2" --app-dir "$REPO" --verify-cmd "$VERIFY_CMD"
expect_fail "目标内置数据库非空时拒绝" "不是空的" "$DEPLOY/restore.sh" --from "$latest2" --prefix "$R2" --app-dir "$REPO" --yes
expect_ok "restore.sh 恢复到新目录（含密钥）" "$DEPLOY/restore.sh" --from "$latest2" --prefix "$R2" --app-dir "$REPO" \
  --data-dir "$T/pglite-restored" --with-keys --yes
if cmp -s "$D2/sm4.key" "$T/pglite-restored/sm4.key"; then ok "sm4.key 已恢复"; else bad "sm4.key 未恢复"; fi
cp -a "$latest2" "$T/tampered"
f=$(find "$T/tampered" -name files.tar.gz)
printf '\0' | dd of="$f" bs=1 seek=20 conv=notrunc status=none
expect_fail "篡改内置数据库备份后拒绝恢复" "清单校验失败" "$DEPLOY/restore.sh" --from "$T/tampered" --prefix "$R2" \
  --app-dir "$REPO" --data-dir "$T/pglite-2" --yes

echo "结果：通过 $passed 项，失败 $failed 项，用时 $(($(date +%s) - start)) 秒"
((failed == 0))
