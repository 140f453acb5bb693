# newsbot in a container. The database lives on the /data volume; the process is
# `node --import tsx src/main.ts` itself (PID 1, no npm or shell in between), so `docker stop`'s
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
# tsx runs the TypeScript at run time, so it is a dependency and the dev tools can be left out.
RUN npm ci --omit=dev && npm cache clean --force

# Run: the same base image without the build tools.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEWSBOT_DB=/data/newsbot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
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
CMD ["node", "--import", "tsx", "src/main.ts"]
