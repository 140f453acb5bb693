// One of each of the core's chat actions, for the adapters' id round trips.
import type { ChatAction } from "../../src/core/chat/actions.js";

export const EVERY_ACTION: ChatAction[] = [
  { kind: "share-story", storyId: "12" },
  { kind: "share-answer", command: "story", options: { topic: "syria", limit: 3 } },
  { kind: "more-like-this", storyId: "12" },
  { kind: "unsubscribe", storyId: "12", topic: "climate policy" },
];
