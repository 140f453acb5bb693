// The embedded engine: one SQLite file (better-sqlite3), WAL, FTS5. The default for one machine.
// It persists and queries; story assignment and ranking are the core's (src/core/storage).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import type { IngestTransaction, Leadership, Storage } from "../../core/storage/index.js";
import { SqliteAlerts } from "./alerts.js";
import { SqliteArticles } from "./articles.js";
import { SqliteChannels } from "./channels.js";
import { SqliteDeliveries } from "./deliveries.js";
import { SqliteLeadership } from "./leadership.js";
import { migrate } from "./migrations.js";
import { SqliteSeenRequests } from "./seen-requests.js";
import { SqliteSources } from "./sources.js";
import type { SqliteStoryIndex } from "./story-index.js";
import { SqliteThreads } from "./threads.js";
import { WriteQueue } from "./write-queue.js";

/**
 * mkdir -p, one level at a time from the nearest folder that exists. Node's own recursive mkdir
 * never returns where a folder exists but answers ENOENT for a child (/proc/nope): it makes the
 * parent again and retries, forever. Here that child's error is the answer.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let dir = folder; !fs.existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      // Made meanwhile by another newsbot starting beside this one.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/**
 * better-sqlite3's compiled addon, named to it: otherwise it looks for it at each start through the
 * bindings package, in a dozen places one after the other (several milliseconds of every command).
 * Undefined, its own search, where an install put it elsewhere.
 */
function nativeBinding(): string | undefined {
  try {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json")), "build", "Release", "better_sqlite3.node");
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** How long to wait for the write lock per statement (another process writing). */
const BUSY_TIMEOUT_MS = 5_000;
/** How long a unit of work waits for the write lock, without blocking the event loop. */
const LOCK_WAIT_MS = 60_000;
const LOCK_RETRY_MS = 10;

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly writes = new WriteQueue();
  readonly articles: SqliteArticles;
  readonly sources: SqliteSources;
  readonly deliveries: SqliteDeliveries;
  readonly channels: SqliteChannels;
  readonly threads: SqliteThreads;
  readonly alerts: SqliteAlerts;
  readonly seenRequests: SqliteSeenRequests;
  /** Leaderships handed out, given up on close. */
  private readonly leaderships: Leadership[] = [];
  /** Made at the first ingest: its module (and the clusterer state's schemas it reads profiles with)
   * is loaded only by what writes, not by a command that reads. */
  private storyIndex?: SqliteStoryIndex;

  /** Opens (creating if needed) the database file; ":memory:" for a throwaway database. */
  constructor(file: string) {
    if (file !== ":memory:") makeFolder(path.dirname(path.resolve(file)));
    this.db = new Database(file, { nativeBinding: nativeBinding() });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // SQLite's default page cache is 2 MB; a store of 100k articles wants its indexes in memory,
    // and reads through a memory map skip a copy per page.
    this.db.pragma("cache_size = -65536");
    if (file !== ":memory:") this.db.pragma("mmap_size = 268435456");
    migrate(this.db);
    this.articles = new SqliteArticles(this.db);
    this.sources = new SqliteSources(this.db, this.writes);
    this.deliveries = new SqliteDeliveries(this.db, this.writes);
    this.channels = new SqliteChannels(this.db, this.writes);
    this.threads = new SqliteThreads(this.db, this.writes);
    this.alerts = new SqliteAlerts(this.db, this.writes);
    this.seenRequests = new SqliteSeenRequests(this.db, this.writes);
  }

  ingest<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      // Before the write lock: one unit of work at a time runs here, so it is made once.
      this.storyIndex ??= new (await import("./story-index.js")).SqliteStoryIndex(this.db);
      const transaction: IngestTransaction = { articles: this.articles, storyIndex: this.storyIndex };
      await this.begin();
      try {
        const result = await work(transaction);
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  /**
   * BEGIN IMMEDIATE: the write lock is taken at the start, so no other process writes between what
   * the unit reads (the story index) and its commit. While another process holds it (a big ingest
   * beside the bot), the wait is asynchronous: chat commands are answered meanwhile.
   */
  private async begin(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    this.db.pragma("busy_timeout = 0");
    try {
      for (;;) {
        try {
          this.db.exec("BEGIN IMMEDIATE");
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
          await sleep(LOCK_RETRY_MS);
        }
      }
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  leadership(name: string): Leadership {
    const leadership = new SqliteLeadership(this.db, this.writes, name);
    this.leaderships.push(leadership);
    return leadership;
  }

  async close(): Promise<void> {
    if (this.db.open) for (const leadership of this.leaderships) await leadership.release();
    // Whatever is queued finishes first: closing under an open unit of work would lose it.
    await this.writes.run(() => undefined);
    if (this.db.open) this.db.close();
  }
}
