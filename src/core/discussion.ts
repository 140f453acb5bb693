// A story's discussion: the thread a chat channel keeps for it. Posted once per channel (a digest's
// story message starts it); later updates go into it, and /story answers link to it.
import type { Platform } from "./delivery/channel.js";

export interface StoryThread {
  platform: Exclude<Platform, "terminal">;
  channel: string;
  storyId: number;
  /** Slack: the story message's ts (replies go to thread_ts). Discord: the thread's channel id. */
  threadId: string;
  /** A link people can open: Slack's permalink, Discord's message or thread URL. */
  url?: string;
  postedAt: Date;
}
