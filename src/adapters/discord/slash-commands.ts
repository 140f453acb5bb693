// A slash command typed in Discord, run exactly as in the terminal: its options read into the
// command's raw options, run through runCommand with who typed it and where, and the reply sent as
// embeds, privately (story cards with a Share button for posting them to the channel).
import type { BaseInteraction, ChatInputCommandInteraction } from "discord.js";
import type { Caller } from "../../../commands/command.js";
import { COMMANDS, findCommand, runCommand } from "../../../commands/index.js";
import { notice, type Reply } from "../../core/card.js";
import { answer } from "./answer.js";
import { storyButtons } from "./buttons.js";
import type { DiscordDesk } from "./desk.js";
import { discussionLinks, replyMessages, type OutgoingMessage } from "./messages.js";
import { commandCall } from "./options.js";
import { canManage, isAdmin } from "./permissions.js";

/** The person who typed or clicked, as a command's Caller for `channel`. */
export function callerOf(interaction: BaseInteraction, desk: DiscordDesk, channel: string): Caller {
  return { canManage: canManage(interaction), isAdmin: isAdmin(interaction, desk.admins), channel: { platform: "discord", channel } };
}

async function run(interaction: ChatInputCommandInteraction, desk: DiscordDesk): Promise<Reply> {
  const command = findCommand(interaction.commandName);
  if (!command) {
    return { title: `Unknown command "/${interaction.commandName}"`, cards: [notice("These are the commands I know:", COMMANDS.map((c) => c.usage))] };
  }
  if (!interaction.channelId) return { title: "Where is this?", cards: [notice("Discord did not say which channel this came from; try again in a channel.")] };
  const { options } = commandCall(interaction.options.data);
  return runCommand(command, options, desk.newsroom, callerOf(interaction, desk, interaction.channelId));
}

/** The reply as messages, each story linked to its thread here and given Share and More buttons. */
export async function privateReplyMessages(reply: Reply, desk: DiscordDesk, channel: string | null): Promise<OutgoingMessage[]> {
  const render = channel ? await discussionLinks(desk.newsroom.store, desk.homeChannel(channel), reply.cards) : {};
  return replyMessages(reply, render, (card) => storyButtons(card, { share: true }));
}

export async function answerCommand(interaction: ChatInputCommandInteraction, desk: DiscordDesk): Promise<void> {
  const work = run(interaction, desk).then((reply) => privateReplyMessages(reply, desk, interaction.channelId));
  await answer(interaction, work, { ephemeral: true, onError: (error) => desk.failed(error, `/${interaction.commandName}`) });
}
