// The seen_requests table: signatures of signed platform requests already run (Slack HTTP mode).
import type { SeenRequests } from "../../core/storage/index.js";
import type { Queryable } from "./pool.js";

export class PostgresSeenRequests implements SeenRequests {
  constructor(private readonly db: Queryable) {}

  async firstSight(signature: string, at: Date, forgetBefore: Date): Promise<boolean> {
    await this.db.query("DELETE FROM seen_requests WHERE seen_at < $1", [forgetBefore]);
    // Two replicas given the same request at once: the primary key lets one insert through.
    const inserted = await this.db.query("INSERT INTO seen_requests (signature, seen_at) VALUES ($1, $2) ON CONFLICT (signature) DO NOTHING", [signature, at]);
    return inserted.rowCount === 1;
  }
}
