// Threads: where each story is discussed, per chat channel.
import type { ChannelRef } from "../delivery/channel.js";
import type { StoryThread } from "../discussion.js";

export interface ThreadStore {
  /** The threads of these stories in one channel. */
  forStories(ref: ChannelRef, storyIds: number[]): Promise<Map<number, StoryThread>>;
  /** Records a story's thread in a channel, replacing the one before (a deleted thread's story is posted anew). */
  save(thread: StoryThread): Promise<void>;
}
