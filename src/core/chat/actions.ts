// The buttons on newsbot's chat messages: what each asks for and how it is labelled, the same on
// every platform. The core decides which buttons a message gets and what a click does; an adapter
// only draws them and carries the action through its platform's ids (encodeAction / decodeAction).
import { z } from "zod";

export const ChatAction = z.discriminatedUnion("kind", [
  /** One story card, posted into the channel for everyone. */
  z.object({ kind: z.literal("share-story"), storyId: z.string() }),
  /** A private answer (/story, /digest) run again and posted into the channel. */
  z.object({ kind: z.literal("share-answer"), command: z.string(), options: z.record(z.string(), z.unknown()) }),
  /** Other stories like this one, privately. */
  z.object({ kind: z.literal("more-like-this"), storyId: z.string() }),
  /** Stop following the topic that brought this story into the channel's own briefing. */
  z.object({ kind: z.literal("unsubscribe"), storyId: z.string(), topic: z.string() }),
]);
export type ChatAction = z.infer<typeof ChatAction>;

export interface ActionButton {
  action: ChatAction;
  label: string;
  style?: "primary" | "danger";
}

export function actionButton(action: ChatAction): ActionButton {
  switch (action.kind) {
    case "share-story":
      return { action, label: "Share", style: "primary" };
    case "share-answer":
      return { action, label: "Share to channel", style: "primary" };
    case "more-like-this":
      return { action, label: "More like this" };
    case "unsubscribe":
      return { action, label: `Unsubscribe from “${action.topic}”`, style: "danger" };
  }
}

/** Who a click's answer is for, as asked: a share is for the channel (a refusal is still private). */
export function audienceOf(action: ChatAction): "private" | "channel" {
  return action.kind === "share-story" || action.kind === "share-answer" ? "channel" : "private";
}

export const shareStory = (storyId: string) => actionButton({ kind: "share-story", storyId });
export const moreLikeThis = (storyId: string) => actionButton({ kind: "more-like-this", storyId });
