// The buttons newsbot puts on its Slack messages, and the click payloads they come back as. A
// button's value is small (a story id, a topic, a command line), never a card: a click looks the
// story up again. Action ids carry the story id too, so no two buttons of a message share one.
import { z } from "zod";
import { button, type ButtonElement } from "./blocks.js";

export const ACTION = {
  /** A /story answer, shared from its private reply into the channel. */
  shareReply: "newsbot_share_reply",
  /** One story card, shared into the channel. */
  shareStory: "newsbot_share_story",
  moreLikeThis: "newsbot_more_like_this",
  /** Stop following the topic a briefing's card matched. */
  unsubscribe: "newsbot_unsubscribe",
} as const;

/** Matches an action id with or without its ":<story id>" suffix. */
export function actionPattern(action: string): RegExp {
  return new RegExp(`^${action}(?::|$)`);
}

export const shareReplyButton = (line: string): ButtonElement => button("Share to channel", ACTION.shareReply, line, "primary");
export const shareStoryButton = (storyId: string): ButtonElement => button("Share", `${ACTION.shareStory}:${storyId}`, storyId);
export const moreLikeThisButton = (storyId: string): ButtonElement => button("More like this", `${ACTION.moreLikeThis}:${storyId}`, storyId);
export const unsubscribeButton = (storyId: string, topic: string): ButtonElement =>
  button(`Unsubscribe from “${topic}”`, `${ACTION.unsubscribe}:${storyId}`, topic, "danger");

/** The parts of a block_actions payload newsbot reads. */
export const ButtonClick = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional() }).loose().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type ButtonClick = z.infer<typeof ButtonClick>;

/** The channel the clicked message is in. */
export function clickChannel(click: ButtonClick): string | undefined {
  return click.channel?.id ?? click.container?.channel_id;
}
