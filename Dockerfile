# syntax=docker/dockerfile:1
# Samverk's container image: the app with its production dependencies on Node 24, run as an
# unprivileged user, its data and backups in volumes. `docker compose up` starts it with PostgreSQL
# (compose.yaml). Built by .ci/run where a container tool with a reachable registry is present.

# Dependencies first, so that a change to the code does not install them again.
FROM node:24-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SAMVERK_DATA_DIR=/data \
    SAMVERK_BACKUP_DIR=/backups
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY data ./data
COPY migrations ./migrations
COPY src ./src
# The image's user owns only its volumes; the code stays read-only to it.
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
VOLUME ["/data", "/backups"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
