// Every command in commands/ as a Slack slash command of the same name. Slack wants an answer within
// 3 seconds and a search may take longer, so each is acknowledged first and answered afterwards
// through its response_url: privately, with buttons to share it and to find more like it.
import type { App, RespondFn, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Command } from "../../../commands/command.js";
import { COMMANDS, isShareable } from "../../../commands/index.js";
import { answerer } from "./answers.js";
import { answerSafely, askerOf, type SlackContext } from "./context.js";
import { typedText } from "./escape.js";

/** Commands whose answer reads the same to everyone, so it may be shared into the channel (as each
 * command's definition says: commands/index.ts isShareable). */
export const SHAREABLE: ReadonlySet<string> = new Set(COMMANDS.filter((c) => isShareable(c.name)).map((c) => c.name));

/** The parts of a slash command payload newsbot reads. */
export const SlashCommand = z.object({
  text: z.string().default(""),
  user_id: z.string(),
  channel_id: z.string(),
});

export function registerCommands(app: App, context: SlackContext): void {
  for (const command of COMMANDS) {
    app.command(`/${command.name}`, async ({ ack, body, respond, client }) => {
      await ack();
      await context.chat.inFlight.run(() => answerCommand(context, command, body, respond, client));
    });
  }
}

async function answerCommand(context: SlackContext, command: Command, body: unknown, respond: RespondFn, client: webApi.WebClient): Promise<void> {
  const payload = SlashCommand.parse(body);
  const answer = answerer(respond, client, payload.channel_id, payload.user_id);
  await answerSafely(context, answer, `/${command.name}`, async () => {
    const asker = await askerOf(context, payload.user_id, payload.channel_id);
    return context.chat.command(command.name, command.fromText(typedText(payload.text)), asker);
  });
}
