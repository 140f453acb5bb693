// The seen_requests table: signatures of signed platform requests already run (Slack HTTP mode).
import type { Database } from "better-sqlite3";
import type { SeenRequests } from "../../core/storage/index.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily } from "./lazy.js";

export class SqliteSeenRequests implements SeenRequests {
  private readonly statements;

  constructor(
    db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      forget: () => db.prepare("DELETE FROM seen_requests WHERE seen_at < ?"),
      insert: () => db.prepare("INSERT INTO seen_requests (signature, seen_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING"),
    });
  }

  firstSight(signature: string, at: Date, forgetBefore: Date): Promise<boolean> {
    return this.writes.run(() => {
      this.statements.forget.run(forgetBefore.getTime());
      return this.statements.insert.run(signature, at.getTime()).changes === 1;
    });
  }
}
