# One image for the API and the worker (the command differs). Production only: no dev
# dependencies, compiled JavaScript, a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# The Chinese font embedded in report PDFs (REPORT_FONT_PATH, src/reports).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The audit spool's mount point, owned by the user the API runs as (a named volume copies it).
RUN mkdir -p /var/lib/weibao/audit-spool && chown -R node:node /var/lib/weibao
USER node
EXPOSE 3000
CMD ["node", "dist/src/api/server.js"]
