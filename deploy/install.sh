#!/usr/bin/env bash
# 土地储备全生命周期管理系统 — 离线安装（在目标服务器上以 root 运行，无需联网）。
#
#   sudo ./deploy/install.sh [--database-url URL [--migration-database-url URL] | --embedded] [--public-url https://…]
#                            [--listen 127.0.0.1] [--port 3000] [--data-dir DIR]
#                            [--trusted-proxies 127.0.0.1,::1] [--yes]
#                            [--prefix DIR --start]     # 测试：装进一个临时根目录，不用 systemd
#
# Checks everything first (OS, architecture, glibc, kernel, disk, memory, port, the bundle's
# SHA-256/SM3 manifest, the database and its compatibility mode) and changes nothing when a check
# fails. Then: service user, folders, the release under /opt/land-reserve/releases/<version>,
# /etc/land-reserve/app.env (secrets generated here), migrations, the first 系统管理员 /
# 安全管理员 / 审计管理员 with one-time passwords, the hardened systemd unit, a health check.
# Running it again changes nothing that is already right (existing app.env and accounts are kept).
set -euo pipefail
umask 027
# shellcheck source=deploy/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PREFIX=""
DATABASE_URL_ARG=""
MIGRATION_URL_ARG=""
EMBEDDED=0
PUBLIC_URL=""
LISTEN=127.0.0.1
PORT=3000
DATA_DIR_ARG=""
TRUSTED=""
ASSUME_YES=0
START_DIRECT=0
HEALTH_TIMEOUT=${LR_HEALTH_TIMEOUT:-90}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix 需要目录}; shift 2 ;;
    --database-url) DATABASE_URL_ARG=${2:?--database-url 需要连接串}; shift 2 ;;
    --migration-database-url) MIGRATION_URL_ARG=${2:?--migration-database-url 需要连接串}; shift 2 ;;
    --embedded) EMBEDDED=1; shift ;;
    --public-url) PUBLIC_URL=${2:?--public-url 需要地址}; shift 2 ;;
    --listen) LISTEN=${2:?--listen 需要地址}; shift 2 ;;
    --port) PORT=${2:?--port 需要端口}; shift 2 ;;
    --data-dir) DATA_DIR_ARG=${2:?--data-dir 需要目录}; shift 2 ;;
    --trusted-proxies) TRUSTED=${2:?--trusted-proxies 需要地址列表}; shift 2 ;;
    --yes | -y) ASSUME_YES=1; shift ;;
    --start) START_DIRECT=1; shift ;;
    -h | --help) usage 0 ;;
    *) say "未知参数：$1"; usage 2 ;;
  esac
done

[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "端口无效：$PORT"
[[ "$LISTEN" =~ ^[0-9a-fA-F.:]+$ ]] || die "监听地址无效：$LISTEN（例如 127.0.0.1）"
[ -z "$PUBLIC_URL" ] || [[ "$PUBLIC_URL" =~ ^https?://[^[:space:]]+$ ]] || die "访问地址无效：$PUBLIC_URL（例如 https://tdcb.example.gov.cn）"
[ "$EMBEDDED" = 0 ] || [ -z "$DATABASE_URL_ARG" ] || die "--embedded 与 --database-url 只能选一个"
[ -z "$MIGRATION_URL_ARG" ] || [[ "$MIGRATION_URL_ARG" =~ ^postgres(ql)?:// ]] || die "--migration-database-url 应以 postgres:// 开头（数据库属主账号的连接串）"
if [ -z "$PREFIX" ] && [ "$(id -u)" != 0 ]; then die "请以 root 身份运行（sudo ./deploy/install.sh …）"; fi
if [ -n "$PREFIX" ]; then
  mkdir -p "$PREFIX"
  PREFIX=$(cd "$PREFIX" && pwd)
fi
export PREFIX
set_paths "$PREFIX"

BUNDLE=$(bundle_root)
say "土地储备全生命周期管理系统 · 离线安装"
say "安装包：$BUNDLE"

step "1/7 检查环境（不做任何更改）"
RUNNING_HERE=0
if [ -f "$ENV_FILE" ] && [ "$(env_get PORT)" = "$PORT" ]; then
  # Reinstalling over a running installation: its own port is not "in use by someone else".
  if { has_systemd && systemctl is-active --quiet "$APP"; } || { [ -f "$VAR_DIR/app.pid" ] && kill -0 "$(cat "$VAR_DIR/app.pid")" 2>/dev/null; }; then RUNNING_HERE=1; fi
fi
check_system "$BUNDLE" "${PREFIX:-/}/opt" "$([ "$RUNNING_HERE" = 1 ] && echo "" || echo "$PORT")"
verify_bundle "$BUNDLE"

# The settings: an existing app.env wins (idempotent); flags fill a new one; prompts otherwise.
if [ -f "$ENV_FILE" ]; then
  ok "已有配置 $ENV_FILE：保留其中的设置与密钥"
  DATABASE_URL=$(env_get DATABASE_URL)
  DATA_DIR=$(env_get DATA_DIR)
  PORT=$(env_get PORT)
  LISTEN=$(env_get HOSTNAME)
  NEW_ENV=0
else
  NEW_ENV=1
  DATABASE_URL=$DATABASE_URL_ARG
  if [ -z "$DATABASE_URL" ] && [ "$EMBEDDED" = 0 ]; then
    if [ "$ASSUME_YES" = 1 ] || [ ! -t 0 ]; then
      die "请用 --database-url 指定数据库（openGauss / KingbaseES / PostgreSQL），或用 --embedded 使用内置数据库（仅适合试用）"
    fi
    read -r -p "数据库连接串（postgres://用户:口令@主机:端口/库名，留空使用内置数据库）：" DATABASE_URL
  fi
  DATA_DIR=${DATA_DIR_ARG:-$VAR_DIR}
fi
[ -n "$DATA_DIR" ] || DATA_DIR=$VAR_DIR
case "$DATABASE_URL" in
  '' | postgres://* | postgresql://*) ;;
  *) die "数据库连接串应以 postgres:// 开头（openGauss、KingbaseES 的 PG 模式同样使用该格式）" ;;
esac

# The database, checked by the new release's own job before anything is written.
CHECK_ENV=$(mktemp)
trap 'rm -f "$CHECK_ENV"' EXIT
{
  [ -z "$DATABASE_URL" ] || echo "DATABASE_URL=$DATABASE_URL"
  echo "DATA_DIR=$(mktemp -d)"
} >"$CHECK_ENV"
if [ -n "$DATABASE_URL" ]; then
  if ! out=$(LR_NO_SERVICE_USER=1 run_job "$BUNDLE" "$CHECK_ENV" check-db 2>&1); then
    die "数据库检查未通过，未做任何更改：
$out"
  fi
  ok "$(printf '%s\n' "$out" | head -1)"
else
  warn "未配置外部数据库：使用内置数据库（PGlite，数据在 $DATA_DIR/pglite），仅适合试用和小规模使用"
fi

step "2/7 服务用户与目录"
if [ -z "$PREFIX" ]; then
  if ! id "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$VAR_DIR" --no-create-home --shell /sbin/nologin "$SERVICE_USER"
    ok "已创建服务用户 $SERVICE_USER"
  else
    ok "服务用户 $SERVICE_USER 已存在"
  fi
  OWNER="$SERVICE_USER:$SERVICE_USER"
else
  export LR_NO_SERVICE_USER=1
  OWNER="$(id -u):$(id -g)"
fi
mkdir -p "$OPT_DIR/releases" "$ETC_DIR" "$VAR_DIR" "$LOG_DIR" "$BACKUP_DIR" "$DATA_DIR"
chmod 755 "$OPT_DIR" "$OPT_DIR/releases"
chmod 750 "$ETC_DIR" "$VAR_DIR" "$LOG_DIR" "$DATA_DIR"
chmod 700 "$BACKUP_DIR"
chown "$OWNER" "$VAR_DIR" "$LOG_DIR" "$DATA_DIR"
chown "root:$(echo "$OWNER" | cut -d: -f2)" "$ETC_DIR" 2>/dev/null || true
ok "$OPT_DIR  $ETC_DIR  $VAR_DIR  $LOG_DIR"

step "3/7 安装程序文件（版本 $BUNDLE_VERSION）"
RELEASE="$OPT_DIR/releases/$BUNDLE_VERSION"
if [ -d "$RELEASE" ] && (cd "$RELEASE" && sha256sum --quiet -c manifest.sha256 >/dev/null 2>&1); then
  ok "该版本已安装且完整：$RELEASE"
else
  rm -rf "$RELEASE.tmp"
  cp -a "$BUNDLE" "$RELEASE.tmp"
  chown -R root:root "$RELEASE.tmp" 2>/dev/null || true
  chmod -R go-w "$RELEASE.tmp"
  rm -rf "$RELEASE"
  mv "$RELEASE.tmp" "$RELEASE"
  ok "已复制到 $RELEASE"
fi

step "4/7 配置文件 $ENV_FILE"
if [ "$NEW_ENV" = 1 ]; then
  SECRET=$(bundle_node "$RELEASE" -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64"))')
  SM4=$(bundle_node "$RELEASE" -e 'process.stdout.write(require("node:crypto").randomBytes(16).toString("hex"))')
  ANCHOR_KEY=$(bundle_node "$RELEASE" -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))')
  TMP_ENV=$(mktemp "$ETC_DIR/.app.env.XXXXXX")
  {
    echo "# $APP 运行配置（install.sh 生成于 $(date '+%Y-%m-%d %H:%M:%S')）。密钥在本机生成，请与数据库备份一同妥善保管。"
    [ -z "$DATABASE_URL" ] || echo "DATABASE_URL=$DATABASE_URL"
    echo "DATA_DIR=$DATA_DIR"
    echo "HOSTNAME=$LISTEN"
    echo "PORT=$PORT"
    [ -z "$PUBLIC_URL" ] || echo "NEXTAUTH_URL=$PUBLIC_URL"
    echo "NEXTAUTH_SECRET=$SECRET"
    echo "# 个人信息字段的 SM4 密钥：丢失后已加密的字段无法解密"
    echo "SM4_KEY=$SM4"
    echo "# 审计链头锚定的 HMAC-SM3 密钥（只在本机，不进数据库）；锚定文件默认 DATA_DIR/audit-anchor.json"
    echo "AUDIT_ANCHOR_KEY=$ANCHOR_KEY"
    echo "TRUSTED_PROXIES=${TRUSTED:-127.0.0.1,::1}"
    echo "LOG_LEVEL=info"
  } >"$TMP_ENV"
  chmod 640 "$TMP_ENV"
  chown "root:$(echo "$OWNER" | cut -d: -f2)" "$TMP_ENV" 2>/dev/null || true
  mv "$TMP_ENV" "$ENV_FILE"
  ok "已生成（NEXTAUTH_SECRET、SM4_KEY 与 AUDIT_ANCHOR_KEY 为本机随机生成）"
else
  ok "保留已有配置"
fi

step "5/7 数据库迁移与初始管理员"
# Two database accounts (deploy/db/README.md「审计表的权限」): the owner's connection is kept apart
# from app.env, readable by root only, and given to the migration job alone.
if [ -n "$MIGRATION_URL_ARG" ]; then
  (umask 077 && echo "MIGRATION_DATABASE_URL=$MIGRATION_URL_ARG" >"$ETC_DIR/migrate.env")
  ok "属主账号连接串写入 $ETC_DIR/migrate.env（仅 root 可读，只用于迁移）"
fi
# A running installation is stopped first: the embedded database admits one process at a time,
# and the migration must not run under a server of the previous version.
if has_systemd && systemctl is-active --quiet "$APP"; then
  systemctl stop "$APP" && ok "已停止运行中的服务（稍后重新启动）"
elif [ -f "$VAR_DIR/app.pid" ]; then
  stop_direct && ok "已停止运行中的服务（稍后重新启动）"
fi
run_job "$RELEASE" "$ENV_FILE" migrate || die "数据库迁移失败（见上方信息）；程序文件已就位，修复后可重新运行 install.sh"
ADMIN_OUT=$(run_job "$RELEASE" "$ENV_FILE" admin-create --json) || die "创建初始管理员失败：$ADMIN_OUT"
bundle_node "$RELEASE" -e '
  const line = require("node:fs").readFileSync(0, "utf8").split("\n").find((l) => l.startsWith("{\"accounts\""));
  if (!line) { console.error("初始管理员作业没有返回结果"); process.exit(1); }
  const out = JSON.parse(line);
  for (const a of out.accounts) console.log(`   ${a.role}  用户名 ${a.username}  一次性密码 ${a.password}`);
  for (const a of out.existing ?? []) console.log(`   ${a.role}：已有账号 ${a.username}，未新建，密码不变`);
  if (out.accounts.length) console.log("   一次性密码只显示这一次，请当面交给各管理员本人；首次登录后必须修改。");
' <<<"$ADMIN_OUT"

step "6/7 服务"
ln -sfn "$RELEASE" "$OPT_DIR/current.new" && mv -T "$OPT_DIR/current.new" "$OPT_DIR/current"
ok "当前版本 → $RELEASE"
URL="http://$LISTEN:$PORT"
[[ "$LISTEN" == *:* ]] && URL="http://[$LISTEN]:$PORT"
if has_systemd; then
  sed -e "s#@OPT_DIR@#$OPT_DIR#g" -e "s#@ENV_FILE@#$ENV_FILE#g" -e "s#@DATA_DIR@#$DATA_DIR#g" -e "s#@LOG_DIR@#$LOG_DIR#g" \
    -e "s#@USER@#$SERVICE_USER#g" "$RELEASE/deploy/systemd/land-reserve.service" >"$UNIT_FILE.tmp"
  mv "$UNIT_FILE.tmp" "$UNIT_FILE"
  systemctl daemon-reload
  systemctl enable "$APP" >/dev/null 2>&1
  systemctl restart "$APP"
  ok "systemd 服务 $APP 已启用并启动"
  install_audit_timer "$RELEASE"
  ok "每晚审计日志链校验：land-reserve-audit-verify.timer 已启用"
elif [ "$START_DIRECT" = 1 ]; then
  stop_direct
  start_direct "$OPT_DIR/current" "$ENV_FILE"
  ok "无 systemd（--prefix 测试环境）：已直接启动，进程号 $(cat "$VAR_DIR/app.pid")，日志 $LOG_DIR/app.log"
else
  warn "无 systemd：未启动服务（测试环境可加 --start 直接启动）"
fi

step "7/7 健康检查"
if has_systemd || [ "$START_DIRECT" = 1 ]; then
  if wait_healthy "$URL" "$HEALTH_TIMEOUT"; then
    ok "$URL/api/health 正常"
  else
    if has_systemd; then journalctl -u "$APP" -n 30 --no-pager >&2 || true; else tail -30 "$LOG_DIR/app.log" >&2 || true; fi
    die "服务在 ${HEALTH_TIMEOUT} 秒内没有通过健康检查（见上方日志）"
  fi
fi

say ""
say "安装完成：版本 $BUNDLE_VERSION"
say "  本机地址：$URL（前端 nginx 配置见 $RELEASE/deploy/nginx/）"
[ -z "$PUBLIC_URL" ] || say "  访问地址：$PUBLIC_URL"
say "  配置：$ENV_FILE    数据：$DATA_DIR    日志：$LOG_DIR"
say "  升级：sudo $RELEASE/deploy/upgrade.sh（在新安装包中运行）    备份：sudo $OPT_DIR/current/deploy/backup.sh"
