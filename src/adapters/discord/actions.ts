// The core's actions as Discord buttons, and back. A button's custom_id (at most 100 characters)
// carries only ids, a topic, or a command's options; everything else is looked up again when it is
// clicked, and permissions checked again. A button whose action does not fit is left out, not cut
// (a cut id would name the wrong thing).
import { ButtonStyle, ComponentType } from "discord.js";
import { z } from "zod";
import type { StoryCard } from "../../core/card.js";
import { ChatAction, type ActionButton } from "../../core/chat/actions.js";
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

/** Discord's limits: 5 rows a message, 5 buttons a row, 80 characters a label, 100 an id. */
export const MAX_ROWS = 5;
export const MAX_BUTTONS = 5;
const MAX_LABEL = 80;
const MAX_ID = 100;

const STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

/**
 * "share:12", "more:12", "unsub:12:920000000000000001:syria" (the channel whose briefing it
 * unsubscribes: a click on an update comes from inside the story's thread), "answer:story:{…}".
 */
export function encodeAction(action: ChatAction, channel?: string): string | undefined {
  switch (action.kind) {
    case "share-story":
      return `share:${action.storyId}`;
    case "more-like-this":
      return `more:${action.storyId}`;
    case "unsubscribe":
      return channel ? `unsub:${action.storyId}:${channel}:${action.topic}` : undefined;
    case "share-answer":
      return `answer:${action.command}:${JSON.stringify(action.options)}`;
  }
}

const PATTERN = /^(share|more):(\d{1,15})$|^unsub:(\d{1,15}):(\d{1,20}):(.+)$|^answer:([a-z-]{1,32}):(\{.*\})$/s;

/** The action a clicked button asks for, and for Unsubscribe the channel it applies to. */
export const ButtonId = z
  .string()
  .regex(PATTERN)
  .transform((id, ctx): { action: ChatAction; channel?: string } => {
    const [, kind, storyId, unsubStory, channel, topic, command, options] = PATTERN.exec(id)!;
    let action: unknown;
    if (kind) action = { kind: kind === "share" ? "share-story" : "more-like-this", storyId };
    else if (unsubStory) action = { kind: "unsubscribe", storyId: unsubStory, topic };
    else {
      try {
        action = { kind: "share-answer", command, options: JSON.parse(options!) };
      } catch {
        action = undefined;
      }
    }
    const parsed = ChatAction.safeParse(action);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "not one of newsbot's buttons" });
      return z.NEVER;
    }
    return { action: parsed.data, ...(channel ? { channel } : {}) };
  });

/** The row of buttons under a story card (`channel`: where the message is posted). Several stories
 * can share a message and the rows sit under it, not under each card, so Share names its story. */
export function buttonRow(card: StoryCard | undefined, buttons: readonly ActionButton[], channel?: string): ButtonRow | undefined {
  const components = buttons.flatMap(({ action, label, style }): ButtonComponent[] => {
    const id = encodeAction(action, channel);
    if (!id || id.length > MAX_ID) return [];
    const text = action.kind === "share-story" && card ? `${label}: ${card.headline}` : label;
    return [{ type: ComponentType.Button, style: style ? STYLE[style] : ButtonStyle.Secondary, label: truncate(oneLine(text), MAX_LABEL), custom_id: id }];
  });
  return components.length ? { type: ComponentType.ActionRow, components: components.slice(0, MAX_BUTTONS) } : undefined;
}
