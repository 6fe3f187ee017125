#!/usr/bin/env bash
# nginx front-server test: renders deploy/nginx/land-reserve.conf with a self-signed certificate,
# checks it with `nginx -t`, then runs nginx on ports 3580/3581 in front of a small echo server
# (3582) and checks the redirect, TLS versions, HTTP/2, security headers, overwritten
# X-Forwarded-For, gzip, static caching and the body limit. Exit 0 only if all checks pass.
set -euo pipefail
[[ -z ${TRACE:-} ]] || set -x

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RENDER="$REPO/deploy/nginx/render.sh"
HTTP_PORT=${NGINX_TEST_HTTP_PORT:-3580}
HTTPS_PORT=${NGINX_TEST_HTTPS_PORT:-3581}
UP_PORT=${NGINX_TEST_UPSTREAM_PORT:-3582}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x $NGINX ]] || {
  echo "找不到 nginx（Debian/Ubuntu：apt-get install -y nginx-light；麒麟/openEuler：yum install -y nginx）" >&2
  exit 1
}
for tool in openssl curl node; do command -v "$tool" >/dev/null || {
  echo "缺少命令 $tool" >&2
  exit 1
}; done

T=$(mktemp -d /tmp/lr-nginx-test.XXXXXX)
chmod 711 "$T" # nginx workers (an unprivileged user) write request bodies below it
nginx_pid='' upstream_pid=''
cleanup() {
  [[ -z $nginx_pid ]] || kill "$nginx_pid" 2>/dev/null || true
  [[ -z $upstream_pid ]] || kill "$upstream_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -n ${KEEP:-} ]] || rm -rf "$T"
}
trap cleanup EXIT

passed=0 failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    printf '  通过：%s\n' "$name"
    passed=$((passed + 1))
  else
    printf '  失败：%s\n' "$name"
    failed=$((failed + 1))
  fi
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -keyout "$T/server.key" -out "$T/server.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=other \
  -keyout "$T/other.key" -out "$T/other.crt" 2>/dev/null

echo "== render.sh =="
"$RENDER" --cert "$T/server.crt" --key "$T/server.key" --server-name "localhost 127.0.0.1" \
  --upstream "127.0.0.1:$UP_PORT" --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" >"$T/land-reserve.conf"
check "生成的配置不含未填写变量" bash -c "! grep -q '__[A-Z_]*__' '$T/land-reserve.conf'"
# shellcheck disable=SC2016 # a literal nginx variable
check "X-Forwarded-For 为覆盖写法" grep -qF 'proxy_set_header X-Forwarded-For $remote_addr;' "$T/land-reserve.conf"
check "私钥与证书不匹配时拒绝" bash -c "! '$RENDER' --cert '$T/server.crt' --key '$T/other.key' --server-name x >/dev/null 2>&1"
check "域名含非法字符时拒绝" bash -c "! '$RENDER' --cert '$T/server.crt' --key '$T/server.key' --server-name 'a;b' >/dev/null 2>&1"
check "证书不存在时拒绝" bash -c "! '$RENDER' --cert '$T/none.crt' --key '$T/server.key' --server-name x >/dev/null 2>&1"

mkdir -p "$T/logs"
cat >"$T/nginx.conf" <<CONF
pid $T/nginx.pid;
error_log $T/logs/error.log warn;
daemon off;
worker_processes 1;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $T/body;
    proxy_temp_path $T/proxy;
    fastcgi_temp_path $T/fastcgi;
    uwsgi_temp_path $T/uwsgi;
    scgi_temp_path $T/scgi;
    include $T/land-reserve.conf;
}
CONF

echo "== nginx -t =="
if "$NGINX" -t -p "$T" -c "$T/nginx.conf" >"$T/t.log" 2>&1; then
  printf '  通过：nginx -t（%s）\n' "$("$NGINX" -v 2>&1)"
  passed=$((passed + 1))
else
  printf '  失败：nginx -t\n'
  sed 's/^/      /' "$T/t.log"
  exit 1
fi

# Echo server: answers with the request headers it received as JSON.
cat >"$T/upstream.js" <<'JS'
const http = require('node:http');
http.createServer((req, res) => {
  let size = 0;
  req.on('data', (c) => (size += c.length));
  req.on('end', () => {
    if (req.url.startsWith('/_next/static/')) {
      res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'public, max-age=0' });
      return res.end('/* chunk */' + 'x'.repeat(4000));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ headers: req.headers, size, pad: 'y'.repeat(2000) }));
  });
}).listen(Number(process.argv[2]), '127.0.0.1');
JS
node "$T/upstream.js" "$UP_PORT" &
upstream_pid=$!
"$NGINX" -p "$T" -c "$T/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 100); do
  curl -skf -o /dev/null "https://127.0.0.1:$HTTPS_PORT/" && break
  sleep 0.1
done
curl -skf -o /dev/null "https://127.0.0.1:$HTTPS_PORT/" || {
  echo "nginx 或测试用上游服务没有启动" >&2
  tail -n 5 "$T/logs/error.log" >&2
  exit 1
}

echo "== 运行检查 =="
base="https://127.0.0.1:$HTTPS_PORT"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/login?x=1")
check "HTTP 跳转到 HTTPS（$redirect）" test "$redirect" = "301 https://127.0.0.1:$HTTPS_PORT/login?x=1"
curl -sk -D "$T/h" -o "$T/resp" -H 'X-Forwarded-For: 6.6.6.6' -H 'Accept-Encoding: identity' "$base/parcels"
check "X-Forwarded-For 被覆盖为客户端地址" grep -q '"x-forwarded-for":"127.0.0.1"' "$T/resp"
check "X-Forwarded-Proto 为 https" grep -q '"x-forwarded-proto":"https"' "$T/resp"
check "Host 原样转发" grep -q '"host":"127.0.0.1:'"$HTTPS_PORT"'"' "$T/resp"
check "HSTS" grep -qi '^strict-transport-security: max-age=31536000' "$T/h"
check "X-Content-Type-Options nosniff" grep -qi '^x-content-type-options: nosniff' "$T/h"
check "X-Frame-Options SAMEORIGIN" grep -qi '^x-frame-options: SAMEORIGIN' "$T/h"
check "CSP frame-ancestors" grep -qi "^content-security-policy: frame-ancestors 'self'" "$T/h"
check "Referrer-Policy" grep -qi '^referrer-policy: strict-origin-when-cross-origin' "$T/h"
check "Permissions-Policy" grep -qi '^permissions-policy: camera=()' "$T/h"
check "页面不带长期缓存" bash -c "! grep -qi '^cache-control:.*immutable' '$T/h'"
check "不暴露 nginx 版本" bash -c "! grep -qi '^server: nginx/' '$T/h'"
curl -sk -D "$T/h" -o /dev/null "$base/_next/static/chunks/app.js"
check "/_next/static/ 一年 immutable 缓存（仅一个 Cache-Control）" \
  test "$(grep -ci '^cache-control:' "$T/h")-$(grep -i '^cache-control:' "$T/h" | tr -d '\r')" = "1-cache-control: public, max-age=31536000, immutable"
curl -sk -D "$T/h" -o /dev/null -H 'Accept-Encoding: gzip' "$base/parcels"
check "文本响应 gzip 压缩" grep -qi '^content-encoding: gzip' "$T/h"
check "HTTP/2" test "$(curl -sk --http2 -o /dev/null -w '%{http_version}' "$base/")" = 2
check "TLS 1.2 可用" curl -sk -o /dev/null --tlsv1.2 --tls-max 1.2 "$base/"
check "TLS 1.3 可用" curl -sk -o /dev/null --tlsv1.3 "$base/"
check "拒绝 TLS 1.1" bash -c "! openssl s_client -connect 127.0.0.1:$HTTPS_PORT -tls1_1 </dev/null >/dev/null 2>&1"
head -c $((29 * 1024 * 1024)) /dev/zero >"$T/29m"
head -c $((31 * 1024 * 1024)) /dev/zero >"$T/31m"
check "29 MB 上传可通过" test "$(curl -sk -o /dev/null -w '%{http_code}' --data-binary @"$T/29m" "$base/upload")" = 200
check "31 MB 上传被拒（413）" test "$(curl -sk -o /dev/null -w '%{http_code}' --data-binary @"$T/31m" "$base/upload")" = 413

echo "结果：通过 $passed 项，失败 $failed 项"
((failed == 0))
