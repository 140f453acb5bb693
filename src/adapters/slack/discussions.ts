// A story's discussion in a Slack channel: the thread under the message that first carried its card.
// Cards link to it; a later update of the story is posted into it.
import type { StoryThread } from "../../core/discussion.js";
import type { Store } from "../../store/store.js";

/** Story ids as the store keys them; a card's id that is not a number has no thread. */
export function storyIds(ids: readonly string[]): number[] {
  return ids.map(Number).filter(Number.isSafeInteger);
}

/** The threads of these stories in a channel, by the card's story id. */
export async function discussionsIn(store: Store, channel: string, ids: readonly string[]): Promise<Map<string, StoryThread>> {
  const numbers = storyIds(ids);
  if (numbers.length === 0) return new Map();
  const threads = await store.threads.forStories({ platform: "slack", channel }, numbers);
  return new Map([...threads].map(([id, thread]) => [String(id), thread]));
}
