// The buttons under a story card: Share to channel (on a private answer), More like this, and
// Unsubscribe (on a channel's own briefing, for its managers). A button's custom_id carries only
// ids; everything else is looked up again when it is clicked, and permissions checked again.
import { ButtonStyle, ComponentType } from "discord.js";
import { z } from "zod";
import type { StoryCard } from "../../core/card.js";
import { oneLine, truncate } from "../text-limits.js";

export interface ButtonComponent {
  type: ComponentType.Button;
  style: ButtonStyle;
  label: string;
  custom_id: string;
}

export interface ButtonRow {
  type: ComponentType.ActionRow;
  components: ButtonComponent[];
}

/** Discord's limits: 5 rows a message, 80 characters a label. */
export const MAX_ROWS = 5;
const MAX_LABEL = 80;

const PATTERN = /^(?:(share|more):(\d{1,15})|unsub:(\d{1,15}):(\d{1,20}))$/;

/** "share:12", "more:12", "unsub:12:920000000000000001" (the channel whose briefing it unsubscribes). */
export const ButtonId = z
  .string()
  .regex(PATTERN)
  .transform((id) => {
    const [, action, storyId, unsubStory, channel] = PATTERN.exec(id)!;
    if (action === "share" || action === "more") return { action, storyId: Number(storyId) } as const;
    return { action: "unsub", storyId: Number(unsubStory), channel: channel! } as const;
  });
export type ButtonId = z.infer<typeof ButtonId>;

function button(label: string, customId: string, style = ButtonStyle.Secondary): ButtonComponent {
  return { type: ComponentType.Button, style, label: truncate(oneLine(label), MAX_LABEL), custom_id: customId };
}

export interface StoryButtonOptions {
  /** On a private answer: post the card to the channel for everyone. */
  share?: boolean;
  /** On a channel's own briefing: unsubscribe that channel from the topics that brought the story. */
  unsubscribeFrom?: string;
}

/** One row of buttons for a story card. */
export function storyButtons(card: StoryCard, options: StoryButtonOptions = {}): ButtonRow {
  const components: ButtonComponent[] = [];
  // Several stories can share a message, so a Share button names its story.
  if (options.share) components.push(button(`Share: ${card.headline}`, `share:${card.storyId}`, ButtonStyle.Primary));
  components.push(button("More like this", `more:${card.storyId}`));
  if (options.unsubscribeFrom) components.push(button("Unsubscribe", `unsub:${card.storyId}:${options.unsubscribeFrom}`, ButtonStyle.Danger));
  return { type: ComponentType.ActionRow, components };
}
