# syntax=docker/dockerfile:1
# 土地储备全生命周期管理系统 — container image: the offline bundle (npm run bundle) on a slim Debian,
# run as a non-root user. Builds for linux/amd64 and linux/arm64 from one build platform (the
# bundle differs only in its Node runtime):
#
#   docker buildx build --platform linux/amd64,linux/arm64 -t land-reserve:latest .
#   docker run -d -p 3000:3000 -v lr-data:/var/lib/land-reserve \
#     -e DATABASE_URL=postgres://… -e NEXTAUTH_SECRET="$(openssl rand -base64 32)" -e SM4_KEY="$(openssl rand -hex 16)" land-reserve
#   docker run --rm -it … land-reserve admin-create    # the first 系统管理员 / 安全管理员 / 审计管理员
#
# The image never loads demo data; `docker run … land-reserve seed` does, for a trial.

FROM --platform=$BUILDPLATFORM node:24-bookworm-slim AS build
ARG TARGETARCH
ARG SOURCE_DATE_EPOCH=0
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN arch="$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" npm run bundle -- --arch "$arch" --out /tmp/dist \
 && mkdir /out \
 && tar -xzf /tmp/dist/land-reserve-*-linux-"$arch".tar.gz -C /out --strip-components=1

FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 landreserve \
 && useradd --system --uid 10001 --gid landreserve --home-dir /var/lib/land-reserve --shell /usr/sbin/nologin landreserve \
 && mkdir -p /var/lib/land-reserve \
 && chown landreserve:landreserve /var/lib/land-reserve \
 && chmod 750 /var/lib/land-reserve
COPY --from=build /out /opt/land-reserve
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 DATA_DIR=/var/lib/land-reserve PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /opt/land-reserve/app
USER landreserve
VOLUME ["/var/lib/land-reserve"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/opt/land-reserve/node/bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
ENTRYPOINT ["/opt/land-reserve/deploy/docker-entrypoint.sh"]
CMD ["serve"]
