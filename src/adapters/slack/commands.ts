// Every command in commands/ as a Slack slash command of the same name. Slack wants an answer within
// 3 seconds and a search may take longer, so each is acknowledged first and answered afterwards
// through its response_url: privately, with buttons to share it and to find more like it.
import type { App, RespondFn, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Command } from "../../../commands/command.js";
import { COMMANDS, runCommand } from "../../../commands/index.js";
import { answerer, answerSafely, renderAnswer } from "./answers.js";
import { callerOf, type SlackDesk } from "./desk.js";

/** Commands whose answer reads the same to everyone, so it may be shared into the channel. */
export const SHAREABLE = new Set(["story", "digest"]);

/** The parts of a slash command payload newsbot reads. */
export const SlashCommand = z.object({
  text: z.string().default(""),
  user_id: z.string(),
  channel_id: z.string(),
});

export function registerCommands(app: App, desk: SlackDesk): void {
  for (const command of COMMANDS) {
    app.command(`/${command.name}`, async ({ ack, body, respond, client }) => {
      await ack();
      await desk.inFlight.run(() => answerCommand(desk, command, body, respond, client));
    });
  }
}

async function answerCommand(desk: SlackDesk, command: Command, body: unknown, respond: RespondFn, client: webApi.WebClient): Promise<void> {
  const payload = SlashCommand.parse(body);
  const answer = answerer(respond, client, payload.channel_id, payload.user_id);
  await answerSafely(desk.log, answer, `/${command.name}`, async () => {
    const caller = await callerOf(desk, payload.user_id, payload.channel_id);
    const reply = await runCommand(command, command.fromText(payload.text), desk.newsroom, caller);
    const line = `/${command.name} ${payload.text}`.trim();
    const shareable = SHAREABLE.has(command.name) && reply.cards.some((c) => c.type === "story");
    const messages = await renderAnswer(desk.newsroom, payload.channel_id, reply, {
      shareStories: true,
      moreLikeThis: true,
      shareReply: shareable ? line : undefined,
    });
    await answer.privately(messages);
  });
}
