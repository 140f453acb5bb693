// The alerts tables: each channel's alerts, and every story alerted (or held back) per channel.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import type { AlertRule, RaisedAlert } from "../../core/alerts/alert.js";
import type { ChannelRef } from "../../core/delivery/channel.js";
import type { AlertBudget, AlertStore } from "../../core/storage/index.js";
import { alertReaders } from "../rows/alert.js";
import { sqliteColumns } from "../rows/columns.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily } from "./lazy.js";

/** Made at the first row read: a command that reads no alerts does not build their schemas. */
let readers: ReturnType<typeof alertReaders> | undefined;
const toRule = (raw: unknown): AlertRule => (readers ??= alertReaders(sqliteColumns)).toRule(raw);
const toRaised = (raw: unknown): RaisedAlert => (readers ??= alertReaders(sqliteColumns)).toRaised(raw);

export class SqliteAlerts implements AlertStore {
  private readonly statements;

  constructor(
    db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      list: () => db.prepare("SELECT * FROM alerts ORDER BY platform, channel, topic_key"),
      forChannel: () => db.prepare("SELECT * FROM alerts WHERE platform = ? AND channel = ? ORDER BY topic_key"),
      save: () => db.prepare(
        `INSERT INTO alerts (platform, channel, topic_key, topic, filter, mention, min_outlets, within_hours, created_at)
         VALUES (@platform, @channel, @topic_key, @topic, @filter, @mention, @min_outlets, @within_hours, @created_at)
         ON CONFLICT (platform, channel, topic_key) DO UPDATE SET topic = excluded.topic, filter = excluded.filter,
           mention = excluded.mention, min_outlets = excluded.min_outlets, within_hours = excluded.within_hours, created_at = excluded.created_at`,
      ),
      remove: () => db.prepare("DELETE FROM alerts WHERE platform = ? AND channel = ? AND topic_key = ?"),
      // One statement: SQLite writes one at a time, so the count and the insert cannot interleave with another's.
      claim: () => db.prepare(
        `INSERT INTO alerts_raised (platform, channel, story_id, topic, headline, raised_at, held)
         SELECT @platform, @channel, @story_id, @topic, @headline, @raised_at,
           (SELECT count(*) FROM alerts_raised WHERE platform = @platform AND channel = @channel AND held = 0 AND raised_at >= @since) >= @max
         WHERE true
         ON CONFLICT (platform, channel, story_id) DO NOTHING
         RETURNING held`,
      ),
      held: () => db.prepare(
        "SELECT * FROM alerts_raised WHERE platform = ? AND channel = ? AND held = 1 AND raised_at >= ? AND raised_at < ? ORDER BY raised_at, story_id",
      ),
    });
  }

  async list(): Promise<AlertRule[]> {
    return this.statements.list.all().map(toRule);
  }

  async forChannel(ref: ChannelRef): Promise<AlertRule[]> {
    return this.statements.forChannel.all(ref.platform, ref.channel).map(toRule);
  }

  async save(rule: AlertRule): Promise<void> {
    const row = {
      platform: rule.platform,
      channel: rule.channel,
      topic_key: rule.topic.toLowerCase(),
      topic: rule.topic,
      filter: rule.filter ?? null,
      mention: rule.mention ?? null,
      min_outlets: rule.minOutlets,
      within_hours: rule.withinHours,
      created_at: rule.createdAt.getTime(),
    };
    await this.writes.run(() => this.statements.save.run(row));
  }

  async remove(ref: ChannelRef, topic: string): Promise<boolean> {
    return (await this.writes.run(() => this.statements.remove.run(ref.platform, ref.channel, topic.toLowerCase()))).changes > 0;
  }

  async claim(alert: RaisedAlert, budget: AlertBudget): Promise<"post" | "hold" | undefined> {
    const row = await this.writes.run(() =>
      this.statements.claim.get({
        platform: alert.platform,
        channel: alert.channel,
        story_id: alert.storyId,
        topic: alert.topic,
        headline: alert.headline,
        raised_at: alert.raisedAt.getTime(),
        since: budget.since.getTime(),
        max: budget.max,
      }),
    );
    if (row === undefined) return undefined;
    return z.object({ held: z.number() }).parse(row).held ? "hold" : "post";
  }

  async held(ref: ChannelRef, since: Date, until: Date): Promise<RaisedAlert[]> {
    return this.statements.held.all(ref.platform, ref.channel, since.getTime(), until.getTime()).map(toRaised);
  }
}
