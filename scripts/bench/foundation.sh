#!/usr/bin/env bash
# Foundation benchmarks on this machine: npm ci, next build (time + peak RSS), cold start to the
# first 200 on /api/health (fresh and existing embedded database). Prints a Markdown table.
# Usage: bash scripts/bench/foundation.sh [--skip-ci]
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1
port=3390
data=.tmp/bench-data
rows=()

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [[ "${1:-}" != "--skip-ci" ]]; then
  t0=$(now); npm ci --no-audit --no-fund >/dev/null 2>&1; t1=$(now)
  rows+=("| \`npm ci\` (warm npm cache) | $(secs "$t0" "$t1") s | |")
fi

rm -rf .next  # a cold build: no Turbopack filesystem cache
rm -rf .next # a cold build: no Turbopack filesystem cache
/usr/bin/time -v node_modules/.bin/next build >.tmp/bench-build.log 2>&1
build_s=$(grep 'Elapsed (wall clock)' .tmp/bench-build.log | awk '{print $NF}')
build_kb=$(grep 'Maximum resident set size' .tmp/bench-build.log | awk '{print $NF}')
rows+=("| \`next build\` (cold, no .next cache) | ${build_s} (m:ss) | peak RSS of the largest process $((build_kb / 1024)) MB |")

cold_start() { # $1 label
  local t0 t1 pid
  t0=$(now)
  DATA_DIR=$data setsid node_modules/.bin/next start -p $port >.tmp/bench-start.log 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do sleep 0.05; done
  t1=$(now)
  local rss
  rss=$(ps -o rss= -g "$(ps -o pgid= -p $pid | tr -d ' ')" | awk '{s+=$1} END {print int(s/1024)}')
  kill -- -"$(ps -o pgid= -p $pid | tr -d ' ')" 2>/dev/null || true
  wait $pid 2>/dev/null || true
  rows+=("| cold start → first 200 on \`/api/health\` ($1) | $(secs "$t0" "$t1") s | server RSS after first request ${rss} MB |")
}

rm -rf "$data"
t0=$(now); DATA_DIR=$data node_modules/.bin/tsx scripts/prepare-db.ts >/dev/null; t1=$(now)
rows+=("| fresh embedded database: migrate + reference + demo data | $(secs "$t0" "$t1") s | |")
cold_start "existing embedded database"
cold_start "same database, repeated"
rm -rf "$data"

echo "| measure | value | note |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, Node $(node -v), $(date -u +%Y-%m-%d)."
