// Leadership on SQLite: a lease row in the leaders table, renewed by each acquire. One process is
// the only one there is, so it leads; a second process on the same file (another newsbot started
// beside it) waits until the first releases, closes, or stops renewing (it died).
import crypto from "node:crypto";
import type { Database } from "better-sqlite3";
import type { Leadership } from "../../core/storage/index.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily } from "./lazy.js";

/** How long a hold lasts without renewal; holders renew every few seconds. A process restarted
 * after a crash waits this long for its own old lease to run out. */
export const LEASE_MS = 15_000;

export class SqliteLeadership implements Leadership {
  private readonly holder = crypto.randomUUID();
  /** When the lease this process last took ends (0: not held). */
  private heldUntil = 0;
  private readonly statements;

  constructor(
    db: Database,
    private readonly writes: WriteQueue,
    private readonly name: string,
  ) {
    this.statements = lazily({
      take: () => db.prepare(
        `INSERT INTO leaders (name, holder, lease_until) VALUES (@name, @holder, @until)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
         WHERE leaders.holder = excluded.holder OR leaders.lease_until < @now`,
      ),
      release: () => db.prepare("DELETE FROM leaders WHERE name = ? AND holder = ?"),
    });
  }

  acquire(): Promise<boolean> {
    return this.writes.run(() => {
      const now = Date.now();
      try {
        const taken = this.statements.take.run({ name: this.name, holder: this.holder, until: now + LEASE_MS, now }).changes === 1;
        this.heldUntil = taken ? now + LEASE_MS : 0;
        return taken;
      } catch (error) {
        // Another process holds the write lock (a big import beside the bot): the lease already
        // taken stands until it ends, so a holder does not drop the job for a busy moment.
        if ((error as { code?: string }).code === "SQLITE_BUSY") return now < this.heldUntil;
        throw error;
      }
    });
  }

  async release(): Promise<void> {
    this.heldUntil = 0;
    await this.writes.run(() => this.statements.release.run(this.name, this.holder));
  }
}
