// What the buttons on newsbot's messages do. Each click is acknowledged at once, then answered:
// Share posts into the channel, More like this answers privately, Unsubscribe runs
// /news unsubscribe <topic> with the clicker's own permission, checked again on the click.
import type { App, RespondFn, webApi } from "@slack/bolt";
import { findCommand, runCommand, runCommandLine } from "../../../commands/index.js";
import { notice } from "../../core/card.js";
import { answerer, answerSafely, renderAnswer, type Answerer } from "./answers.js";
import { storyMessage } from "./blocks.js";
import { ACTION, actionPattern, ButtonClick, clickChannel, moreLikeThisButton } from "./buttons.js";
import { SHAREABLE } from "./commands.js";
import { callerOf, type SlackDesk } from "./desk.js";
import { discussionsIn, storyNumber } from "../../core/discussion.js";
import { storyGone } from "../../core/newsroom.js";
import { storyCardById } from "./story-lookup.js";

interface Click {
  desk: SlackDesk;
  user: string;
  channel: string;
  value: string;
  answer: Answerer;
}

type ClickHandler = (click: Click) => Promise<void>;

export function registerActions(app: App, desk: SlackDesk): void {
  const on = (action: string, what: string, handle: ClickHandler) =>
    app.action(actionPattern(action), async ({ ack, body, respond, client }) => {
      await ack();
      await desk.inFlight.run(() => answerClick(desk, what, handle, body, respond, client));
    });
  on(ACTION.shareReply, "Share to channel", shareReply);
  on(ACTION.shareStory, "Share", shareStory);
  on(ACTION.moreLikeThis, "More like this", moreLikeThis);
  on(ACTION.unsubscribe, "Unsubscribe", unsubscribe);
}

async function answerClick(desk: SlackDesk, what: string, handle: ClickHandler, body: unknown, respond: RespondFn | undefined, client: webApi.WebClient) {
  const parsed = ButtonClick.safeParse(body);
  const channel = parsed.success ? clickChannel(parsed.data) : undefined;
  if (!parsed.success || !channel) {
    desk.log.warn({ what }, "Slack: a button click without its user, channel or action; ignored");
    return;
  }
  const user = parsed.data.user.id;
  const value = parsed.data.actions[0]!.value ?? "";
  const answer = answerer(respond, client, channel, user);
  await answerSafely(desk.log, answer, what, () => handle({ desk, user, channel, value, answer }));
}

/** Runs a shared /story or /digest again, for the channel to read. */
async function shareReply({ desk, user, channel, value, answer }: Click): Promise<void> {
  const name = /^\/(\S+)/.exec(value)?.[1] ?? "";
  if (!SHAREABLE.has(name) || !findCommand(name)) {
    return answer.privately(await renderAnswer(desk.newsroom, channel, { title: "Cannot share that", cards: [notice("Only /story and /digest answers can be shared.")] }));
  }
  const reply = await runCommandLine(value, desk.newsroom, await callerOf(desk, user, channel));
  await answer.inChannel(await renderAnswer(desk.newsroom, channel, reply, { moreLikeThis: true }));
}

async function shareStory({ desk, channel, value, answer }: Click): Promise<void> {
  const card = await storyCardById(desk.newsroom, value);
  if (!card) return answer.privately(await renderAnswer(desk.newsroom, channel, storyGone()));
  const threads = await discussionsIn(desk.newsroom.store, { platform: "slack", channel }, [card.storyId]);
  await answer.inChannel([storyMessage(card, { discussion: (id) => threads.get(id)?.url, buttons: (c) => [moreLikeThisButton(c.storyId)] })]);
}

async function moreLikeThis({ desk, channel, value, answer }: Click): Promise<void> {
  const id = storyNumber(value);
  const reply = id === undefined ? storyGone() : await desk.newsroom.moreLikeThis(id);
  await answer.privately(await renderAnswer(desk.newsroom, channel, reply, { shareStories: true, moreLikeThis: true }));
}

async function unsubscribe({ desk, user, channel, value, answer }: Click): Promise<void> {
  const news = findCommand("news")!;
  const reply = await runCommand(news, news.fromText(`unsubscribe ${value}`), desk.newsroom, await callerOf(desk, user, channel));
  await answer.privately(await renderAnswer(desk.newsroom, channel, reply));
}
