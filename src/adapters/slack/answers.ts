// Answers to commands and clicks: a reply rendered for the channel it is read in (cards link to the
// stories' threads there, buttons as the asker may use them), sent privately or into the channel.
// Through the response_url when Slack gave one (it works even where the bot is not a member), else
// through the Web API.
import type { RespondFn, webApi } from "@slack/bolt";
import { notice, type Reply } from "../../core/card.js";
import type { Newsroom } from "../../core/newsroom.js";
import type { Log } from "../../log.js";
import { slackMessages, type ButtonElement, type SlackMessage } from "./blocks.js";
import { redactTokens } from "./bolt-log.js";
import { moreLikeThisButton, shareReplyButton, shareStoryButton } from "./buttons.js";
import { discussionsIn } from "../../core/discussion.js";

export interface AnswerButtons {
  /** "Share" under each story card (a private answer's cards). */
  shareStories?: boolean;
  /** "More like this" under each story card. */
  moreLikeThis?: boolean;
  /** "Share to channel" for the whole answer: the command line it re-runs in the channel. */
  shareReply?: string;
}

export async function renderAnswer(newsroom: Newsroom, channel: string, reply: Reply, buttons: AnswerButtons = {}): Promise<SlackMessage[]> {
  const ids = reply.cards.flatMap((card) => (card.type === "story" ? [card.storyId] : []));
  const threads = await discussionsIn(newsroom.store, { platform: "slack", channel }, ids);
  return slackMessages(reply, {
    discussion: (id) => threads.get(id)?.url,
    buttons: (card) => {
      const row: ButtonElement[] = [];
      if (buttons.shareStories) row.push(shareStoryButton(card.storyId));
      if (buttons.moreLikeThis) row.push(moreLikeThisButton(card.storyId));
      return row;
    },
    replyButtons: buttons.shareReply ? [shareReplyButton(buttons.shareReply)] : [],
  });
}

/** Where an answer goes: privately to the person who asked, or into the channel for everyone. */
export interface Answerer {
  privately(messages: SlackMessage[]): Promise<void>;
  inChannel(messages: SlackMessage[]): Promise<void>;
}

export function answerer(respond: RespondFn | undefined, client: webApi.WebClient, channel: string, user: string): Answerer {
  // Links in cards are read, not previewed: an unfurl would bury the card under someone's page.
  const quiet = { unfurl_links: false, unfurl_media: false } as const;
  return {
    async privately(messages) {
      for (const m of messages) {
        if (respond) await respond({ response_type: "ephemeral", replace_original: false, text: m.text, blocks: m.blocks, ...quiet });
        else await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks });
      }
    },
    async inChannel(messages) {
      for (const m of messages) {
        if (respond) await respond({ response_type: "in_channel", replace_original: false, text: m.text, blocks: m.blocks, ...quiet });
        else await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, ...quiet });
      }
    },
  };
}

/**
 * Runs the work of an answer; if it fails, the person who asked is told so privately (the details
 * go to the log, not to chat) rather than left waiting.
 */
export async function answerSafely(log: Log, answer: Answerer, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ what, error: redactTokens(error instanceof Error ? error.message : String(error)) }, `Slack: could not answer ${what}`);
    const sorry = { title: `Sorry, ${what} failed`, cards: [notice("Something went wrong on newsbot's side (the details are in its log). Try again in a moment.")] };
    // The response_url itself may be what failed; then there is no one left to tell but the log.
    await answer.privately(slackMessages(sorry)).catch(() => {});
  }
}
