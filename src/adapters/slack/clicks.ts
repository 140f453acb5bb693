// A click on one of newsbot's buttons: acknowledged at once, then answered as the core decides (see
// Chat.click), with the clicker's permissions looked up now, at the click.
import type { App, RespondFn, webApi } from "@slack/bolt";
import type { ChatAnswer } from "../../core/chat/chat.js";
import { ACTION_ID, ButtonClick, clickChannel, decodeAction } from "./actions.js";
import { answerSafely, askerOf, type SlackContext } from "./context.js";
import { answerer } from "./answers.js";

export function registerClicks(app: App, context: SlackContext): void {
  app.action(ACTION_ID, async ({ ack, body, respond, client }) => {
    await ack();
    await context.chat.inFlight.run(() => answerClick(context, body, respond, client));
  });
}

async function answerClick(context: SlackContext, body: unknown, respond: RespondFn | undefined, client: webApi.WebClient): Promise<void> {
  const parsed = ButtonClick.safeParse(body);
  const channel = parsed.success ? clickChannel(parsed.data) : undefined;
  if (!parsed.success || !channel) {
    context.log.warn("Slack: a button click without its user, channel or action; ignored");
    return;
  }
  const user = parsed.data.user.id;
  const { action_id, value = "" } = parsed.data.actions[0]!;
  const action = decodeAction(action_id, value);
  await answerSafely(context, answerer(respond, client, channel, user), "that button", async (): Promise<ChatAnswer> => {
    const asker = await askerOf(context, user, channel);
    return action ? context.chat.click(action, asker) : context.chat.unknownButton(asker);
  });
}
