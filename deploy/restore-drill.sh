#!/usr/bin/env bash
# 恢复演练：把最近一份备份恢复到临时数据库（内置数据库则恢复到临时目录），
# 比对各表行数、存储文件摘要，校验审计日志链，给出 RPO / RTO；有任何差异即以非零状态退出。
# 用法：deploy/restore-drill.sh [--prefix DIR] [--database-url-admin URL] [--backup DIR] [--verify-cmd CMD]
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="$SCRIPT_DIR/lib"
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$LIB_DIR/common.sh"

usage() {
  cat <<'USAGE'
用法：restore-drill.sh [选项]
  --prefix DIR               安装根目录（测试用；默认 /）
  --backup DIR               演练用的备份（默认 --backup-dir 中最新的一份）
  --backup-dir DIR           备份存放目录（默认 $PREFIX/var/backups/land-reserve）
  --database-url-admin URL   有建库权限的账号连接串（服务器数据库必填；演练库由脚本创建并删除）
  --verify-cmd CMD           审计链校验命令（默认：安装包的 app/jobs/audit-verify.cjs）；
                             以 bash -c 在应用目录执行，环境变量 DATABASE_URL / DATA_DIR 指向演练库
  --app-dir DIR              应用目录（默认 $PREFIX/opt/land-reserve/current/app）
  --keep                     演练结束后保留演练库与临时目录（排查用）
USAGE
}

prefix='' backup='' backup_dir='' admin_url='' verify_cmd='' app_dir='' keep=0
while (($#)); do
  case "$1" in
    --prefix) prefix=${2:?--prefix 需要目录参数}; shift 2 ;;
    --backup) backup=${2:?--backup 需要备份目录}; shift 2 ;;
    --backup-dir) backup_dir=${2:?--backup-dir 需要目录参数}; shift 2 ;;
    --database-url-admin) admin_url=${2:?--database-url-admin 需要数据库地址}; shift 2 ;;
    --verify-cmd) verify_cmd=${2:?--verify-cmd 需要命令}; shift 2 ;;
    --app-dir) app_dir=${2:?--app-dir 需要目录参数}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "未知参数：$1" ;;
  esac
done
init_paths "$prefix"
APP_DIR=${app_dir:-$CURRENT_DIR/app}
APP_DIR=$(realpath -m "$APP_DIR")
find_node

if [[ -z $backup ]]; then
  backup_dir=${backup_dir:-$BACKUP_DIR}
  latest=$(latest_backup "$backup_dir")
  [[ -n $latest ]] || die "在 $backup_dir 中没有找到备份，请先执行 backup.sh"
  backup="$backup_dir/$latest"
fi
[[ -d $backup ]] || die "备份目录不存在：$backup"
backup=$(realpath "$backup")
db_kind=$(info_get DB_KIND "$backup")
created_epoch=$(info_get CREATED_EPOCH "$backup")
[[ -n $db_kind && $created_epoch =~ ^[0-9]+$ ]] || die "备份 $backup 缺少 backup.info 信息"
[[ -f $backup/rowcounts.tsv ]] || die "备份中没有 rowcounts.tsv（备份时缺少恢复工具），无法比对行数"

if [[ -z $verify_cmd ]]; then
  # The bundle's compiled job (app/jobs/*.cjs; jobs/*.mjs beside app/ in older layouts).
  job=''
  for candidate in "$APP_DIR/jobs/audit-verify.cjs" "$APP_DIR/jobs/audit-verify.mjs" "$CURRENT_DIR/jobs/audit-verify.mjs"; do
    if [[ -f $candidate ]]; then
      job=$candidate
      break
    fi
  done
  [[ -n $job ]] || die "在 $APP_DIR/jobs 中找不到 audit-verify 作业；在源码目录演练时请用 --verify-cmd 'npm run audit:verify' 指定校验命令"
  verify_cmd="$(printf '%q %q' "$NODE" "$job")"
fi

say "恢复演练：备份 $backup（$(info_get CREATED_AT "$backup")，$db_kind）"

tmp=$(mktemp -d /tmp/land-reserve-drill.XXXXXX)
chmod 700 "$tmp"
drill_data="$tmp/data"
drill_url=''
cleanup() {
  if ((keep)); then
    say "已按 --keep 保留：临时目录 $tmp${drill_url:+，演练库 $(redact_url "$drill_url")}"
    return
  fi
  if [[ -n $drill_url ]]; then
    db_exec "$admin_url" "DROP DATABASE IF EXISTS \"$drill_db\"" >/dev/null 2>&1 ||
      warn "删除演练库 $drill_db 失败，请手工删除"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

restore_args=(--from "$backup" --data-dir "$drill_data" --app-dir "$APP_DIR" --yes)
[[ -z $PREFIX ]] || restore_args+=(--prefix "$PREFIX")
if [[ $db_kind == pglite ]]; then
  source_desc="内置数据库"
  restore_args+=(--database-url '')
else
  [[ -n $admin_url ]] || die "服务器数据库的演练需要 --database-url-admin（有 CREATEDB 权限的账号，连到任一已有库，如 postgres）"
  drill_db="lr_drill_$(date +%Y%m%d%H%M%S)_$$"
  detect_db_family "$admin_url"
  [[ $DB_FAMILY == "$db_kind" ]] || die "备份来自 $db_kind，演练用的服务器是 $DB_FAMILY"
  create_sql="CREATE DATABASE \"$drill_db\" ENCODING 'UTF8' TEMPLATE template0"
  [[ $DB_FAMILY != opengauss ]] || create_sql+=" DBCOMPATIBILITY 'PG'"
  db_exec "$admin_url" "$create_sql" || die "创建演练库失败（--database-url-admin 的账号需要建库权限）"
  drill_url=$(dbtool with-database "$admin_url" "$drill_db")
  say "已创建演练库 $drill_db"
  source_desc="数据库"
  restore_args+=(--database-url "$drill_url")
fi

# RTO: the restore itself (manifest check included), as restore.sh measures it plus the check.
t0=$(date +%s%N)
"$SCRIPT_DIR/restore.sh" "${restore_args[@]}" >"$tmp/restore.log" 2>&1 || {
  cat "$tmp/restore.log" >&2
  die "恢复失败，演练不通过"
}
rto_ms=$((($(date +%s%N) - t0) / 1000000))

failures=0
report_fail() {
  printf '  ✗ %s\n' "$*"
  failures=$((failures + 1))
}

# 1. Row counts: restored copy against the backup's own counts (the source at backup time).
say "1. 行数比对（源库备份时点 ↔ 恢复库）"
if [[ $db_kind == pglite ]]; then
  dbtool pglite-counts "$drill_data" >"$tmp/restored.tsv" || die "无法读取恢复的内置数据库"
else
  db_counts "$drill_url" >"$tmp/restored.tsv" || die "无法读取演练库"
fi
if diff_out=$(diff <(LC_ALL=C sort "$backup/rowcounts.tsv") <(LC_ALL=C sort "$tmp/restored.tsv")); then
  say "  ✓ $(wc -l <"$tmp/restored.tsv") 张表行数一致（共 $(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$tmp/restored.tsv") 行）"
else
  report_fail "行数不一致（< 备份时点，> 恢复库）："
  printf '%s\n' "$diff_out" | sed 's/^/      /'
fi
# The live source for information: differences are changes made after the backup (within RPO).
live_counts=''
source_url=$(env_get DATABASE_URL)
source_data=$(env_get DATA_DIR)
source_data=${source_data:-$VAR_DIR}
if [[ $db_kind == pglite ]]; then
  if [[ -d $source_data/pglite ]] && ! dbtool pglite-locked "$source_data" >/dev/null; then
    live_counts=$(dbtool pglite-counts "$source_data" 2>/dev/null) || live_counts=''
    give_back_pglite "$source_data"
  else
    say "  （系统运行中，内置数据库不能同时打开，跳过与源库当前行数的对照）"
  fi
elif [[ -n $source_url ]]; then
  live_counts=$(db_counts "$source_url" 2>/dev/null) || live_counts=''
fi
if [[ -n $live_counts ]]; then
  if changed=$(diff <(LC_ALL=C sort "$tmp/restored.tsv") <(printf '%s\n' "$live_counts" | LC_ALL=C sort)); then
    say "  ✓ 与${source_desc}当前行数也一致（备份后没有数据变化）"
  else
    say "  · 备份之后源库有变化（属于 RPO 范围内的数据，不计为差异）："
    printf '%s\n' "$changed" | grep -E '^[<>]' | sed 's/^/      /' || true
  fi
fi

# 2. Stored files: every restored file against the digests taken at backup time.
say "2. 存储文件比对"
storage_digests "$drill_data/files" >"$tmp/restored-files.sm3"
if diff_out=$(diff "$backup/files.sm3" "$tmp/restored-files.sm3"); then
  say "  ✓ $(wc -l <"$tmp/restored-files.sm3") 个文件的 SM3 摘要一致"
else
  report_fail "存储文件不一致（< 备份时点，> 恢复结果）："
  printf '%s\n' "$diff_out" | grep -E '^[<>]' | sed 's/^/      /'
fi
# Content-addressed store: a file's name is the SM3 of its content.
misnamed=$(awk '{ n = $2; sub(/.*\//, "", n); if (n ~ /^[0-9a-f]{64}$/ && n != $1) print $2 }' "$tmp/restored-files.sm3")
if [[ -n $misnamed ]]; then
  report_fail "以下文件内容与其文件名（SM3）不符："
  printf '%s\n' "$misnamed" | sed 's/^/      /'
fi

# 3. Audit chain on the restored copy.
say "3. 审计日志链校验（恢复库）"
verify_env=(env -u DATABASE_URL "DATA_DIR=$drill_data")
[[ -z $drill_url ]] || verify_env=(env "DATABASE_URL=$drill_url" "DATA_DIR=$drill_data")
verify_rc=0
(cd "$APP_DIR" && "${verify_env[@]}" bash -c "$verify_cmd") >"$tmp/verify.log" 2>&1 || verify_rc=$?
# The failure message counts too: a verifier that reports a break must not pass on its exit code alone.
if ((verify_rc == 0)) && ! grep -q '校验失败' "$tmp/verify.log"; then
  sed 's/^/    /' "$tmp/verify.log" | grep -v '^\s*$' | tail -n 3
  say "  ✓ 审计日志链完整"
else
  sed 's/^/    /' "$tmp/verify.log" | tail -n 20
  report_fail "审计日志链校验失败"
fi

now=$(date +%s)
rpo=$((now - created_epoch))
say "RPO（备份时点距今，即最多可能丢失的数据时长）：$((rpo / 3600)) 小时 $((rpo % 3600 / 60)) 分 $((rpo % 60)) 秒（备份于 $(info_get CREATED_AT "$backup")）"
say "RTO（校验清单并恢复数据库与文件的用时）：$((rto_ms / 1000)).$(printf '%03d' $((rto_ms % 1000))) 秒"
if ((failures)); then
  say "恢复演练不通过：$failures 项检查有差异。"
  exit 1
fi
say "恢复演练通过。"
