// The engine for several machines: one PostgreSQL database (DATABASE_URL) shared by any number of
// newsbot processes. Writes that must not interleave take advisory locks in the database, not in
// the process: ingest serializes story assignment across replicas.
import type pg from "pg";
import type { IngestTransaction, Leadership, Storage } from "../../core/storage/index.js";
import { PostgresAlerts } from "./alerts.js";
import { PostgresArticles } from "./articles.js";
import { PostgresChannels } from "./channels.js";
import { PostgresDeliveries } from "./deliveries.js";
import { PostgresLeadership } from "./leadership.js";
import { migrate } from "./migrations.js";
import { describeDatabase, inTransaction, openPool } from "./pool.js";
import { PostgresSeenRequests } from "./seen-requests.js";
import { PostgresSources } from "./sources.js";
import { PostgresStoryIndex } from "./story-index.js";
import { PostgresThreads } from "./threads.js";

/** The advisory lock key story assignment holds for its transaction (any constant, per database). */
const INGEST_LOCK = 7_402_115_002;

export class PostgresStorage implements Storage {
  readonly articles: PostgresArticles;
  readonly sources: PostgresSources;
  readonly deliveries: PostgresDeliveries;
  readonly channels: PostgresChannels;
  readonly threads: PostgresThreads;
  readonly alerts: PostgresAlerts;
  readonly seenRequests: PostgresSeenRequests;
  /** Leaderships handed out, given up on close. */
  private readonly leaderships: Leadership[] = [];

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.articles = new PostgresArticles(pool);
    this.sources = new PostgresSources(pool);
    this.deliveries = new PostgresDeliveries(pool);
    this.channels = new PostgresChannels(pool);
    this.threads = new PostgresThreads(pool);
    this.alerts = new PostgresAlerts(pool);
    this.seenRequests = new PostgresSeenRequests(pool);
  }

  /** Connects and brings the schema up to date; the error names the database, never its password. */
  static async open(url: string): Promise<PostgresStorage> {
    const pool = openPool(url);
    try {
      await migrate(pool, url);
    } catch (error) {
      await pool.end();
      const reason = error instanceof Error ? error.message : String(error);
      // Errors of our own already name the database; a connection error names only what failed.
      throw new Error(reason.includes(describeDatabase(url)) ? reason : `cannot open the database ${describeDatabase(url)} (${reason})`);
    }
    return new PostgresStorage(pool, url);
  }

  ingest<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      // Held until commit or rollback: another replica's ingest waits here, then sees these stories.
      await client.query("SELECT pg_advisory_xact_lock($1)", [INGEST_LOCK]);
      return work({ articles: new PostgresArticles(client), storyIndex: new PostgresStoryIndex(client) });
    });
  }

  leadership(name: string): Leadership {
    const leadership = new PostgresLeadership(this.url, name);
    this.leaderships.push(leadership);
    return leadership;
  }

  async close(): Promise<void> {
    for (const leadership of this.leaderships) await leadership.release();
    // Closing twice is harmless, as for SQLite; the pool itself refuses a second end().
    if (!this.pool.ended) await this.pool.end();
  }
}
