# newsbot in a container. The database lives on the /data volume; the process is
# `node scripts/run.js src/main.ts` itself (PID 1, no npm or shell in between; run.js starts the
# build's bundle in the same process), so `docker stop`'s SIGTERM reaches newsbot: deliveries in
# flight finish, then it exits 0. Commands: `docker exec newsbot node scripts/run.js src/cli.ts ...`.
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
# Compile to dist/ (the image starts without compiling anything), bundle the entry points and write
# the CLI bundle's code cache (the image's user cannot write it later), then leave the dev tools out.
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
# The build without its sources: scripts/run.js (npm start, npm run newsbot) runs the build where
# there are no sources to check it against, through the bundles and the code cache in dist/bundle.
COPY --from=build /app/package.json ./
COPY --from=build /app/scripts ./scripts
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
CMD ["node", "scripts/run.js", "src/main.ts"]
