# shellcheck shell=bash
# Shared by every deploy script (sourced, not run): install.sh, upgrade.sh and uninstall.sh
# directly, backup.sh, restore.sh, restore-drill.sh and audit-verify.sh through lib/common.sh.
# Messages in Chinese: they are read by the centre's IT ops.

APP=land-reserve
SERVICE_USER=landreserve
MIN_GLIBC=2.28
MIN_KERNEL=4.18
MIN_DISK_MB=${LR_MIN_DISK_MB:-2048} # overridable for the refusal test
MIN_MEM_MB=2048

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ✓ %s\n' "$*"; }
warn() { printf '   ! %s\n' "$*" >&2; }
die() {
  printf '\n✗ %s\n' "$*" >&2
  exit 1
}

# Version compare: is $1 >= $2 (dotted numbers)?
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

# Paths of the installation under a prefix ("" for the real system root): OPT_DIR/current ->
# releases/<version>, ETC_DIR/app.env, VAR_DIR (the default DATA_DIR), BACKUP_DIR.
# shellcheck disable=SC2034  # the paths are used by the scripts that source this file
set_paths() {
  local prefix=${1%/}
  OPT_DIR="$prefix/opt/$APP"
  CURRENT_DIR="$OPT_DIR/current"
  ETC_DIR="$prefix/etc/$APP"
  VAR_DIR="$prefix/var/lib/$APP"
  LOG_DIR="$prefix/var/log/$APP"
  BACKUP_DIR="$prefix/var/backups/$APP"
  ENV_FILE="$ETC_DIR/app.env"
  UNIT_FILE="$prefix/etc/systemd/system/$APP.service"
}

# The bundle this script belongs to (deploy/ sits in the bundle's top folder).
bundle_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

manifest_field() { # manifest_field <bundle> <field>: a top-level string field of manifest.json
  sed -n "s/^ \"$2\": \"\\([^\"]*\\)\".*/\\1/p" "$1/manifest.json" | head -1
}

machine_arch() {
  case "$(uname -m)" in
    aarch64 | arm64) echo arm64 ;;
    x86_64 | amd64) echo x64 ;;
    *) uname -m ;;
  esac
}

# Runs the bundled node; under LR_ARCH_EMULATOR (e.g. qemu-aarch64-static, for the arm64 test on
# an x86_64 machine) through the emulator.
bundle_node() { # bundle_node <bundle> args...
  local b=$1
  shift
  if [ -n "${LR_ARCH_EMULATOR:-}" ]; then "$LR_ARCH_EMULATOR" "$b/node/bin/node" "$@"; else "$b/node/bin/node" "$@"; fi
}

# Preflight checks that change nothing. Sets BUNDLE_ARCH, BUNDLE_VERSION.
check_system() { # check_system <bundle> <target dir for the disk check> <port or "">
  local b=$1 target=$2 port=$3
  BUNDLE_ARCH=$(manifest_field "$b" arch)
  BUNDLE_VERSION=$(manifest_field "$b" version)
  [ -n "$BUNDLE_ARCH" ] && [ -n "$BUNDLE_VERSION" ] || die "安装包不完整：找不到 manifest.json 中的版本或架构信息（$b）"

  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    local os_name
    os_name=$(. /etc/os-release && echo "${PRETTY_NAME:-$NAME}")
    case "$os_name" in
      *Kylin* | *麒麟* | *UOS* | *统信* | *openEuler* | *Anolis* | *龙蜥* | *Debian* | *Ubuntu* | *CentOS* | *Red\ Hat* | *Rocky* | *AlmaLinux*) ok "操作系统：$os_name" ;;
      *) warn "操作系统 $os_name 不在已验证列表中（麒麟 V10、统信 UOS V20、openEuler 22.03 等），继续安装" ;;
    esac
  fi

  local arch
  arch=$(machine_arch)
  if [ "$arch" != "$BUNDLE_ARCH" ]; then
    if [ -n "${LR_ARCH_EMULATOR:-}" ]; then
      warn "本机架构 $arch，安装包为 $BUNDLE_ARCH：通过 $LR_ARCH_EMULATOR 模拟运行（仅用于测试）"
    else
      die "架构不符：本机为 $(uname -m)（$arch），安装包为 linux-$BUNDLE_ARCH。请使用 land-reserve-…-linux-$arch.tar.gz"
    fi
  else
    ok "处理器架构：$(uname -m)"
  fi

  local glibc
  glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
  [ -n "$glibc" ] || glibc=$(ldd --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+' | tail -1)
  [ -n "$glibc" ] || die "无法确定 glibc 版本（需要 ≥ $MIN_GLIBC）"
  version_ge "$glibc" "$MIN_GLIBC" || die "glibc 版本 $glibc 过低：内置的 Node.js 24 需要 glibc ≥ $MIN_GLIBC（麒麟 V10 为 2.28）"
  ok "glibc $glibc"

  local kernel
  kernel=$(uname -r | grep -oE '^[0-9]+\.[0-9]+')
  version_ge "$kernel" "$MIN_KERNEL" || die "内核版本 $(uname -r) 过低：需要 ≥ $MIN_KERNEL"
  ok "内核 $(uname -r)"

  local probe=$target
  while [ ! -d "$probe" ]; do probe=$(dirname "$probe"); done
  local free_mb
  free_mb=$(df -Pm "$probe" | awk 'NR==2 {print $4}')
  [ "${free_mb:-0}" -ge "$MIN_DISK_MB" ] || die "磁盘空间不足：$probe 所在分区可用 ${free_mb} MB，至少需要 $MIN_DISK_MB MB"
  ok "磁盘可用 ${free_mb} MB（$probe）"

  local mem_mb
  mem_mb=$(awk '/^MemTotal:/ {print int($2/1024)}' /proc/meminfo)
  [ "${mem_mb:-0}" -ge "$MIN_MEM_MB" ] || die "内存不足：${mem_mb} MB，至少需要 $MIN_MEM_MB MB（建议 8 GB）"
  ok "内存 ${mem_mb} MB"

  if [ -n "$port" ] && port_in_use "$port"; then
    die "端口 $port 已被占用（$(port_owner "$port")）：请用 --port 指定其他端口，或先停止占用它的程序"
  fi
  [ -z "$port" ] || ok "端口 $port 可用"
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnH "sport = :$1" 2>/dev/null | grep -q .
  else
    (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
  fi
}

port_owner() {
  command -v ss >/dev/null 2>&1 && ss -ltnpH "sport = :$1" 2>/dev/null | grep -oE 'users:\(\("[^"]+"' | head -1 | cut -d'"' -f2 || echo "未知程序"
}

# The bundle's files against its manifest: SHA-256 with coreutils first (before any bundled
# program runs), then SM3 with the bundled node.
verify_bundle() { # verify_bundle <bundle>
  local b=$1
  [ -f "$b/manifest.sha256" ] || die "安装包缺少 manifest.sha256，无法校验完整性"
  local bad
  if ! bad=$(cd "$b" && sha256sum --quiet -c manifest.sha256 2>&1); then
    die "安装包校验失败（文件被修改或损坏），未做任何更改：
$(printf '%s\n' "$bad" | head -10)"
  fi
  local extra
  extra=$(cd "$b" && find . -type f ! -name manifest.json ! -name manifest.sha256 | sed 's#^\./##' | sort | comm -23 - <(cut -d' ' -f3- manifest.sha256 | sort))
  [ -z "$extra" ] || die "安装包中有清单之外的文件，未做任何更改：
$(printf '%s\n' "$extra" | head -10)"
  bundle_node "$b" -e '
    const { readFileSync } = require("node:fs");
    const { createHash } = require("node:crypto");
    const dir = process.argv[1];
    const m = JSON.parse(readFileSync(dir + "/manifest.json", "utf8"));
    const bad = m.files.filter((f) => createHash("sm3").update(readFileSync(dir + "/" + f.path)).digest("hex") !== f.sm3);
    if (bad.length) { console.error(bad.slice(0, 10).map((f) => "SM3 不符：" + f.path).join("\n")); process.exit(1); }
  ' "$b" || die "安装包 SM3 校验失败，未做任何更改"
  ok "安装包完整（$(wc -l <"$b/manifest.sha256") 个文件的 SHA-256 与 SM3 校验通过）"
}

# Reads KEY from an env file (default app.env) without sourcing it (values may hold shell
# metacharacters); quotes around the value are dropped, as systemd's EnvironmentFile does.
env_get() { # env_get <key> [file]
  local key=$1 file=${2:-$ENV_FILE} line value
  [[ -r $file ]] || return 0
  line=$(grep -E "^[[:space:]]*${key}=" "$file" | tail -n 1 || true)
  [[ -n $line ]] || return 0
  value=${line#*=}
  value=${value%$'\r'}
  if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
  printf '%s' "$value"
}

# Runs a job of a release (cwd app/, environment from the env file) as the service user when root.
run_job() { # run_job <release dir> <env file> <job> args...
  local rel=$1 envfile=$2 job=$3
  shift 3
  local -a envs=()
  while IFS= read -r line; do
    case "$line" in '' | \#*) continue ;; *=*) envs+=("$line") ;; esac
  done <"$envfile"
  # Two database accounts: the owner's connection (migrate.env, root only) reaches the migration job alone.
  local owner_env
  owner_env="$(dirname "$envfile")/migrate.env"
  if [ "$job" = migrate ] && [ -r "$owner_env" ]; then
    while IFS= read -r line; do
      case "$line" in MIGRATION_DATABASE_URL=*) envs+=("$line") ;; esac
    done <"$owner_env"
  fi
  local -a runner=()
  if [ "$(id -u)" = 0 ] && id "$SERVICE_USER" >/dev/null 2>&1 && [ "${LR_NO_SERVICE_USER:-}" != 1 ]; then
    runner=(setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups)
    command -v setpriv >/dev/null 2>&1 || runner=(runuser -u "$SERVICE_USER" --)
  fi
  local node=("$rel/node/bin/node")
  [ -z "${LR_ARCH_EMULATOR:-}" ] || node=("$LR_ARCH_EMULATOR" "$rel/node/bin/node")
  (cd "$rel/app" && env -i PATH=/usr/bin:/bin HOME=/tmp NODE_ENV=production "${envs[@]}" "${runner[@]}" "${node[@]}" "jobs/$job.cjs" "$@")
}

# systemd is used only for a real install: not in a --prefix test root, not on a machine that
# was not booted with systemd (a container), not without systemctl.
has_systemd() {
  [ -z "${PREFIX:-}" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]
}

# Waits for GET /api/health to answer 200 (database reachable).
wait_healthy() { # wait_healthy <url> <seconds>
  local url=$1 limit=$2 t=0
  while [ "$t" -lt "$limit" ]; do
    if command -v curl >/dev/null 2>&1; then
      curl -fsS -m 5 "$url/api/health" >/dev/null 2>&1 && return 0
    else
      (exec 3<>"/dev/tcp/${url#http://}" 2>/dev/null) && return 0
    fi
    sleep 2
    t=$((t + 2))
  done
  return 1
}

# Starts the app without systemd (a --prefix test root): in the background, pid in VAR_DIR.
start_direct() { # start_direct <release dir> <env file>
  local rel=$1 envfile=$2
  local -a envs=()
  while IFS= read -r line; do
    case "$line" in '' | \#*) continue ;; *=*) envs+=("$line") ;; esac
  done <"$envfile"
  local node=("$rel/node/bin/node")
  [ -z "${LR_ARCH_EMULATOR:-}" ] || node=("$LR_ARCH_EMULATOR" "$rel/node/bin/node")
  # `&` on the command alone: its pid is the server's (env and setsid exec into node), and the
  # server leads its own process group, which stop_direct ends as a whole.
  (
    cd "$rel/app" || exit 1
    env -i PATH=/usr/bin:/bin HOME=/tmp NODE_ENV=production "${envs[@]}" setsid "${node[@]}" server.js >>"$LOG_DIR/app.log" 2>&1 </dev/null &
    echo $! >"$VAR_DIR/app.pid"
  )
}

stop_direct() {
  local pidfile="$VAR_DIR/app.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# The nightly audit chain check (安全审计): land-reserve-audit-verify.{service,timer} from the release.
AUDIT_UNITS=(land-reserve-audit-verify.service land-reserve-audit-verify.timer)

install_audit_timer() { # install_audit_timer <release dir>
  local rel=$1 unit dir
  dir=$(dirname "$UNIT_FILE")
  for unit in "${AUDIT_UNITS[@]}"; do
    sed -e "s#@OPT_DIR@#$OPT_DIR#g" "$rel/deploy/systemd/$unit" >"$dir/$unit.tmp"
    mv "$dir/$unit.tmp" "$dir/$unit"
  done
  systemctl daemon-reload
  systemctl enable --now land-reserve-audit-verify.timer >/dev/null 2>&1
}

remove_audit_timer() {
  local unit dir
  dir=$(dirname "$UNIT_FILE")
  systemctl disable --now land-reserve-audit-verify.timer >/dev/null 2>&1 || true
  for unit in "${AUDIT_UNITS[@]}"; do rm -f "$dir/$unit"; done
}
