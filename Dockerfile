# pkimm-scan container image: the official Node 20 image, compiled JavaScript only, running as the non-root `node` user.
#   docker build -t pkimm-scan .
#   docker run --rm -v "$PWD:/work" pkimm-scan scan --config pkimm.yaml
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
LABEL org.opencontainers.image.title="pkimm-scan" \
      org.opencontainers.image.description="Measure PKI maturity from observable evidence (PKI Maturity Model)" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
    PKIMM_CACHE_DIR=/home/node/.cache/pkimm
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
USER node
WORKDIR /work
ENTRYPOINT ["node", "/app/bin/pkimm.js"]
CMD ["--help"]
