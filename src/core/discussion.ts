// A story's discussion: the thread a chat channel keeps for it. Posted once per channel (a digest's
// story message starts it); later updates go into it, and /story answers link to it.
import type { Storage } from "./storage/index.js";
import type { ChannelRef, Platform } from "./delivery/channel.js";

export interface StoryThread {
  platform: Platform;
  channel: string;
  storyId: number;
  /** Slack: the story message's ts (replies go to thread_ts). Discord: the thread's channel id. */
  threadId: string;
  /** A link people can open: Slack's permalink, Discord's message or thread URL. */
  url?: string;
  postedAt: Date;
}

/** A card's story id as the store keys it; undefined for an id that is not a story's. */
export function storyNumber(id: string): number | undefined {
  const n = Number(id);
  return /^\d+$/.test(id) && Number.isSafeInteger(n) ? n : undefined;
}

/** The threads of these stories (by their cards' ids) in one channel, for cards to link to. */
export async function discussionsIn(store: Pick<Storage, "threads">, channel: ChannelRef, storyIds: readonly string[]): Promise<Map<string, StoryThread>> {
  const numbers = storyIds.flatMap((id) => storyNumber(id) ?? []);
  if (numbers.length === 0) return new Map();
  const threads = await store.threads.forStories(channel, numbers);
  return new Map([...threads].map(([id, thread]) => [String(id), thread]));
}
