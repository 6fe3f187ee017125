#!/usr/bin/env bash
# 从 backup.sh 生成的备份恢复：先校验清单，只恢复到空数据库，存储文件与（可选）密钥。
# 用法：deploy/restore.sh --from BACKUP [--prefix DIR] [--database-url URL] [--data-dir DIR] [--with-keys] [--yes]
set -euo pipefail

LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$LIB_DIR/common.sh"

usage() {
  cat <<'USAGE'
用法：restore.sh --from BACKUP [选项]
  --from BACKUP         备份目录（backup.sh 输出的 land-reserve-YYYYmmdd-HHMMSS）
  --prefix DIR          安装根目录（测试用；默认 /）
  --database-url URL    恢复到该数据库（必须为空库；默认取 app.env 的 DATABASE_URL，
                        二者都没有时恢复为内置数据库）
  --data-dir DIR        存储文件与内置数据库的目标目录（默认取 app.env 的 DATA_DIR）
  --with-keys           同时把备份中的 NEXTAUTH_SECRET、SM4_KEY 写回 app.env（及 sm4.key）
  --app-dir DIR         应用目录（默认 $PREFIX/opt/land-reserve/current/app）
  --yes                 不再询问，直接执行
USAGE
}

prefix='' from='' target_url='' target_url_set=0 data_dir='' with_keys=0 yes=0 app_dir=''
while (($#)); do
  case "$1" in
    --from) from=${2:?--from 需要备份目录}; shift 2 ;;
    --prefix) prefix=${2:?--prefix 需要目录参数}; shift 2 ;;
    --database-url) target_url=${2?--database-url 需要数据库地址}; target_url_set=1; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir 需要目录参数}; shift 2 ;;
    --with-keys) with_keys=1; shift ;;
    --app-dir) app_dir=${2:?--app-dir 需要目录参数}; shift 2 ;;
    --yes | -y) yes=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "未知参数：$1" ;;
  esac
done
[[ -n $from ]] || { usage >&2; die "必须用 --from 指定备份目录"; }
[[ -d $from ]] || die "备份目录不存在：$from"
from=$(realpath "$from")
init_paths "$prefix"
if [[ -z $prefix && $EUID -ne 0 ]]; then die "请以 root 身份执行"; fi
APP_DIR=${app_dir:-$CURRENT_DIR/app}
find_node

say "正在校验备份清单（SHA-256 与 SM3）……"
if ! verify_manifest "$from"; then
  die "备份 $from 的清单校验失败（文件缺失、被修改或多出文件），拒绝恢复。请改用其他备份。"
fi
say "清单校验通过。"

db_kind=$(info_get DB_KIND "$from")
created_at=$(info_get CREATED_AT "$from")
[[ -n $db_kind ]] || die "备份缺少 backup.info 中的 DB_KIND"

if ((!target_url_set)); then target_url=$(env_get DATABASE_URL); fi
service_data_dir=$(env_get DATA_DIR)
service_data_dir=${service_data_dir:-$VAR_DIR}
data_dir=${data_dir:-$service_data_dir}
storage_dir="$data_dir/files"

# Target checks, before anything changes.
restart_service=0
if [[ $db_kind == pglite ]]; then
  [[ -z $target_url ]] || die "该备份来自内置数据库，不能恢复到 $(redact_url "$target_url")（请去掉 --database-url，并确认 app.env 中没有 DATABASE_URL）"
  if [[ -e $data_dir/pglite ]] && [[ -n $(find "$data_dir/pglite" -mindepth 1 -maxdepth 1 -print -quit) ]]; then
    die "目标内置数据库目录 $data_dir/pglite 不是空的。只能恢复到空库：请先停止系统并把该目录改名保存（如 mv pglite pglite.old），再执行恢复。"
  fi
  target_desc="内置数据库 $data_dir/pglite"
else
  [[ -n $target_url ]] || die "该备份来自 $db_kind 数据库，请用 --database-url 指定一个空数据库（或在 app.env 中配置 DATABASE_URL）"
  detect_db_family "$target_url"
  [[ $DB_FAMILY == "$db_kind" ]] || die "备份来自 $db_kind，目标数据库是 $DB_FAMILY，不能直接恢复"
  select_db_tools "$DB_FAMILY"
  require_tool "$RESTORE_TOOL" "恢复 $db_kind 转储需要 $RESTORE_TOOL"
  tables=$(db_table_count "$target_url") || die "无法检查目标数据库"
  if ((tables > 0)); then
    die "目标数据库 $DB_NAME 的 public 模式中已有 $tables 张表。只恢复到空数据库：请新建一个空库（见 deploy/db/），或由数据库管理员确认后清空。"
  fi
  target_desc="数据库 $(redact_url "$target_url")（$DB_FAMILY，当前为空）"
fi

say "将要执行："
say "  备份：$from（$created_at，$db_kind）"
say "  恢复到：$target_desc"
say "  存储文件恢复到：$storage_dir（同名文件内容相同，保留现有文件）"
if ((with_keys)); then say "  密钥：写回 $ENV_FILE 的 NEXTAUTH_SECRET、SM4_KEY"; fi
if ((!yes)); then
  [[ -t 0 ]] || die "非交互执行时必须加 --yes 确认"
  read -r -p "确认恢复？请输入 yes：" answer
  [[ $answer == yes ]] || die "已取消，未做任何修改"
fi

# The embedded database is opened by the service: stop it when restoring into the service's own
# folder (never for another folder, such as the drill's).
if [[ $db_kind == pglite && $(realpath -m "$data_dir") == "$(realpath -m "$service_data_dir")" ]]; then
  if has_systemd; then
    if systemctl is-active --quiet "$APP"; then
      systemctl stop "$APP" || die "无法停止服务 $APP，恢复中止"
      restart_service=1
    fi
  else
    say "测试根目录（--prefix）或本机没有 systemd：不调用 systemctl。"
  fi
fi
if [[ $db_kind == pglite ]]; then
  if holder=$(dbtool pglite-locked "$data_dir"); then
    die "内置数据库目录正被进程 $holder 使用，请先停止系统"
  fi
fi

started=$(date +%s%N)
owner=''
if [[ -d $data_dir ]]; then owner=$(stat -c '%u:%g' "$data_dir"); fi
mkdir -p "$data_dir"

if [[ $db_kind == pglite ]]; then
  say "正在恢复内置数据库 ……"
  rmdir "$data_dir/pglite" 2>/dev/null || true
  tar -xzf "$from/pglite.tar.gz" -C "$data_dir" ||
    die "解压内置数据库失败；已解出的部分在 $data_dir/pglite，请删除该目录后重试（服务保持停止）"
else
  say "正在用 $RESTORE_TOOL 恢复数据库 ……"
  # --no-owner/--no-privileges: objects belong to the connecting (application) user of the target.
  if ! with_db_password "$RESTORE_TOOL" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" \
    --no-owner --no-privileges --exit-on-error --single-transaction "$from/db.dump"; then
    die "$RESTORE_TOOL 恢复失败（单事务执行，目标库未留下部分数据）"
  fi
fi

say "正在恢复存储文件 ……"
mkdir -p "$storage_dir"
tar -xzf "$from/files.tar.gz" -C "$storage_dir" --skip-old-files ||
  die "恢复存储文件失败（数据库已恢复）：检查 $storage_dir 所在磁盘的空间与权限后，可用 tar -xzf $from/files.tar.gz -C $storage_dir --skip-old-files 补做"

if ((with_keys)); then
  [[ -f $ENV_FILE ]] || die "找不到 $ENV_FILE，无法写回密钥"
  for key in NEXTAUTH_SECRET SM4_KEY SM4_KEYS SM4_KEY_VERSION; do
    value=$(env_get "$key" "$from/keys.env")
    if [[ -n $value ]]; then env_set "$key" "$value" "$ENV_FILE"; fi
  done
  if [[ -f $from/sm4.key ]]; then install -m 600 "$from/sm4.key" "$data_dir/sm4.key"; fi
  for f in "$from"/sm4.v*.key; do
    if [[ -f $f ]]; then install -m 600 "$f" "$data_dir/$(basename "$f")"; fi
  done
  say "已写回密钥材料。"
else
  backup_key=$(env_get SM4_KEY "$from/keys.env")
  if [[ -n $backup_key && $backup_key != "$(env_get SM4_KEY)" ]]; then
    warn "备份中的 SM4_KEY 与 $ENV_FILE 中的不同：恢复的个人信息字段将无法解密。如需使用备份的密钥，请加 --with-keys 重新执行，或手工写回。"
  fi
fi

# Restored files belong to whoever owns the data folder (the service user).
if [[ -n $owner ]]; then chown -R "$owner" "$data_dir" 2>/dev/null || warn "无法把 $data_dir 的属主改为 $owner"; fi

elapsed_ms=$((($(date +%s%N) - started) / 1000000))
if ((restart_service)); then
  systemctl start "$APP" || warn "服务 $APP 启动失败，请执行 systemctl status $APP 查看原因"
fi
say "恢复完成，用时 $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) 秒。"
say "建议随后执行审计链校验（audit-verify）并登录系统抽查数据。"
