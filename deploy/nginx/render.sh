#!/usr/bin/env bash
# 填写 nginx 模板 land-reserve.conf 的变量，结果输出到标准输出。
# 用法：render.sh --cert FILE --key FILE --server-name NAME [--upstream HOST:PORT] [--http-port N] [--https-port N] [--no-check]
set -euo pipefail

die() {
  printf '错误：%s\n' "$*" >&2
  exit 1
}
usage() {
  cat <<'USAGE'
用法：render.sh --cert FILE --key FILE --server-name NAME [选项] > /etc/nginx/conf.d/land-reserve.conf
  --cert FILE          证书（PEM，含中间证书），绝对路径
  --key FILE           私钥（PEM），绝对路径
  --server-name NAME   域名或 IP，多个用空格分隔并整体加引号
  --upstream H:P       应用地址（默认 127.0.0.1:3000）
  --http-port N        HTTP 端口（默认 80，只做跳转）
  --https-port N       HTTPS 端口（默认 443）
  --template FILE      模板（默认与本脚本同目录的 land-reserve.conf）
  --no-check           不检查证书与私钥文件（在另一台机器上生成配置时用）
USAGE
}

cert='' key='' server_name='' upstream=127.0.0.1:3000 http_port=80 https_port=443 check=1
template="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/land-reserve.conf"
while (($#)); do
  case "$1" in
    --cert) cert=${2:?--cert 需要文件路径}; shift 2 ;;
    --key) key=${2:?--key 需要文件路径}; shift 2 ;;
    --server-name) server_name=${2:?--server-name 需要域名}; shift 2 ;;
    --upstream) upstream=${2:?--upstream 需要 主机:端口}; shift 2 ;;
    --http-port) http_port=${2:?--http-port 需要端口}; shift 2 ;;
    --https-port) https_port=${2:?--https-port 需要端口}; shift 2 ;;
    --template) template=${2:?--template 需要文件路径}; shift 2 ;;
    --no-check) check=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "未知参数：$1" ;;
  esac
done
[[ -n $cert && -n $key && -n $server_name ]] || { usage >&2; die "--cert、--key、--server-name 都必须指定"; }

# Only characters that need no quoting in nginx and no escaping in sed.
path_re='^/[A-Za-z0-9._/@+-]+$'
[[ $cert =~ $path_re ]] || die "证书路径必须是绝对路径，且只含字母、数字和 ._/@+-：$cert"
[[ $key =~ $path_re ]] || die "私钥路径必须是绝对路径，且只含字母、数字和 ._/@+-：$key"
[[ $server_name =~ ^[A-Za-z0-9.*_:-]+( [A-Za-z0-9.*_:-]+)*$ ]] || die "域名格式无效：$server_name"
[[ $upstream =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$ ]] || die "应用地址应为 主机:端口（如 127.0.0.1:3000）：$upstream"
for p in "$http_port" "$https_port"; do
  if ! [[ $p =~ ^[0-9]{1,5}$ ]] || ((p < 1 || p > 65535)); then die "端口无效：$p"; fi
done
[[ $http_port != "$https_port" ]] || die "HTTP 与 HTTPS 端口不能相同"
[[ -r $template ]] || die "找不到模板 $template"

if ((check)); then
  [[ -r $cert ]] || die "证书文件不存在或不可读：$cert（在其他机器上生成配置时加 --no-check）"
  [[ -r $key ]] || die "私钥文件不存在或不可读：$key"
  if command -v openssl >/dev/null 2>&1; then
    openssl x509 -in "$cert" -noout 2>/dev/null || die "$cert 不是 PEM 格式的证书"
    cert_pub=$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)
    key_pub=$(openssl pkey -in "$key" -pubout 2>/dev/null) || die "$key 不是 PEM 格式的私钥（或带口令）"
    [[ $cert_pub == "$key_pub" ]] || die "私钥与证书不匹配：$key / $cert"
    if ! openssl x509 -in "$cert" -noout -checkend 0 >/dev/null 2>&1; then
      printf '警告：证书 %s 已过期\n' "$cert" >&2
    fi
  fi
fi

# The redirect names the HTTPS port unless it is the default one.
port_suffix=''
[[ $https_port == 443 ]] || port_suffix=":$https_port"
# The template's leading comment documents the placeholders: replace it by a short provenance line.
body=$(awk 'started || !/^#/ { started = 1; print }' "$template")
out=$(sed -e "s|__SSL_CERTIFICATE_KEY__|$key|g" \
  -e "s|__SSL_CERTIFICATE__|$cert|g" \
  -e "s|__SERVER_NAME__|$server_name|g" \
  -e "s|__UPSTREAM__|$upstream|g" \
  -e "s|__HTTPS_PORT_SUFFIX__|$port_suffix|g" \
  -e "s|__HTTPS_PORT__|$https_port|g" \
  -e "s|__HTTP_PORT__|$http_port|g" <<<"$body")
if grep -q '__[A-Z_]*__' <<<"$out"; then die "模板中还有未填写的变量"; fi
printf '# 土地储备系统前置 nginx 配置：由 deploy/nginx/render.sh 于 %s 从模板 land-reserve.conf 生成；需要修改时请改模板或参数后重新生成。\n' "$(date '+%Y-%m-%d %H:%M')"
printf '%s\n' "$out"
