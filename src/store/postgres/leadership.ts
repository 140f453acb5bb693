// Leadership on Postgres: a session-level advisory lock held on a connection of its own (not the
// pool's, whose connections come and go). The server lets go of it when that connection ends, so
// when the holder dies or loses the database, the next replica to ask takes over.
import pg from "pg";
import type { Leadership } from "../../core/storage/index.js";

/** The first half of each leadership's advisory lock key (the second is the name's hash), apart
 * from the single-key locks of migrations and ingest. */
const LEADERSHIP_LOCKS = 7402;

export class PostgresLeadership implements Leadership {
  private connection?: pg.Client;
  private held = false;

  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {}

  async acquire(): Promise<boolean> {
    if (this.connection && this.held) {
      // Still held exactly as long as the connection holding it is alive.
      try {
        await this.connection.query("SELECT 1");
        return true;
      } catch {
        await this.release();
      }
    }
    const connection = this.connection ?? (await this.connect());
    try {
      const { rows } = await connection.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken", [LEADERSHIP_LOCKS, this.name]);
      this.held = rows[0]!.taken;
      return this.held;
    } catch (error) {
      await this.release();
      throw error;
    }
  }

  /** Ending the session releases the lock; the next acquire opens a new one. */
  async release(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.held = false;
    await connection?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    // Keepalive, so that a connection silently cut is noticed rather than trusted.
    const connection = new pg.Client({ connectionString: this.url, application_name: `newsbot ${this.name}`, keepAlive: true });
    // A dropped connection (the server restarted, the network cut it) ends the hold with it; the
    // next acquire opens a new one and asks again.
    connection.on("error", () => undefined);
    connection.on("end", () => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.held = false;
    });
    await connection.connect();
    this.connection = connection;
    return connection;
  }
}
