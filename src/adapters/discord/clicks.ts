// A click on one of newsbot's buttons, answered as the core decides (see Chat.click), with the
// clicker's permissions read from this very interaction.
import type { ButtonInteraction } from "discord.js";
import { audienceOf } from "../../core/chat/actions.js";
import { ButtonId } from "./actions.js";
import { answer } from "./answers.js";
import { askerOf, type DiscordContext } from "./context.js";

export async function answerClick(interaction: ButtonInteraction, context: DiscordContext): Promise<void> {
  const failed = (error: unknown) => context.failed(error, "that button");
  const id = ButtonId.safeParse(interaction.customId);
  // Unsubscribe names the channel whose briefing it came with; the click may come from a story's thread.
  const channel = (id.success ? id.data.channel : undefined) ?? interaction.channelId;
  const asker = askerOf(interaction, context, channel);
  if (!id.success) return answer(interaction, context.chat.unknownButton(asker), failed);
  return answer(interaction, context.chat.click(id.data.action, asker), failed, audienceOf(id.data.action));
}
