#!/usr/bin/env bash
# 土地储备全生命周期管理系统 — 升级（在新版本安装包中以 root 运行）。
#
#   sudo ./deploy/upgrade.sh [--yes] [--prefix DIR]
#
# Checks the new bundle and the system first (nothing changes when a check fails), then:
# backup of the database (and of the embedded database folder) → stop → migrations with the new
# release → switch /opt/land-reserve/current → start → health check. On any failure after the
# backup: the previous release comes back, the database is restored from the backup taken a
# moment ago, and the service is started again — then the script says what failed.
set -euo pipefail
umask 027
# shellcheck source=deploy/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PREFIX=""
HEALTH_TIMEOUT=${LR_HEALTH_TIMEOUT:-90}
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix 需要目录}; shift 2 ;;
    --yes | -y) shift ;;
    -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "未知参数：$1" ;;
  esac
done
if [ -z "$PREFIX" ] && [ "$(id -u)" != 0 ]; then die "请以 root 身份运行（sudo ./deploy/upgrade.sh）"; fi
[ -z "$PREFIX" ] || PREFIX=$(cd "$PREFIX" && pwd)
export PREFIX
set_paths "$PREFIX"
[ -z "$PREFIX" ] || export LR_NO_SERVICE_USER=1

BUNDLE=$(bundle_root)
say "土地储备全生命周期管理系统 · 升级"

step "1/6 检查（不做任何更改）"
[ -f "$ENV_FILE" ] && [ -L "$OPT_DIR/current" ] || die "没有找到已安装的系统（$ENV_FILE、$OPT_DIR/current）：请先运行 install.sh"
PREVIOUS=$(readlink -f "$OPT_DIR/current")
PREVIOUS_VERSION=$(manifest_field "$PREVIOUS" version)
check_system "$BUNDLE" "$OPT_DIR" ""
verify_bundle "$BUNDLE"
[ "$BUNDLE_VERSION" != "$PREVIOUS_VERSION" ] || { say "已是版本 $BUNDLE_VERSION，无需升级"; exit 0; }
ok "当前版本 $PREVIOUS_VERSION → 新版本 $BUNDLE_VERSION"
DATABASE_URL=$(env_get DATABASE_URL)
DATA_DIR=$(env_get DATA_DIR)
PORT=$(env_get PORT)
LISTEN=$(env_get HOSTNAME)
URL="http://${LISTEN:-127.0.0.1}:${PORT:-3000}"
if [ -n "$DATABASE_URL" ]; then
  out=$(run_job "$BUNDLE" "$ENV_FILE" check-db 2>&1) || die "数据库检查未通过，未做任何更改：
$out"
  ok "$(printf '%s\n' "$out" | tr '\n' ' ')"
  DUMP_TOOL=""
  for t in pg_dump gs_dump sys_dump; do command -v "$t" >/dev/null 2>&1 && { DUMP_TOOL=$t; break; }; done
  [ -n "$DUMP_TOOL" ] || die "找不到数据库备份工具（pg_dump / gs_dump / sys_dump）：升级前必须能备份数据库"
fi

step "2/6 安装新版本文件"
RELEASE="$OPT_DIR/releases/$BUNDLE_VERSION"
rm -rf "$RELEASE.tmp"
cp -a "$BUNDLE" "$RELEASE.tmp"
chmod -R go-w "$RELEASE.tmp"
rm -rf "$RELEASE"
mv "$RELEASE.tmp" "$RELEASE"
ok "$RELEASE"

service_stop() { if has_systemd; then systemctl stop "$APP"; else stop_direct; fi; }
service_start() { if has_systemd; then systemctl start "$APP"; else start_direct "$OPT_DIR/current" "$ENV_FILE"; fi; }
switch_to() { ln -sfn "$1" "$OPT_DIR/current.new" && mv -T "$OPT_DIR/current.new" "$OPT_DIR/current"; }

step "3/6 备份"
STAMP=$(date +%Y%m%d-%H%M%S)
SNAP="$BACKUP_DIR/pre-upgrade-$STAMP"
mkdir -p "$SNAP"
chmod 700 "$SNAP"
service_stop
ok "服务已停止"
if [ -n "$DATABASE_URL" ]; then
  "$DUMP_TOOL" -Fc -f "$SNAP/database.dump" "$DATABASE_URL" || { service_start; die "数据库备份失败，已恢复运行原版本，未做更改"; }
else
  tar -C "$DATA_DIR" -czf "$SNAP/pglite.tar.gz" pglite || { service_start; die "内置数据库备份失败，已恢复运行原版本，未做更改"; }
fi
cp -p "$ENV_FILE" "$SNAP/app.env"
echo "$PREVIOUS" >"$SNAP/previous-release"
ok "$SNAP"

rollback() {
  local why=$1
  warn "升级失败：$why —— 正在回滚到 $PREVIOUS_VERSION"
  service_stop || true
  switch_to "$PREVIOUS"
  if [ -n "$DATABASE_URL" ]; then
    local restore=pg_restore
    case "$DUMP_TOOL" in gs_dump) restore=gs_restore ;; sys_dump) restore=sys_restore ;; esac
    "$restore" --clean --if-exists --no-owner --single-transaction -d "$DATABASE_URL" "$SNAP/database.dump" >/dev/null 2>&1 ||
      warn "数据库恢复报告了问题，请检查；备份在 $SNAP/database.dump"
  else
    rm -rf "$DATA_DIR/pglite.failed" && mv "$DATA_DIR/pglite" "$DATA_DIR/pglite.failed" && tar -C "$DATA_DIR" -xzf "$SNAP/pglite.tar.gz"
  fi
  service_start
  if wait_healthy "$URL" "$HEALTH_TIMEOUT"; then
    die "已回滚到 $PREVIOUS_VERSION，数据库已恢复到升级前，服务正常。失败原因：$why"
  fi
  die "已回滚到 $PREVIOUS_VERSION，但服务未通过健康检查，请查看日志。升级失败原因：$why"
}

step "4/6 数据库迁移"
run_job "$RELEASE" "$ENV_FILE" migrate || rollback "数据库迁移失败"

step "5/6 切换版本并启动"
switch_to "$RELEASE"
if has_systemd; then
  sed -e "s#@OPT_DIR@#$OPT_DIR#g" -e "s#@ENV_FILE@#$ENV_FILE#g" -e "s#@DATA_DIR@#$DATA_DIR#g" -e "s#@LOG_DIR@#$LOG_DIR#g" \
    -e "s#@USER@#$SERVICE_USER#g" "$RELEASE/deploy/systemd/land-reserve.service" >"$UNIT_FILE.tmp" && mv "$UNIT_FILE.tmp" "$UNIT_FILE"
  systemctl daemon-reload
  install_audit_timer "$RELEASE"
fi
service_start || rollback "服务无法启动"

step "6/6 健康检查"
wait_healthy "$URL" "$HEALTH_TIMEOUT" || rollback "新版本在 ${HEALTH_TIMEOUT} 秒内没有通过健康检查"
ok "$URL/api/health 正常"
# Keep the three newest releases (the current one always); release names have no spaces.
# shellcheck disable=SC2012
ls -1t "$OPT_DIR/releases" | tail -n +4 | while read -r old; do
  case "$old" in *.tmp) continue ;; esac
  [ "$OPT_DIR/releases/$old" = "$RELEASE" ] || rm -rf "${OPT_DIR:?}/releases/$old"
done
say ""
say "升级完成：$PREVIOUS_VERSION → $BUNDLE_VERSION（升级前备份：$SNAP）"
