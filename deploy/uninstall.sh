#!/usr/bin/env bash
# 土地储备全生命周期管理系统 — 卸载（root）。
#
#   sudo ./deploy/uninstall.sh [--prefix DIR]              # 停止并删除程序，保留配置、数据、日志与备份
#   sudo ./deploy/uninstall.sh --purge --yes [--prefix DIR] # 连同配置（含密钥）、内置数据库、文件、日志一并删除
#
# An external database (openGauss / KingbaseES / PostgreSQL) is never dropped by this script.
set -euo pipefail
# shellcheck source=deploy/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PREFIX=""
PURGE=0
YES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix 需要目录}; shift 2 ;;
    --purge) PURGE=1; shift ;;
    --yes | -y) YES=1; shift ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "未知参数：$1" ;;
  esac
done
if [ -z "$PREFIX" ] && [ "$(id -u)" != 0 ]; then die "请以 root 身份运行"; fi
[ -z "$PREFIX" ] || PREFIX=$(cd "$PREFIX" && pwd)
export PREFIX
set_paths "$PREFIX"

if [ "$PURGE" = 1 ] && [ "$YES" != 1 ]; then
  [ -t 0 ] || die "--purge 会删除配置、密钥与全部数据：请加 --yes 确认"
  read -r -p "将删除 $ETC_DIR（含密钥）、$VAR_DIR（内置数据库与文件）、$LOG_DIR。输入 yes 确认：" answer
  [ "$answer" = yes ] || die "已取消"
fi

step "停止服务"
if has_systemd; then
  systemctl disable --now "$APP" >/dev/null 2>&1 || true
  rm -f "$UNIT_FILE"
  remove_audit_timer
  systemctl daemon-reload
  ok "已停止并删除 systemd 服务"
else
  stop_direct
  ok "已停止"
fi

step "删除程序文件"
rm -rf "$OPT_DIR"
ok "$OPT_DIR"

if [ "$PURGE" = 1 ]; then
  step "删除配置、数据与日志"
  rm -rf "$ETC_DIR" "$VAR_DIR" "$LOG_DIR"
  ok "$ETC_DIR $VAR_DIR $LOG_DIR（备份 $BACKUP_DIR 保留）"
  if [ -z "$PREFIX" ] && id "$SERVICE_USER" >/dev/null 2>&1; then userdel "$SERVICE_USER" && ok "已删除服务用户 $SERVICE_USER"; fi
else
  say ""
  say "已卸载程序。保留：配置 $ETC_DIR、数据 $VAR_DIR、日志 $LOG_DIR、备份 $BACKUP_DIR（重新安装会继续使用它们）"
fi
