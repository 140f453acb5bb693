// A slash command typed in Discord, run exactly as in the terminal: its options read into the
// command's raw options and answered as the core plans it (privately, each story with Share and More
// like this, a /story or /digest answer with Share to channel).
import type { ChatInputCommandInteraction } from "discord.js";
import { refusal } from "../../core/card.js";
import { answer } from "./answers.js";
import { askerOf, type DiscordContext } from "./context.js";
import { commandCall } from "./options.js";

export async function answerCommand(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const failed = (error: unknown) => context.failed(error, `/${interaction.commandName}`);
  const channel = interaction.channelId;
  if (!channel) {
    const nowhere = refusal("Where is this?", "Discord did not say which channel this came from; try again in a channel.");
    return answer(interaction, Promise.resolve(context.chat.privately(nowhere)), failed);
  }
  const { options } = commandCall(interaction.options.data);
  return answer(interaction, context.chat.command(interaction.commandName, options, askerOf(interaction, context, channel)), failed);
}
