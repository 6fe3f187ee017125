# shellcheck shell=bash disable=SC2034
# (SC2034: the variables set here are used by the scripts that source this file.)
# Shared helpers of backup.sh, restore.sh, restore-drill.sh and audit-verify.sh (sourced, not run).
# The installation's layout under $PREFIX: set_paths in ../lib.sh.

# die, warn, say, set_paths, has_systemd, env_get: the library of every deploy script.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# PREFIX and the installation paths (set_paths) from a --prefix argument ('' = the real root).
init_paths() {
  PREFIX=''
  if [[ -n $1 ]]; then PREFIX=$(realpath -m "$1"); fi
  PREFIX=${PREFIX%/}
  set_paths "$PREFIX"
}

# Sets KEY=VALUE in an env file (replaces the line or appends), keeping mode 600.
env_set() {
  local key=$1 value=$2 file=$3 tmp
  tmp=$(mktemp "${file}.XXXXXX")
  if [[ -f $file ]]; then grep -vE "^[[:space:]]*${key}=" "$file" >"$tmp" || true; fi
  printf '%s=%s\n' "$key" "$value" >>"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$file"
}

# The node binary: the bundled one of the current release, else node on PATH.
find_node() {
  if [[ -n ${LR_NODE:-} ]]; then
    NODE=$LR_NODE
  elif [[ -x $CURRENT_DIR/node/bin/node ]]; then
    NODE="$CURRENT_DIR/node/bin/node"
  elif command -v node >/dev/null 2>&1; then
    NODE=$(command -v node)
  else
    die "找不到 Node.js（既没有 $CURRENT_DIR/node/bin/node，PATH 中也没有 node）"
  fi
}

# dbtool.mjs runs with APP_DIR so it finds the app's postgres/PGlite packages.
dbtool() {
  APP_DIR=$APP_DIR "$NODE" "$LIB_DIR/dbtool.mjs" "$@"
}

# Splits a database URL into DB_HOST DB_PORT DB_USER DB_PASSWORD DB_NAME DB_SSLMODE.
parse_db_url() {
  local parts
  parts=$(dbtool url-parts "$1") || exit 1
  {
    IFS= read -r DB_HOST
    IFS= read -r DB_PORT
    IFS= read -r DB_USER
    IFS= read -r DB_PASSWORD
    IFS= read -r DB_NAME
    IFS= read -r DB_SSLMODE || DB_SSLMODE=""  # empty last line: dropped by $(…)
  } <<<"$parts"
  # libpq-style tools take the URL's sslmode from the environment (postgres.js: ssl=true means require).
  case "$DB_SSLMODE" in
    true) DB_SSLMODE=require ;;
    false) DB_SSLMODE=disable ;;
  esac
}

# SQL access to a server database: the client of the family (psql, gsql, ksql) when installed —
# it comes with the dump tools —, else the app's own driver through dbtool.mjs (needs the
# postgres package in the app's node_modules). LR_SQL_CLIENT=none forces the driver.
find_sql_client() {
  [[ -z ${SQL_CLIENT+set} ]] || return 0
  SQL_CLIENT=''
  [[ ${LR_SQL_CLIENT:-} != none ]] || return 0
  local c
  for c in ${LR_SQL_CLIENT:-psql gsql ksql}; do
    if command -v "$c" >/dev/null 2>&1; then
      SQL_CLIENT=$c
      return 0
    fi
  done
}

# sql_query URL SQL: unaligned rows, tab-separated, no headers.
sql_query() {
  local url=$1 query=$2
  find_sql_client
  parse_db_url "$url"
  PGCONNECT_TIMEOUT=10 with_db_password "$SQL_CLIENT" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" \
    -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "$query"
}

TABLES_SQL="select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"

# Base tables of the application schema (public), one a line.
db_tables() {
  find_sql_client
  if [[ -n $SQL_CLIENT ]]; then sql_query "$1" "$TABLES_SQL"; else dbtool counts "$1" | cut -f1; fi
}

db_table_count() {
  local tables
  tables=$(db_tables "$1") || return 1
  if [[ -z $tables ]]; then echo 0; else wc -l <<<"$tables"; fi
}

# "table<TAB>rows" for every table of public, sorted by name.
db_counts() {
  local url=$1 t query=''
  find_sql_client
  if [[ -z $SQL_CLIENT ]]; then
    dbtool counts "$url"
    return
  fi
  local tables
  tables=$(sql_query "$url" "$TABLES_SQL") || return 1
  [[ -n $tables ]] || return 0
  while IFS= read -r t; do
    [[ -z $query ]] || query+=' union all '
    query+="select '${t//\'/\'\'}', count(*) from public.\"${t//\"/\"\"}\""
  done <<<"$tables"
  sql_query "$url" "$query" | LC_ALL=C sort
}

db_exec() {
  find_sql_client
  if [[ -n $SQL_CLIENT ]]; then sql_query "$1" "$2" >/dev/null; else dbtool exec "$1" "$2"; fi
}

# Which server family a URL points at: postgresql | opengauss | kingbase (sets DB_FAMILY, DB_VERSION).
detect_db_family() {
  local url=$1
  parse_db_url "$url"
  find_sql_client
  DB_VERSION=''
  if [[ -n $SQL_CLIENT ]]; then
    DB_VERSION=$(sql_query "$url" 'select version()' 2>/dev/null | head -n 1) || DB_VERSION=''
  fi
  if [[ -z $DB_VERSION ]]; then
    DB_VERSION=$(dbtool version "$url") || die "无法连接数据库 $(redact_url "$url")，请检查 DATABASE_URL 与数据库状态"
  fi
  case "$DB_VERSION" in
    *openGauss* | *GaussDB*) DB_FAMILY=opengauss ;;
    *Kingbase*) DB_FAMILY=kingbase ;;
    *PostgreSQL*) DB_FAMILY=postgresql ;;
    *) die "无法识别的数据库：$DB_VERSION" ;;
  esac
}

# Dump and restore tools of a family; refuses when they are not installed.
select_db_tools() {
  case "$1" in
    postgresql) DUMP_TOOL=pg_dump RESTORE_TOOL=pg_restore ;;
    opengauss) DUMP_TOOL=gs_dump RESTORE_TOOL=gs_restore ;;
    kingbase) DUMP_TOOL=sys_dump RESTORE_TOOL=sys_restore ;;
    *) die "未知的数据库类型 $1" ;;
  esac
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "$2：找不到命令 $1（请安装数据库客户端工具，或把其所在目录加入 PATH）"
}

# Runs a dump/restore tool with the connection of the URL parsed by parse_db_url.
# The password goes through the environment (never the command line, which ps shows).
with_db_password() {
  if [[ -n $DB_SSLMODE ]]; then
    PGSSLMODE=$DB_SSLMODE PGPASSWORD=$DB_PASSWORD KINGBASE_PASSWORD=$DB_PASSWORD "$@"
  else
    PGPASSWORD=$DB_PASSWORD KINGBASE_PASSWORD=$DB_PASSWORD "$@"
  fi
}

redact_url() {
  printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#'
}

# SM3 of files, "digest  path" lines like sha256sum; openssl 3 first, then node:crypto.
sm3_files() {
  if [[ -z ${SM3_METHOD:-} ]]; then
    if printf 'abc' | openssl dgst -sm3 >/dev/null 2>&1; then
      SM3_METHOD=openssl
    elif [[ -n ${NODE:-} ]] && "$NODE" -e "require('node:crypto').createHash('sm3')" >/dev/null 2>&1; then
      SM3_METHOD=node
    else
      die "本机既没有支持 SM3 的 openssl（需 OpenSSL 3），Node.js 的 crypto 也不支持 sm3，无法计算 SM3 摘要"
    fi
  fi
  (($#)) || return 0
  if [[ $SM3_METHOD == openssl ]]; then
    # One openssl per batch of files, not per file (storage may hold thousands).
    printf '%s\0' "$@" | xargs -0 openssl dgst -sm3 -r -- | sed -E 's/^([0-9a-f]{64}) \*/\1  /'
  else
    # shellcheck disable=SC2016 # JavaScript template literal, not shell
    "$NODE" -e '
      const { createHash } = require("node:crypto");
      const { readFileSync } = require("node:fs");
      for (const f of process.argv.slice(1)) console.log(`${createHash("sm3").update(readFileSync(f)).digest("hex")}  ${f}`);
    ' "$@"
  fi
}

# Writes manifest.sha256 and manifest.sm3 of every file in DIR (paths relative to DIR).
write_manifest() {
  local dir=$1
  local -a files
  mapfile -t files < <(cd "$dir" && find . -type f ! -name 'manifest.sha256' ! -name 'manifest.sm3' -printf '%P\n' | LC_ALL=C sort)
  (cd "$dir" && sha256sum -- "${files[@]}") >"$dir/manifest.sha256"
  (cd "$dir" && sm3_files "${files[@]}") >"$dir/manifest.sm3"
  chmod 600 "$dir/manifest.sha256" "$dir/manifest.sm3"
}

# Checks both manifests of a backup; lists every difference and returns 1 on any.
verify_manifest() {
  local dir=$1 bad=0 digest path actual
  local -A listed=()
  for m in manifest.sha256 manifest.sm3; do
    [[ -f $dir/$m ]] || {
      printf '备份缺少清单文件 %s\n' "$m" >&2
      return 1
    }
  done
  while IFS= read -r line; do
    digest=${line%%  *}
    path=${line#*  }
    listed[$path]=1
    if [[ ! -f $dir/$path ]]; then
      printf '  缺少文件：%s\n' "$path" >&2
      bad=1
      continue
    fi
    actual=$(cd "$dir" && sha256sum -- "$path" | cut -d' ' -f1)
    if [[ $actual != "$digest" ]]; then
      printf '  SHA-256 不符：%s\n' "$path" >&2
      bad=1
    fi
  done <"$dir/manifest.sha256"
  while IFS= read -r line; do
    digest=${line%%  *}
    path=${line#*  }
    [[ -f $dir/$path ]] || continue
    actual=$(cd "$dir" && sm3_files "$path" | cut -d' ' -f1)
    if [[ $actual != "$digest" ]]; then
      printf '  SM3 不符：%s\n' "$path" >&2
      bad=1
    fi
  done <"$dir/manifest.sm3"
  while IFS= read -r path; do
    if [[ -z ${listed[$path]:-} ]]; then
      printf '  清单之外的文件：%s\n' "$path" >&2
      bad=1
    fi
  done < <(cd "$dir" && find . -type f ! -name 'manifest.sha256' ! -name 'manifest.sm3' -printf '%P\n')
  return "$bad"
}

# Reads KEY from a backup's backup.info.
info_get() {
  env_get "$1" "$2/backup.info"
}

human_size() {
  du -sh "$1" | cut -f1
}

# The newest complete backup in DIR (folders named land-reserve-YYYYmmdd-HHMMSS).
latest_backup() {
  local dir=$1
  find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-[0-9]*' ! -name '*.partial' -printf '%f\n' 2>/dev/null |
    LC_ALL=C sort | tail -n 1
}

# Digests of every stored file: "sm3  relative/path" sorted, of DIR (may not exist).
storage_digests() {
  local dir=$1
  [[ -d $dir ]] || return 0
  local -a files
  mapfile -t files < <(cd "$dir" && find . -type f ! -name '*.tmp' -printf '%P\n' | LC_ALL=C sort)
  ((${#files[@]})) || return 0
  (cd "$dir" && sm3_files "${files[@]}")
}

# Opening the embedded database as root may create files (WAL, stats) owned by root inside the
# folder; give everything back to the folder's owner (the service user) so the app can write.
give_back_pglite() {
  local data_dir=$1 owner
  [[ -d $data_dir/pglite ]] || return 0
  owner=$(stat -c '%u:%g' "$data_dir")
  chown -R "$owner" "$data_dir/pglite" 2>/dev/null || warn "无法把 $data_dir/pglite 的属主恢复为 $owner，请手工执行 chown -R"
}
