// Answers to commands and clicks, as the core planned them: the renderer's embeds, a row of the
// core's buttons per story card, each story linked to its thread in the channel. Sent through the
// interaction: straight away when the work is quick, otherwise after a deferral (Discord shows
// "newsbot is thinking…" and waits 15 minutes instead of 3 seconds). Mentions are always disabled.
import { MessageFlags, type InteractionEditReplyOptions, type InteractionReplyOptions, type RepliableInteraction } from "discord.js";
import type { Card, Reply, ReplyFile, StoryCard } from "../../core/card.js";
import type { ChatAnswer } from "../../core/chat/chat.js";
import { buttonRow, MAX_BUTTONS, MAX_ROWS, type ButtonRow } from "./actions.js";
import { discordMessages, type DiscordMessage, type DiscordRenderOptions } from "./render.js";

export interface OutgoingMessage extends DiscordMessage {
  components?: ButtonRow[];
  /** An answer's file (/sources export), attached to its first message. */
  files?: ReplyFile[];
}

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
 * button row per story card it carries (and the reply's own row under the last). The renderer keeps
 * each page's embeds in card order, which is how each page's cards are found again.
 */
export function replyMessages(
  reply: Reply,
  render: DiscordRenderOptions = {},
  rowFor: (card: StoryCard) => ButtonRow | undefined = () => undefined,
  replyRow?: ButtonRow,
): OutgoingMessage[] {
  const messages = groups(reply.cards).flatMap((cards, i) => {
    let next = 0;
    return discordMessages({ title: i === 0 ? reply.title : "", cards }, render).map((message): OutgoingMessage => {
      const carried = cards.slice(next, next + message.embeds.length);
      next += message.embeds.length;
      const rows = carried.flatMap((card) => (card.type === "story" ? (rowFor(card) ?? []) : []));
      return rows.length ? { ...message, components: rows } : message;
    });
  });
  const last = messages.at(-1);
  if (last && replyRow) messages[messages.length - 1] = { ...last, components: withRow(last.components ?? [], replyRow) };
  return messages;
}

/** The reply's row after the stories' rows; with all 5 rows taken, its buttons join the last one. */
function withRow(rows: ButtonRow[], row: ButtonRow): ButtonRow[] {
  if (rows.length < MAX_ROWS) return [...rows, row];
  const last = rows.at(-1)!;
  return [...rows.slice(0, -1), { ...last, components: [...last.components, ...row.components].slice(0, MAX_BUTTONS) }];
}

/** One story card alone, with its row of buttons and a line above it (the renderer fits any card in one message). */
export function storyMessage(card: StoryCard, row: ButtonRow | undefined, content?: string): OutgoingMessage {
  const [message] = replyMessages({ title: "", cards: [card] }, {}, () => row);
  return { ...message!, ...(content ? { content } : {}) };
}

/** The core's answer as Discord messages; a shared one opens with who shared it (mentions disabled). */
export function answerMessages(answer: ChatAnswer): OutgoingMessage[] {
  const messages = replyMessages(
    answer.reply,
    { discussion: answer.discussion },
    (card) => buttonRow(card, answer.buttons(card)),
    buttonRow(undefined, answer.replyButtons),
  );
  if (answer.reply.file && messages[0]) messages[0] = { ...messages[0], files: [answer.reply.file] };
  if (!answer.sharedBy) return messages;
  const [first, ...rest] = messages;
  const byline = `<@${answer.sharedBy}> shared this`;
  return [{ ...first!, content: first!.content ? `${byline}: ${first!.content}` : `${byline} story` }, ...rest];
}

/** Work not done by then is deferred: well inside Discord's 3 seconds, with the network's share left. */
export const DEFER_AFTER_MS = 1_500;

/** The message as discord.js takes it, mentions disabled. */
function payload(message: OutgoingMessage): InteractionEditReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: (message.components ?? []) as InteractionEditReplyOptions["components"],
    ...(message.files ? { files: message.files.map((file) => ({ attachment: Buffer.from(file.content, "utf8"), name: file.name })) } : {}),
    allowedMentions: { parse: [] },
  };
}

/** A reply or follow-up chooses whether only the asker sees it (an edit keeps what the deferral chose). */
function visible(message: OutgoingMessage, ephemeral: boolean): InteractionReplyOptions {
  return { ...payload(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}

/**
 * Answers the interaction with what `work` plans; a failure is answered with `failed()` (privately,
 * the details in the log). A deferral must choose who sees the answer before it is known, so it
 * follows `audience`, what the request asks for (a share is for the channel); the answer then keeps it.
 */
export async function answer(
  interaction: RepliableInteraction,
  work: Promise<ChatAnswer>,
  failed: (error: unknown) => ChatAnswer,
  audience: ChatAnswer["audience"] = "private",
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  const planned = work.catch(failed);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deferAfterMs)));
  const first = await Promise.race([planned, late]);
  clearTimeout(timer);
  if (first === "late") await interaction.deferReply(audience === "private" ? { flags: MessageFlags.Ephemeral } : {});
  const done = await planned;
  const ephemeral = interaction.deferred ? audience === "private" : done.audience === "private";
  const [head, ...rest] = answerMessages(done);
  if (!head) return;
  if (interaction.deferred) await interaction.editReply(payload(head));
  else await interaction.reply(visible(head, ephemeral));
  for (const message of rest) await interaction.followUp(visible(message, ephemeral));
}
