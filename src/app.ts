// Opening and closing the newsroom from the environment: shared by `npm start` and the CLI.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clusterSettings, loadConfig } from "./config.js";
import { createLog } from "./log.js";
import { Newsroom } from "./core/newsroom.js";
import { openStorage } from "./store/open.js";
import { describePoll } from "./core/sources/desk.js";
import type { Poller } from "./core/sources/poller.js";
import { readSourcesFile, syncSourcesFile, type SourcesFileSync } from "./core/sources/sources-file.js";
import { readDigestFiles } from "./core/delivery/digest-files.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository's own folder, for the bundled sample articles: above src/, or above dist/src/
 * when running the compiled build (scripts/build.js). */
export const PROJECT_DIR = path.resolve(here, path.basename(path.dirname(here)) === "dist" ? "../.." : "..");
export const SAMPLE_FILE = path.join(PROJECT_DIR, "samples", "asharq-al-awsat.txt");
export const SAMPLE_SOURCE = "Asharq Al-Awsat";

export interface OpenOptions {
  /** Read the digest files (the default): what delivery and a channel's /news list need. A command
   * that shows neither leaves them unread, and so starts without the cron and timezone parsers that
   * checking a schedule loads. */
  digestFiles?: boolean;
  /** Make the feed poller (the default): what `npm start`, `poll` and `sources` (which polls a feed
   * it adds) need. A command that polls nothing leaves it out, and so starts without the fetcher, the
   * address guard and the feed parser's thread. */
  poller?: boolean;
}

/** What openNewsroom opens. */
export type Opened = Awaited<ReturnType<typeof open>>;

/**
 * The store, the newsroom and the feed poller, from the environment. The sources file and the
 * digest files are read first, so a mistake in either stops start-up with a message naming the field.
 */
export function openNewsroom(env?: NodeJS.ProcessEnv, options?: OpenOptions & { poller?: true }): Promise<Opened & { poller: Poller }>;
/** The store and the newsroom, and the feed poller unless `options.poller` is false. */
export function openNewsroom(env: NodeJS.ProcessEnv, options: OpenOptions): Promise<Opened>;
export function openNewsroom(env: NodeJS.ProcessEnv = process.env, options: OpenOptions = {}): Promise<Opened> {
  return open(env, options);
}

async function open(env: NodeJS.ProcessEnv, options: OpenOptions) {
  const config = loadConfig(env);
  const log = createLog(config.NEWSBOT_LOG_LEVEL);
  // The default file and folder may be absent; a file or folder named in the environment may not.
  const definitions = await readSourcesFile(config.NEWSBOT_SOURCES, { setBy: env.NEWSBOT_SOURCES === undefined ? undefined : "NEWSBOT_SOURCES" });
  const digestFiles =
    options.digestFiles === false ? [] : await readDigestFiles(config.NEWSBOT_DIGESTS, { setBy: env.NEWSBOT_DIGESTS === undefined ? undefined : "NEWSBOT_DIGESTS" });
  // PostgreSQL when DATABASE_URL is set, else the SQLite file at NEWSBOT_DB.
  const store = await openStorage(config);
  log.debug({ engine: config.DATABASE_URL ? "postgres" : "sqlite" }, "store opened");
  let requests: SourcesFileSync["requests"];
  try {
    const { added, removed, moved, ignored, ...sync } = await syncSourcesFile(store, definitions, new Date());
    requests = sync.requests;
    if (added || removed || moved) log.info({ file: config.NEWSBOT_SOURCES, added, removed, moved }, "sources file applied");
    for (const entry of ignored) log.warn({ file: config.NEWSBOT_SOURCES, url: entry.url }, `sources file ${config.NEWSBOT_SOURCES}: ${entry.url} ${entry.reason}`);
  } catch (error) {
    await store.close();
    throw error;
  }
  const newsroom = new Newsroom(store, () => new Date(), {
    sourcesFile: config.NEWSBOT_SOURCES,
    channelDefaults: { time: config.NEWSBOT_BRIEFING_TIME, timezone: config.NEWSBOT_TIMEZONE },
    cluster: clusterSettings(config),
  });
  newsroom.channels.fileDigests = digestFiles;
  if (options.poller === false) return { config, log, store, newsroom, poller: undefined as Poller | undefined };
  // Loaded here, for the commands that poll.
  const [{ Fetcher }, { Poller }] = await Promise.all([import("./core/fetch/fetcher.js"), import("./core/sources/poller.js")]);
  const poller = new Poller(store, new Fetcher({ allowPrivateAddresses: config.NEWSBOT_ALLOW_PRIVATE_ADDRESSES }), {
    ingest: newsroom.ingest,
    requests,
    policy: { intervalMinutes: config.NEWSBOT_POLL_MINUTES, maxItemsPerPoll: config.NEWSBOT_MAX_ITEMS_PER_POLL },
    onReport: (report) => {
      // A pause needs someone's attention; a failure that will be retried does not, yet.
      const level = report.outcome === "paused" ? "warn" : "info";
      log[level]({ source: report.source.id, url: report.source.url, outcome: report.outcome, added: report.added }, describePoll(report));
    },
    onRoundFailure: (error) => log.error({ error: error instanceof Error ? error.message : String(error) }, "a polling round failed; trying again next round"),
  });
  newsroom.sources.poller = poller;
  return { config, log, store, newsroom, poller };
}
