#!/usr/bin/env bash
# 校验审计日志链（安全审计，GB/T 22239-2019 8.1.4.3 c)）：重算全部记录的 SM3 哈希链，并与数据库之外的
# HMAC-SM3 锚定（AUDIT_ANCHOR_FILE）比对；一致则把锚定移到当前链头。发现问题时退出码为 1。
# 每晚由 systemd 定时器 land-reserve-audit-verify.timer 调用（install.sh 安装），也可随时手工执行。
# 用法：deploy/audit-verify.sh [--prefix DIR] [--app-dir DIR]
set -euo pipefail

LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$LIB_DIR/common.sh"

usage() {
  cat <<'USAGE'
用法：audit-verify.sh [--prefix DIR] [--app-dir DIR]
  --prefix DIR   安装根目录（测试用；默认 /）
  --app-dir DIR  应用目录（默认 $PREFIX/opt/land-reserve/current/app）
USAGE
}

prefix='' app_dir=''
while (($#)); do
  case "$1" in
    --prefix) prefix=${2:?--prefix 需要目录参数}; shift 2 ;;
    --app-dir) app_dir=${2:?--app-dir 需要目录参数}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "未知参数：$1" ;;
  esac
done
init_paths "$prefix"
if [[ -z $prefix && $EUID -ne 0 ]]; then die "请以 root 身份执行（需要读取 $ENV_FILE）"; fi
[[ -r $ENV_FILE ]] || die "找不到配置文件 $ENV_FILE（系统是否已安装？测试时请用 --prefix 指定安装根目录）"
APP_DIR=${app_dir:-$CURRENT_DIR/app}
[[ -f $APP_DIR/jobs/audit-verify.cjs ]] || die "找不到 $APP_DIR/jobs/audit-verify.cjs"
find_node

# The embedded database admits one process: the service pauses while the chain is read.
stopped_service=0
cleanup() {
  if ((stopped_service)); then
    systemctl start "$APP" || warn "服务 $APP 启动失败，请执行 systemctl status $APP 查看原因"
  fi
}
trap cleanup EXIT
if [[ -z $(env_get DATABASE_URL) ]] && has_systemd && systemctl is-active --quiet "$APP"; then
  say "内置数据库同一时间只允许一个进程打开：校验期间暂停服务 $APP"
  systemctl stop "$APP"
  stopped_service=1
fi

# The job runs as the service's user with exactly the service's environment.
envs=()
while IFS= read -r line; do
  case "$line" in '' | \#*) continue ;; *=*) envs+=("$line") ;; esac
done <"$ENV_FILE"
runner=()
if [[ $EUID -eq 0 ]] && id landreserve >/dev/null 2>&1; then
  runner=(setpriv --reuid=landreserve --regid=landreserve --init-groups)
  command -v setpriv >/dev/null 2>&1 || runner=(runuser -u landreserve --)
fi
rc=0
(cd "$APP_DIR" && env -i PATH=/usr/bin:/bin HOME=/tmp NODE_ENV=production "${envs[@]}" "${runner[@]}" "$NODE" jobs/audit-verify.cjs) || rc=$?
if ((rc != 0)); then
  printf '审计日志链校验未通过（退出码 %s）：请审计管理员立即排查，并保留数据库与 %s 的现状\n' "$rc" "$(env_get AUDIT_ANCHOR_FILE || true)" >&2
fi
trap - EXIT
cleanup
exit "$rc"
