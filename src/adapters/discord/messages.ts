// A reply as the Discord messages that carry it: the embed renderer's pages, each story card with
// its row of buttons, and each story linked to its discussion thread in the channel when it has one.
import type { Card, Reply, StoryCard } from "../../core/card.js";
import type { Store } from "../../store/store.js";
import { discussionsIn } from "../../core/discussion.js";
import { MAX_ROWS, type ButtonRow } from "./buttons.js";
import { discordMessages, type DiscordMessage, type DiscordRenderOptions } from "./embeds.js";

export interface OutgoingMessage extends DiscordMessage {
  components?: ButtonRow[];
}

/** The row of buttons a story card gets, if any. */
export type ButtonsFor = (card: StoryCard) => ButtonRow | undefined;

/** Cards in groups that each leave one button row per story within Discord's 5 rows a message. */
function groups(cards: Card[]): Card[][] {
  const result: Card[][] = [[]];
  let stories = 0;
  for (const card of cards) {
    if (card.type === "story" && stories === MAX_ROWS) {
      result.push([]);
      stories = 0;
    }
    result[result.length - 1]!.push(card);
    if (card.type === "story") stories++;
  }
  return result;
}

/**
 * The reply as messages: the title on the first, one embed per card, and under each message a
 * button row per story card it carries. The renderer keeps each page's embeds in card order, which
 * is how each page's cards are found again.
 */
export function replyMessages(reply: Reply, render: DiscordRenderOptions = {}, buttonsFor: ButtonsFor = () => undefined): OutgoingMessage[] {
  return groups(reply.cards).flatMap((cards, i) => {
    let next = 0;
    return discordMessages({ title: i === 0 ? reply.title : "", cards }, render).map((message) => {
      const carried = cards.slice(next, next + message.embeds.length);
      next += message.embeds.length;
      const rows = carried.flatMap((card) => (card.type === "story" ? (buttonsFor(card) ?? []) : []));
      return rows.length ? { ...message, components: rows } : message;
    });
  });
}

export interface StoryMessageOptions {
  buttons?: ButtonRow;
  /** A line above the card. */
  content?: string;
  render?: DiscordRenderOptions;
}

/** One story card alone, as a briefing or a share posts it (the renderer fits any card in one message). */
export function storyMessage(card: StoryCard, options: StoryMessageOptions = {}): OutgoingMessage {
  const [message] = replyMessages({ title: "", cards: [card] }, options.render, () => options.buttons);
  return { ...message!, ...(options.content ? { content: options.content } : {}) };
}

/** Renders each story with a link to its thread in this channel, where one was started. */
export async function discussionLinks(store: Store, channel: string, cards: readonly Card[]): Promise<DiscordRenderOptions> {
  const ids = cards.flatMap((card) => (card.type === "story" ? [card.storyId] : []));
  const threads = await discussionsIn(store, { platform: "discord", channel }, ids);
  return threads.size ? { discussion: (storyId) => threads.get(storyId)?.url } : {};
}
