#!/usr/bin/env bash
# 备份土地储备系统：数据库转储、存储文件、密钥材料，附 SHA-256 与 SM3 清单。
# 用法：deploy/backup.sh [--prefix DIR] [--dest DIR] [--keep N] [--app-dir DIR]
set -euo pipefail

LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$LIB_DIR/common.sh"

usage() {
  cat <<'USAGE'
用法：backup.sh [--prefix DIR] [--dest DIR] [--keep N] [--app-dir DIR]
  --prefix DIR   安装根目录（测试用；默认 /，即 /opt/land-reserve、/etc/land-reserve …）
  --dest DIR     备份存放目录（默认 $PREFIX/var/backups/land-reserve）
  --keep N       保留最近 N 份备份（默认 7）
  --app-dir DIR  应用目录（默认 $PREFIX/opt/land-reserve/current/app，用于找到数据库驱动）
USAGE
}

prefix='' dest='' keep=7 app_dir=''
while (($#)); do
  case "$1" in
    --prefix) prefix=${2:?--prefix 需要目录参数}; shift 2 ;;
    --dest) dest=${2:?--dest 需要目录参数}; shift 2 ;;
    --keep) keep=${2:?--keep 需要数字参数}; shift 2 ;;
    --app-dir) app_dir=${2:?--app-dir 需要目录参数}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "未知参数：$1" ;;
  esac
done
[[ $keep =~ ^[1-9][0-9]*$ ]] || die "--keep 必须是正整数：$keep"
init_paths "$prefix"
if [[ -z $prefix && $EUID -ne 0 ]]; then die "请以 root 身份执行（需要读取 $ENV_FILE 并控制服务）"; fi
[[ -r $ENV_FILE ]] || die "找不到配置文件 $ENV_FILE（系统是否已安装？测试时请用 --prefix 指定安装根目录）"
dest=${dest:-$BACKUP_DIR}
APP_DIR=${app_dir:-$CURRENT_DIR/app}
find_node

DATABASE_URL=$(env_get DATABASE_URL)
DATA_DIR=$(env_get DATA_DIR)
DATA_DIR=${DATA_DIR:-$VAR_DIR}
STORAGE_DIR="$DATA_DIR/files"

started=$(date +%s)
stamp=$(date +%Y%m%d-%H%M%S)
name="land-reserve-$stamp"
mkdir -p "$dest"
chmod 700 "$dest"
# One backup at a time; then a leftover *.partial can only come from a killed run.
exec 9>"$dest/.backup.lock"
flock -n 9 || die "另一个备份正在进行（$dest/.backup.lock 被占用）"
find "$dest" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-*.partial' -exec rm -rf {} +
work="$dest/$name.partial"
[[ ! -e $dest/$name ]] || die "备份 $dest/$name 已存在（同一秒内重复执行？）"
rm -rf "$work"
mkdir -m 700 "$work"

stopped_service=0
cleanup() {
  local rc=$?
  if ((stopped_service)); then
    say "正在重新启动服务 $APP ……"
    systemctl start "$APP" || warn "服务 $APP 启动失败，请执行 systemctl status $APP 查看原因"
  fi
  if ((rc != 0)); then
    rm -rf "$work"
    printf '备份失败，未保留不完整的备份。\n' >&2
  fi
}
trap cleanup EXIT

version=''
if [[ -r $CURRENT_DIR/manifest.json ]]; then
  version=$("$NODE" -e 'try{console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).version??"")}catch{console.log("")}' "$CURRENT_DIR/manifest.json")
fi

# 1. Database.
if [[ -n $DATABASE_URL ]]; then
  detect_db_family "$DATABASE_URL"
  select_db_tools "$DB_FAMILY"
  require_tool "$DUMP_TOOL" "数据库为 $DB_FAMILY，需要用 $DUMP_TOOL 转储"
  say "数据库：$DB_VERSION"
  say "正在用 $DUMP_TOOL 转储数据库 $DB_NAME ……"
  with_db_password "$DUMP_TOOL" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -F c -f "$work/db.dump" "$DB_NAME" ||
    die "$DUMP_TOOL 转储失败"
  # Row counts as the dump holds them (same snapshot): the restore drill compares against these.
  restore_args=(-f -)
  [[ $RESTORE_TOOL == pg_restore ]] || restore_args=()
  if command -v "$RESTORE_TOOL" >/dev/null 2>&1; then
    "$RESTORE_TOOL" "${restore_args[@]}" --data-only "$work/db.dump" | awk '
      /^COPY [^ ]+ .*FROM stdin;$/ { t = $2; sub(/^public\./, "", t); gsub(/"/, "", t); n = 0; inside = 1; next }
      inside && $0 == "\\." { print t "\t" n; inside = 0; next }
      inside { n++ }
    ' | LC_ALL=C sort >"$work/rowcounts.unsorted" || die "$RESTORE_TOOL 无法读取刚生成的转储 $work/db.dump"
    # Not every tool version writes a COPY block for an empty table: complete from the table list.
    db_tables "$DATABASE_URL" | while IFS= read -r t; do
      n=$(awk -F'\t' -v t="$t" '$1 == t { print $2 }' "$work/rowcounts.unsorted")
      printf '%s\t%s\n' "$t" "${n:-0}"
    done >"$work/rowcounts.tsv"
    rm -f "$work/rowcounts.unsorted"
  else
    warn "找不到 $RESTORE_TOOL，无法从转储中统计行数（恢复演练将无法比对行数）"
  fi
  db_kind=$DB_FAMILY
  dump_tool=$DUMP_TOOL
else
  say "数据库：内置数据库（PGlite），目录 $DATA_DIR/pglite"
  [[ -d $DATA_DIR/pglite ]] || die "找不到内置数据库目录 $DATA_DIR/pglite"
  if has_systemd; then
    if systemctl is-active --quiet "$APP"; then
      say "内置数据库只能在系统停止时备份，正在停止服务 $APP ……"
      systemctl stop "$APP" || die "无法停止服务 $APP，备份中止（内置数据库不能在运行中复制）"
      stopped_service=1
    fi
  else
    say "测试根目录（--prefix）或本机没有 systemd：不调用 systemctl，要求系统已停止。"
  fi
  if holder=$(dbtool pglite-locked "$DATA_DIR"); then
    die "内置数据库正被进程 $holder 使用。请先停止系统（systemctl stop $APP 或结束该进程）再备份。"
  fi
  say "正在复制内置数据库 ……"
  snapshot_ok=1
  dbtool pglite-snapshot "$DATA_DIR" "$work/pglite.tar.gz" "$work/rowcounts.tsv" || snapshot_ok=0
  give_back_pglite "$DATA_DIR"
  ((snapshot_ok)) || die "内置数据库备份失败"
  db_kind=pglite
  dump_tool=tar
fi

# 2. Stored files (content-addressed: each name is the SM3 of its content).
if [[ -d $STORAGE_DIR ]]; then
  storage_digests "$STORAGE_DIR" >"$work/files.sm3"
  tar -czf "$work/files.tar.gz" -C "$STORAGE_DIR" --exclude='*.tmp' .
else
  : >"$work/files.sm3"
  tar -czf "$work/files.tar.gz" -T /dev/null
fi
file_count=$(wc -l <"$work/files.sm3")

# The database can be restarted now; the rest reads only configuration.
if ((stopped_service)); then
  say "正在重新启动服务 $APP ……"
  systemctl start "$APP" || warn "服务 $APP 启动失败，请执行 systemctl status $APP 查看原因"
  stopped_service=0
fi

# 3. Key material: without SM4_KEY the encrypted personal fields cannot be read.
{
  printf '# 密钥材料：恢复后如无这些值，被征收人身份证号、电话等加密字段将无法解密\n'
  printf 'NEXTAUTH_SECRET=%s\n' "$(env_get NEXTAUTH_SECRET)"
  printf 'SM4_KEY=%s\n' "$(env_get SM4_KEY)"
  printf 'SM4_KEYS=%s\n' "$(env_get SM4_KEYS)"
  printf 'SM4_KEY_VERSION=%s\n' "$(env_get SM4_KEY_VERSION)"
} >"$work/keys.env"
if [[ -f $DATA_DIR/sm4.key ]]; then cp "$DATA_DIR/sm4.key" "$work/sm4.key"; fi
# Further key versions written by keys:rotate (sm4.v<N>.key): values and ledger tags need them all.
for f in "$DATA_DIR"/sm4.v*.key; do
  if [[ -f $f ]]; then cp "$f" "$work/"; fi
done
if [[ -z $(env_get SM4_KEY) && ! -f $DATA_DIR/sm4.key ]]; then
  warn "既没有 SM4_KEY 也没有 $DATA_DIR/sm4.key：备份中不含个人信息加密密钥"
fi

created_epoch=$(date +%s)
{
  printf 'FORMAT=1\n'
  printf 'CREATED_AT=%s\n' "$(date -d "@$created_epoch" '+%Y-%m-%dT%H:%M:%S%z')"
  printf 'CREATED_EPOCH=%s\n' "$created_epoch"
  printf 'HOST=%s\n' "$(hostname)"
  printf 'APP_VERSION=%s\n' "$version"
  printf 'DB_KIND=%s\n' "$db_kind"
  printf 'DUMP_TOOL=%s\n' "$dump_tool"
  printf 'FILE_COUNT=%s\n' "$file_count"
} >"$work/backup.info"

find "$work" -type f -exec chmod 600 {} +
write_manifest "$work"
mv "$work" "$dest/$name"
trap - EXIT

# 4. Retention: keep the newest N complete backups.
mapfile -t all < <(find "$dest" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-[0-9]*' ! -name '*.partial' -printf '%f\n' | LC_ALL=C sort)
removed=0
if ((${#all[@]} > keep)); then
  for old in "${all[@]:0:${#all[@]}-keep}"; do
    rm -rf "${dest:?}/$old"
    removed=$((removed + 1))
  done
fi

elapsed=$(($(date +%s) - started))
say "备份完成：$dest/$name"
say "  数据库：$db_kind（$dump_tool），存储文件 $file_count 个"
say "  大小：$(human_size "$dest/$name")，耗时 ${elapsed} 秒"
((removed == 0)) || say "  按保留 $keep 份的规则删除了 $removed 份旧备份"
say "  注意：备份含密钥材料（SM4_KEY 等），请按涉密介质保管；丢失 SM4_KEY 则个人信息字段无法解密。"
