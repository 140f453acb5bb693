// The story_threads table: where each story is discussed, per chat channel.
import { z } from "zod";
import { Platform, type ChannelRef } from "../../core/delivery/channel.js";
import type { StoryThread } from "../../core/discussion.js";
import type { ThreadStore } from "../../core/storage/index.js";
import type { Queryable } from "./pool.js";

const ThreadRow = z.object({
  platform: Platform,
  channel: z.string(),
  story_id: z.number(),
  thread_id: z.string(),
  url: z.string().nullable(),
  posted_at: z.date(),
});

export class PostgresThreads implements ThreadStore {
  constructor(private readonly db: Queryable) {}

  async forStories(ref: ChannelRef, storyIds: number[]): Promise<Map<number, StoryThread>> {
    const { rows } = await this.db.query(
      "SELECT * FROM story_threads WHERE platform = $1 AND channel = $2 AND story_id = ANY($3::bigint[])",
      [ref.platform, ref.channel, storyIds],
    );
    return new Map(
      rows.map((raw) => {
        const row = ThreadRow.parse(raw);
        const thread: StoryThread = { platform: row.platform, channel: row.channel, storyId: row.story_id, threadId: row.thread_id, url: row.url ?? undefined, postedAt: row.posted_at };
        return [row.story_id, thread];
      }),
    );
  }

  async save(thread: StoryThread): Promise<void> {
    await this.db.query(
      `INSERT INTO story_threads (platform, channel, story_id, thread_id, url, posted_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel, story_id) DO UPDATE SET thread_id = excluded.thread_id, url = excluded.url, posted_at = excluded.posted_at`,
      [thread.platform, thread.channel, thread.storyId, thread.threadId, thread.url ?? null, thread.postedAt],
    );
  }
}
