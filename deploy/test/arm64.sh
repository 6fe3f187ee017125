#!/usr/bin/env bash
# The arm64 (鲲鹏 / 飞腾) proof on an x86_64 machine (issue 13): builds the aarch64 bundle, then
# runs deploy/test/install.sh with it — the bundled aarch64 Node runs under qemu user-mode
# emulation (several times slower than native: the health checks wait up to 10 minutes).
#
#   deploy/test/arm64.sh [--setup] [--db embedded|pg|both] [--skip-build]
#
# --setup installs the emulator first (root, Debian/Ubuntu):
#   dpkg --add-architecture arm64 && apt-get update && apt-get install -y qemu-user-static libc6:arm64 libstdc++6:arm64
set -euo pipefail
cd "$(dirname "$0")/../.."

SETUP=0
DB=both
SKIP_BUILD=()
while [ $# -gt 0 ]; do
  case "$1" in
    --setup) SETUP=1; shift ;;
    --db) DB=$2; shift 2 ;;
    --skip-build) SKIP_BUILD=(--skip-build); shift ;;
    *) echo "未知参数：$1" >&2; exit 2 ;;
  esac
done

if [ "$(uname -m)" = aarch64 ]; then
  echo "本机即为 aarch64：直接运行安装测试"
elif ! command -v qemu-aarch64-static >/dev/null 2>&1 || [ ! -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ]; then
  if [ "$SETUP" = 1 ]; then
    dpkg --add-architecture arm64
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static libc6:arm64 libstdc++6:arm64 >/dev/null
  else
    echo "缺少 qemu-aarch64-static 或 arm64 运行库：加 --setup 安装（需要 root 与软件源）" >&2
    exit 2
  fi
fi

rm -f dist/land-reserve-*-linux-arm64.tar.gz*
npm run bundle -- --arch arm64 "${SKIP_BUILD[@]}"
# shellcheck disable=SC2012
bundle=$(ls -1t dist/land-reserve-*-linux-arm64.tar.gz | head -1)
# The bundled node itself, as the target would run it.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tar -xzf "$bundle" -C "$dir" --wildcards '*/node/bin/node'
node_bin=$(find "$dir" -path '*/node/bin/node' | head -1)
# ELF e_machine (bytes 18–19, little endian): 0xb7 is AArch64.
[ "$(od -An -tx1 -j18 -N2 "$node_bin" | tr -d ' \n')" = b700 ] && echo "✓ node/bin/node 为 aarch64 可执行文件" || { echo "✗ node/bin/node 不是 aarch64 可执行文件" >&2; exit 1; }
echo "✓ $(qemu-aarch64-static "$node_bin" -p '`Node.js ${process.version} ${process.arch}`' 2>/dev/null || "$node_bin" -p '`Node.js ${process.version} ${process.arch}`')"
exec deploy/test/install.sh --arch arm64 --bundle "$bundle" --db "$DB"
