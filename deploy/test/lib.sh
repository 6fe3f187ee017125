# shellcheck shell=bash disable=SC2034  # WORK, SRC … are used by the scripts that source this file
# Shared by deploy/test/install.sh and deploy/test/upgrade.sh (sourced): a work folder removed on
# exit with every server started in it and the test database, pass/fail counting, the unpacked
# bundle, and a sign-in as the login page does it.

# test_setup <bundle.tar.gz> <work folder prefix>: sets WORK, SRC, PG_DB (empty), FAILS.
test_setup() {
  WORK=$(mktemp -d "/tmp/$2.XXXXXX")
  PG_DB=""
  FAILS=0
  trap test_cleanup EXIT
  tar -xzf "$1" -C "$WORK"
  SRC=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'land-reserve-*' | head -1)
}

test_cleanup() {
  for pidfile in "$WORK"/*/root/var/lib/land-reserve/app.pid; do
    [ -f "$pidfile" ] && kill -- "-$(cat "$pidfile")" 2>/dev/null || true
  done
  [ -z "$PG_DB" ] || psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

pass() { echo "  ✓ $*"; }
fail() { echo "  ✗ $*" >&2; FAILS=$((FAILS + 1)); }

# Signs in through next-auth's credentials flow (with the Origin a browser sends); the session's
# cookies end up in <jar>. Fails when no session results.
login() { # login <url> <user> <password> <jar>
  local url=$1 user=$2 password=$3 jar=$4 csrf
  csrf=$(curl -fsS -c "$jar" -b "$jar" "$url/api/auth/csrf" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
  curl -fsS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $url" -X POST "$url/api/auth/callback/credentials" \
    --data-urlencode "csrfToken=$csrf" --data-urlencode "username=$user" --data-urlencode "password=$password" \
    --data-urlencode "callbackUrl=$url/workbench" --data-urlencode "json=true"
  curl -fsS -b "$jar" "$url/api/auth/session" | grep -q '"uid"'
}
