// The channels table: each channel's /news setup.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { Platform, type ChannelRef, type ChannelSettings } from "../../core/delivery/channel.js";
import type { ChannelStore } from "../../core/storage/index.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily } from "./lazy.js";

const ChannelRow = z.object({
  platform: Platform,
  channel: z.string(),
  topics: z.string(),
  time: z.string().nullable(),
  timezone: z.string().nullable(),
  paused: z.number(),
  filter: z.string().nullable(),
  max_per_source: z.number().nullable(),
  updated_at: z.number(),
});

function toSettings(raw: unknown): ChannelSettings {
  const row = ChannelRow.parse(raw);
  return {
    platform: row.platform,
    channel: row.channel,
    topics: z.array(z.string()).parse(JSON.parse(row.topics)),
    time: row.time ?? undefined,
    timezone: row.timezone ?? undefined,
    paused: row.paused === 1,
    filter: row.filter ?? undefined,
    maxPerSource: row.max_per_source ?? undefined,
    updatedAt: new Date(row.updated_at),
  };
}

export class SqliteChannels implements ChannelStore {
  private readonly statements;

  constructor(
    db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      get: () => db.prepare("SELECT * FROM channels WHERE platform = ? AND channel = ?"),
      list: () => db.prepare("SELECT * FROM channels ORDER BY platform, channel"),
      save: () => db.prepare(
        `INSERT INTO channels (platform, channel, topics, time, timezone, paused, filter, max_per_source, updated_at)
         VALUES (@platform, @channel, @topics, @time, @timezone, @paused, @filter, @max_per_source, @updated_at)
         ON CONFLICT (platform, channel) DO UPDATE SET topics = excluded.topics, time = excluded.time,
           timezone = excluded.timezone, paused = excluded.paused, filter = excluded.filter,
           max_per_source = excluded.max_per_source, updated_at = excluded.updated_at`,
      ),
    });
  }

  async get(ref: ChannelRef): Promise<ChannelSettings | undefined> {
    const row = this.statements.get.get(ref.platform, ref.channel);
    return row ? toSettings(row) : undefined;
  }

  async save(settings: ChannelSettings): Promise<void> {
    const row = {
      platform: settings.platform,
      channel: settings.channel,
      topics: JSON.stringify(settings.topics),
      time: settings.time ?? null,
      timezone: settings.timezone ?? null,
      paused: settings.paused ? 1 : 0,
      filter: settings.filter ?? null,
      max_per_source: settings.maxPerSource ?? null,
      updated_at: settings.updatedAt.getTime(),
    };
    await this.writes.run(() => this.statements.save.run(row));
  }

  async list(): Promise<ChannelSettings[]> {
    return this.statements.list.all().map(toSettings);
  }
}
