#!/usr/bin/env bash
# Tests deploy/db/postgres-setup.sql on the local PostgreSQL: refusals (no password, short
# password), then create -> connect as the new user -> run the repository's migrations with that
# DATABASE_URL -> check ownership, search_path and privileges -> drop. Exit 0 only if all pass.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
APP_USER="${TEST_DB_PREFIX:-lr_ops_dbs}_$$_user"
APP_DB="${TEST_DB_PREFIX:-lr_ops_dbs}_$$_db"
APP_PASSWORD="Test-$(openssl rand -hex 12)"
SQL="$REPO/deploy/db/postgres-setup.sql"
T=$(mktemp -d /tmp/lr-db-setup.XXXXXX)

psql_admin() {
  psql "$PG_ADMIN_URL" -X -q "$@"
}
cleanup() {
  psql_admin -c "DROP DATABASE IF EXISTS \"$APP_DB\"" -c "DROP ROLE IF EXISTS \"$APP_USER\"" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT

passed=0 failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    printf '  通过：%s\n' "$name"
    passed=$((passed + 1))
  else
    printf '  失败：%s\n' "$name"
    failed=$((failed + 1))
  fi
}

echo "== postgres-setup.sql =="
check "未给口令时拒绝" bash -c "! psql '$PG_ADMIN_URL' -X -q -v app_user=$APP_USER -v app_db=$APP_DB -f '$SQL' >'$T/o' 2>&1 && grep -q 'app_password' '$T/o'"
check "口令过短时拒绝" bash -c "! psql '$PG_ADMIN_URL' -X -q -v app_user=$APP_USER -v app_db=$APP_DB -v app_password=short -f '$SQL' >'$T/o' 2>&1 && grep -q '至少 12 位' '$T/o'"
check "拒绝后没有留下账号" test -z "$(psql_admin -Atc "select 1 from pg_roles where rolname = '$APP_USER'")"
check "建库与账号" psql_admin -v app_user="$APP_USER" -v app_db="$APP_DB" -v app_password="$APP_PASSWORD" -f "$SQL" -o /dev/null

APP_URL="postgres://$APP_USER:$APP_PASSWORD@127.0.0.1:5432/$APP_DB"
check "以应用账号连接" test "$(psql "$APP_URL" -XAtc 'select current_user')" = "$APP_USER"
check "口令以 SCRAM 保存" test "$(psql_admin -Atc "select left(rolpassword, 14) from pg_authid where rolname = '$APP_USER'")" = "SCRAM-SHA-256$"
check "search_path = public" test "$(psql "$APP_URL" -XAtc 'show search_path')" = public
check "应用账号不是超级用户、不能建库" test "$(psql_admin -Atc "select rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = '$APP_USER'")" = f
check "public 模式属主为应用账号" test "$(psql "$APP_URL" -XAtc "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'")" = "$APP_USER"
check "其他账号不能在 public 建表" test "$(psql "$APP_URL" -XAtc "select has_schema_privilege('public', 'public', 'CREATE')")" = f

echo "== 用该账号执行迁移 =="
if (cd "$REPO" && DATABASE_URL=$APP_URL npx tsx scripts/migrate.ts) >"$T/migrate.log" 2>&1; then
  printf '  通过：迁移成功（%s）\n' "$(tail -n 1 "$T/migrate.log")"
  passed=$((passed + 1))
else
  printf '  失败：迁移\n'
  sed 's/^/      /' "$T/migrate.log"
  failed=$((failed + 1))
fi
tables=$(psql "$APP_URL" -XAtc "select count(*) from pg_tables where schemaname = 'public'")
foreign=$(psql "$APP_URL" -XAtc "select count(*) from pg_tables where schemaname = 'public' and tableowner <> current_user")
check "迁移建表（$tables 张）且全部属于应用账号" test "$tables" -gt 20 -a "$foreign" = 0
check "再次执行迁移无变化" bash -c "cd '$REPO' && DATABASE_URL='$APP_URL' npx tsx scripts/migrate.ts 2>&1 | grep -q '已是最新'"

echo "== 删除 =="
check "删除数据库与账号" psql_admin -c "DROP DATABASE \"$APP_DB\"" -c "DROP ROLE \"$APP_USER\""

echo "== 两个账号：属主（迁移）与应用（安全审计：审计表只能 INSERT/SELECT）=="
OWNER_USER="${APP_USER}_owner"
OWNER_PASSWORD="Own-$(openssl rand -hex 12)"
cleanup_two() {
  psql_admin -c "DROP DATABASE IF EXISTS \"$APP_DB\"" -c "DROP ROLE IF EXISTS \"$APP_USER\"" -c "DROP ROLE IF EXISTS \"$OWNER_USER\"" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup_two EXIT
check "属主口令过短时拒绝" bash -c "! psql '$PG_ADMIN_URL' -X -q -v app_user=$APP_USER -v app_db=$APP_DB -v app_password=$APP_PASSWORD -v owner_user=$OWNER_USER -v owner_password=short -f '$SQL' >'$T/o' 2>&1 && grep -q '属主账号口令至少 12 位' '$T/o'"
check "建库与两个账号" psql_admin -v app_user="$APP_USER" -v app_db="$APP_DB" -v app_password="$APP_PASSWORD" \
  -v owner_user="$OWNER_USER" -v owner_password="$OWNER_PASSWORD" -f "$SQL" -o /dev/null
OWNER_URL="postgres://$OWNER_USER:$OWNER_PASSWORD@127.0.0.1:5432/$APP_DB"
if (cd "$REPO" && DATABASE_URL=$APP_URL MIGRATION_DATABASE_URL=$OWNER_URL npx tsx scripts/migrate.ts) >"$T/migrate2.log" 2>&1; then
  printf '  通过：以属主账号迁移（MIGRATION_DATABASE_URL）\n'
  passed=$((passed + 1))
else
  printf '  失败：以属主账号迁移\n'
  sed 's/^/      /' "$T/migrate2.log"
  failed=$((failed + 1))
fi
check "表全部属于属主账号" test "$(psql "$APP_URL" -XAtc "select count(*) from pg_tables where schemaname = 'public' and tableowner <> '$OWNER_USER'")" = 0
check "应用账号不能在 public 建表" test "$(psql "$APP_URL" -XAtc "select has_schema_privilege('public', 'CREATE')")" = f
check "应用账号可以读写业务表" test "$(psql "$APP_URL" -XAtc "select has_table_privilege('users', 'UPDATE') and has_table_privilege('users', 'DELETE') and has_table_privilege('audit_chain_head', 'UPDATE')")" = t
check "应用账号对审计表只有 INSERT、SELECT" test "$(psql "$APP_URL" -XAtc "select string_agg(p, ',' order by p) from unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p where has_table_privilege('audit_log', p)")" = "INSERT,SELECT"
check "应用账号 UPDATE 审计表被拒绝" bash -c "! psql '$APP_URL' -XAtc 'update audit_log set message = message' >'$T/o' 2>&1 && grep -q 'permission denied' '$T/o'"
check "应用账号可以写审计（管理员初始化）" bash -c "cd '$REPO' && DATABASE_URL='$APP_URL' npx tsx scripts/admin-create.ts --json >/dev/null 2>&1 && DATABASE_URL='$APP_URL' DATA_DIR='$T/data' npx tsx scripts/audit-verify.ts | grep -q '审计日志链完整'"
check "删除数据库与两个账号" psql_admin -c "DROP DATABASE \"$APP_DB\"" -c "DROP ROLE \"$APP_USER\"" -c "DROP ROLE \"$OWNER_USER\""

echo "结果：通过 $passed 项，失败 $failed 项"
((failed == 0))
