// Answering an interaction with messages: straight away when the work is quick, otherwise a
// deferral first (Discord shows "newsbot is thinking…" and waits 15 minutes instead of 3 seconds),
// then the messages. Every message goes out with mentions disabled.
import { MessageFlags, type InteractionEditReplyOptions, type InteractionReplyOptions, type RepliableInteraction } from "discord.js";
import type { OutgoingMessage } from "./messages.js";

/** Work not done by then is deferred: well inside Discord's 3 seconds, with the network's share left. */
export const DEFER_AFTER_MS = 1_500;

export interface AnswerOptions {
  /** Seen only by the person who asked. */
  ephemeral: boolean;
  /** What to answer when the work fails (it has been logged by then). */
  onError: (error: unknown) => OutgoingMessage[];
  deferAfterMs?: number;
}

/** The message as discord.js takes it, mentions disabled. */
function payload(message: OutgoingMessage): InteractionEditReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: (message.components ?? []) as InteractionEditReplyOptions["components"],
    allowedMentions: { parse: [] },
  };
}

/** A reply or follow-up chooses whether only the asker sees it (an edit keeps what the deferral chose). */
function visible(message: OutgoingMessage, ephemeral: boolean): InteractionReplyOptions {
  return { ...payload(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}

export async function answer(interaction: RepliableInteraction, work: Promise<OutgoingMessage[]>, options: AnswerOptions): Promise<void> {
  const messages = work.catch(options.onError);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), options.deferAfterMs ?? DEFER_AFTER_MS)));
  const first = await Promise.race([messages, late]);
  clearTimeout(timer);
  if (first === "late") await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const [head, ...rest] = await messages;
  if (!head) return;
  if (interaction.deferred) await interaction.editReply(payload(head));
  else await interaction.reply(visible(head, options.ephemeral));
  for (const message of rest) await interaction.followUp(visible(message, options.ephemeral));
}
