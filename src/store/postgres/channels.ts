// The channels table: each channel's /news setup.
import { z } from "zod";
import { Platform, type ChannelRef, type ChannelSettings } from "../../core/delivery/channel.js";
import type { ChannelStore } from "../../core/storage/index.js";
import type { Queryable } from "./pool.js";

const ChannelRow = z.object({
  platform: Platform,
  channel: z.string(),
  topics: z.array(z.string()),
  time: z.string().nullable(),
  timezone: z.string().nullable(),
  paused: z.boolean(),
  filter: z.string().nullable(),
  max_per_source: z.number().nullable(),
  updated_at: z.date(),
});

function toSettings(raw: unknown): ChannelSettings {
  const row = ChannelRow.parse(raw);
  return {
    platform: row.platform,
    channel: row.channel,
    topics: row.topics,
    time: row.time ?? undefined,
    timezone: row.timezone ?? undefined,
    paused: row.paused,
    filter: row.filter ?? undefined,
    maxPerSource: row.max_per_source ?? undefined,
    updatedAt: row.updated_at,
  };
}

export class PostgresChannels implements ChannelStore {
  constructor(private readonly db: Queryable) {}

  async get(ref: ChannelRef): Promise<ChannelSettings | undefined> {
    const { rows } = await this.db.query("SELECT * FROM channels WHERE platform = $1 AND channel = $2", [ref.platform, ref.channel]);
    return rows.length === 0 ? undefined : toSettings(rows[0]);
  }

  async save(settings: ChannelSettings): Promise<void> {
    await this.db.query(
      `INSERT INTO channels (platform, channel, topics, time, timezone, paused, filter, max_per_source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (platform, channel) DO UPDATE SET topics = excluded.topics, time = excluded.time,
         timezone = excluded.timezone, paused = excluded.paused, filter = excluded.filter,
         max_per_source = excluded.max_per_source, updated_at = excluded.updated_at`,
      [settings.platform, settings.channel, JSON.stringify(settings.topics), settings.time ?? null, settings.timezone ?? null, settings.paused, settings.filter ?? null, settings.maxPerSource ?? null, settings.updatedAt],
    );
  }

  async list(): Promise<ChannelSettings[]> {
    // Code point order, as SQLite sorts, whatever the database's collation.
    return (await this.db.query(`SELECT * FROM channels ORDER BY platform COLLATE "C", channel COLLATE "C"`)).rows.map(toSettings);
  }
}
