// The alerts tables: each channel's alerts, and every story alerted (or held back) per channel.
import type pg from "pg";
import type { AlertRule, RaisedAlert } from "../../core/alerts/alert.js";
import type { ChannelRef } from "../../core/delivery/channel.js";
import type { AlertBudget, AlertStore } from "../../core/storage/index.js";
import { alertReaders } from "../rows/alert.js";
import { postgresColumns } from "../rows/columns.js";
import { inTransaction } from "./pool.js";

const { toRule, toRaised } = alertReaders(postgresColumns);

export class PostgresAlerts implements AlertStore {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<AlertRule[]> {
    return (await this.pool.query("SELECT * FROM alerts ORDER BY platform, channel, topic_key")).rows.map(toRule);
  }

  async forChannel(ref: ChannelRef): Promise<AlertRule[]> {
    return (await this.pool.query("SELECT * FROM alerts WHERE platform = $1 AND channel = $2 ORDER BY topic_key", [ref.platform, ref.channel])).rows.map(toRule);
  }

  async save(rule: AlertRule): Promise<void> {
    await this.pool.query(
      `INSERT INTO alerts (platform, channel, topic_key, topic, filter, mention, min_outlets, within_hours, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (platform, channel, topic_key) DO UPDATE SET topic = excluded.topic, filter = excluded.filter,
         mention = excluded.mention, min_outlets = excluded.min_outlets, within_hours = excluded.within_hours, created_at = excluded.created_at`,
      [rule.platform, rule.channel, rule.topic.toLowerCase(), rule.topic, rule.filter ?? null, rule.mention ?? null, rule.minOutlets, rule.withinHours, rule.createdAt],
    );
  }

  async remove(ref: ChannelRef, topic: string): Promise<boolean> {
    const result = await this.pool.query("DELETE FROM alerts WHERE platform = $1 AND channel = $2 AND topic_key = $3", [ref.platform, ref.channel, topic.toLowerCase()]);
    return (result.rowCount ?? 0) > 0;
  }

  async claim(alert: RaisedAlert, budget: AlertBudget): Promise<"post" | "hold" | undefined> {
    return inTransaction(this.pool, async (client) => {
      // Replicas claiming for the same channel take turns, so the count below stays true until the insert.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('newsbot alerts ' || $1 || ':' || $2))", [alert.platform, alert.channel]);
      const { rows } = await client.query(
        `INSERT INTO alerts_raised (platform, channel, story_id, topic, headline, raised_at, held)
         SELECT $1, $2, $3, $4, $5, $6,
           (SELECT count(*) FROM alerts_raised WHERE platform = $1 AND channel = $2 AND NOT held AND raised_at >= $7) >= $8
         ON CONFLICT (platform, channel, story_id) DO NOTHING
         RETURNING held`,
        [alert.platform, alert.channel, alert.storyId, alert.topic, alert.headline, alert.raisedAt, budget.since, budget.max],
      );
      const row = rows[0] as { held: boolean } | undefined;
      return row === undefined ? undefined : row.held ? "hold" : "post";
    });
  }

  async held(ref: ChannelRef, since: Date, until: Date): Promise<RaisedAlert[]> {
    const { rows } = await this.pool.query(
      "SELECT * FROM alerts_raised WHERE platform = $1 AND channel = $2 AND held AND raised_at >= $3 AND raised_at < $4 ORDER BY raised_at, story_id",
      [ref.platform, ref.channel, since, until],
    );
    return rows.map(toRaised);
  }
}
