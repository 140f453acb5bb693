// @newsbot in a channel: the answer is the list of commands, in a thread under the mention, so a
// curious "@newsbot?" does not fill the channel.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { findCommand, runCommand } from "../../../commands/index.js";
import type { SlackContext } from "./context.js";
import { slackMessages } from "./render.js";
import { slackFailure } from "./errors.js";

const Mention = z.object({ channel: z.string(), ts: z.string(), thread_ts: z.string().optional() });

export function registerMentions(app: App, context: SlackContext): void {
  app.event("app_mention", async ({ event, client }) => {
    const mention = Mention.safeParse(event);
    if (!mention.success) return;
    const { channel, ts, thread_ts } = mention.data;
    await context.chat.inFlight.run(async () => {
      const help = findCommand("help")!;
      // /help reads no permission, so no lookup of who manages the channel.
      const reply = await runCommand(help, {}, context.chat.newsroom, { canManage: false, isAdmin: false, channel: { platform: "slack", channel } });
      const [message] = slackMessages({ ...reply, title: "Hello! These are the commands I take:" });
      try {
        await client.chat.postMessage({ channel, thread_ts: thread_ts ?? ts, text: message!.text, blocks: message!.blocks });
      } catch (error) {
        context.log.warn({ channel, error: slackFailure(error, channel).reason }, "Slack: could not answer a mention");
      }
    });
  });
}
