// The story_threads table: where each story is discussed, per chat channel.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import type { ChannelRef } from "../../core/delivery/channel.js";
import type { StoryThread } from "../../core/discussion.js";
import type { ThreadStore } from "../../core/storage/index.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily } from "./lazy.js";

const ThreadRow = z.object({
  platform: z.string(),
  channel: z.string(),
  story_id: z.number(),
  thread_id: z.string(),
  url: z.string().nullable(),
  posted_at: z.number(),
});

export class SqliteThreads implements ThreadStore {
  private readonly statements;

  constructor(
    db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      forStories: () => db.prepare(
        "SELECT * FROM story_threads WHERE platform = ? AND channel = ? AND story_id IN (SELECT value FROM json_each(?))",
      ),
      save: () => db.prepare(
        `INSERT INTO story_threads (platform, channel, story_id, thread_id, url, posted_at)
         VALUES (@platform, @channel, @story_id, @thread_id, @url, @posted_at)
         ON CONFLICT (platform, channel, story_id) DO UPDATE SET thread_id = excluded.thread_id, url = excluded.url, posted_at = excluded.posted_at`,
      ),
    });
  }

  async forStories(ref: ChannelRef, storyIds: number[]): Promise<Map<number, StoryThread>> {
    const rows = this.statements.forStories.all(ref.platform, ref.channel, JSON.stringify(storyIds)).map((raw) => ThreadRow.parse(raw));
    return new Map(
      rows.map((row) => [
        row.story_id,
        { platform: row.platform, channel: row.channel, storyId: row.story_id, threadId: row.thread_id, url: row.url ?? undefined, postedAt: new Date(row.posted_at) },
      ]),
    );
  }

  async save(thread: StoryThread): Promise<void> {
    const row = {
      platform: thread.platform,
      channel: thread.channel,
      story_id: thread.storyId,
      thread_id: thread.threadId,
      url: thread.url ?? null,
      posted_at: thread.postedAt.getTime(),
    };
    await this.writes.run(() => this.statements.save.run(row));
  }
}
