# newsbot in a container. The database lives on the /data volume; the process is
# `node dist/src/main.js` itself (PID 1, no npm or shell in between), so `docker stop`'s
# SIGTERM reaches newsbot: deliveries in flight finish, then it exits 0.
#
#   docker build -t newsbot .
#   docker run -d --name newsbot --env-file newsbot.env -v newsbot-data:/data --stop-timeout 30 newsbot

# Build: the dependencies, with the tools better-sqlite3 needs when no prebuilt binary fits.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Every dependency, the compiler included (npm's prepare has no sources to compile yet, and says so).
RUN npm ci && npm cache clean --force
# Compile to dist/ (the image starts without compiling anything), then leave the dev tools out.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build && npm prune --omit=dev

# Run: the same base image without the build tools.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEWSBOT_DB=/data/newsbot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The sources too, as `npm start` and `npm run newsbot` check the build against them (scripts/run.js).
COPY --from=build /app/package.json /app/tsconfig.json /app/tsconfig.build.json ./
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/src ./src
COPY --from=build /app/commands ./commands
# The bundled digest folder and sample articles (terminal mode); mount your own over /app/digests
# and /app/sources.json (or point NEWSBOT_DIGESTS / NEWSBOT_SOURCES elsewhere).
COPY digests ./digests
COPY samples ./samples
# The image's own user, not root; it owns only the database volume.
RUN mkdir /data && chown node:node /data
USER node
VOLUME /data
# Slack's HTTP mode listens on PORT (Socket Mode and Discord need no port).
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
