// What every Slack listener works with: the chat (the core's answers to commands and clicks), the
// log and who manages which channel. And the one way a Slack user becomes the core's Asker.
import type { Asker, Chat, ChatAnswer } from "../../core/chat/chat.js";
import type { Log } from "../../log.js";
import type { Answerer } from "./answers.js";
import { renderAnswer } from "./answers.js";
import { redactTokens } from "./bolt-log.js";
import type { ChannelManagers } from "./permissions.js";

export interface SlackContext {
  chat: Chat;
  log: Log;
  managers: ChannelManagers;
}

/**
 * The person who typed or clicked, in the channel they did it in. Slack shows newsbot's buttons only
 * to people in the channel, and has no cheap check for the rare channel where members may not post,
 * so anyone who can click Share may share.
 */
export async function askerOf(context: SlackContext, user: string, channel: string): Promise<Asker> {
  const [canManage, isAdmin] = await Promise.all([context.managers.canManage(user, channel), context.managers.isAdmin(user)]);
  return { user, canManage, isAdmin, canPost: true, channel: { platform: "slack", channel } };
}

/**
 * Works out an answer and sends it; if that fails, the person who asked is told so privately (the
 * details go to the log, not to chat) rather than left waiting.
 */
export async function answerSafely(context: SlackContext, answer: Answerer, what: string, work: () => Promise<ChatAnswer>): Promise<void> {
  try {
    const planned = await work();
    await answer.send(planned.audience, renderAnswer(planned));
    if (planned.reply.file) await answer.sendFile(planned.reply.file);
  } catch (error) {
    context.log.error({ what, error: redactTokens(error instanceof Error ? error.message : String(error)) }, `Slack: could not answer ${what}`);
    // The response_url itself may be what failed; then there is no one left to tell but the log.
    await answer.send("private", renderAnswer(context.chat.failed(what))).catch(() => {});
  }
}
