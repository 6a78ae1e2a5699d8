# syntax=docker/dockerfile:1
# Quorum's app image: the API, the worker and the built web app, started by scripts/start.mjs,
# which also applies migrations (and seeds the demo project unless QUORUM_DEMO=0). PostgreSQL and
# Redis are not in it: DATABASE_URL and REDIS_URL point at them (see docker-compose.yml).

# The package manifests alone, so that the `npm ci` layer below is rebuilt when dependencies
# change and not on every source edit.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -type d -empty -delete

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=manifests /app ./
# Dev dependencies too: the apps run their TypeScript through tsx, and vite builds the web app.
RUN npm ci --no-audit --no-fund
COPY . .
# start.mjs reinstalls when package-lock.json looks newer than node_modules, and rebuilds the web
# app when its sources look newer than the build: settle both once here, not at every start.
RUN npm run build -w @quorum/web \
 && touch node_modules/.package-lock.json \
 && mkdir -p .data && chown node:node .data
ENV NODE_ENV=production PORT=8080
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT}/api/v1/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"
CMD ["node", "scripts/start.mjs"]
