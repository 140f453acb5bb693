// Briefings to Slack channels, posted as the core plans them (see core/chat/briefing.ts): each
// message carries its idempotency key in Slack message metadata, so a resend after an attempt that
// may have landed finds the first message (in the channel, or the story's thread) instead of posting
// a second. A story's message is its thread; its permalink is what cards link to.
import type { webApi } from "@slack/bolt";
import type { BriefingPart, ChannelPoster, PostedStory, StoryPost } from "../../core/chat/briefing.js";
import type { StoryThread } from "../../core/discussion.js";
import type { Log } from "../../log.js";
import { actionElement } from "./actions.js";
import { deliveryMetadata, findDelivered } from "./delivery-metadata.js";
import { slackMessages, storyMessage, type SlackMessage } from "./render.js";
import { slackFailure } from "./errors.js";

/** Slack posts about one message a second per channel. */
export const SLACK_SPACING_MS = 1_000;

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack";
  readonly spacingMs = SLACK_SPACING_MS;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Log,
  ) {}

  async postOpening(channel: string, part: Extract<BriefingPart, { kind: "opening" }>, key: string): Promise<void> {
    // One message for any briefing the edition makes; slackMessages still splits anything larger
    // rather than break a limit.
    for (const [i, message] of slackMessages(part.reply).entries()) await this.post(channel, message, i === 0 ? key : `${key}/${i + 1}`);
  }

  async postStory(channel: string, post: StoryPost, key: string): Promise<PostedStory | undefined> {
    const ts = await this.post(channel, render(post), key);
    return ts ? { threadId: ts, url: await this.permalink(channel, ts) } : undefined;
  }

  async postInThread(channel: string, thread: StoryThread, post: StoryPost, key: string): Promise<boolean> {
    await this.post(channel, render(post), key, thread.threadId);
    return true;
  }

  async findPosted(channel: string, key: string, where: { thread?: StoryThread; since: Date }): Promise<PostedStory | undefined> {
    // A story's first card is its thread's parent, in the channel's history, not among the replies.
    const inThread = where.thread ? await findDelivered(this.client, channel, key, { threadTs: where.thread.threadId, since: where.since }) : undefined;
    const found = inThread ?? (await findDelivered(this.client, channel, key, { since: where.since }));
    return found ? { threadId: found.ts, url: await this.permalink(channel, found.ts) } : undefined;
  }

  failure(error: unknown, channel: string) {
    const failure = slackFailure(error, channel);
    return { ok: false as const, retryable: failure.retryable, retryAfterMs: failure.retryAfterMs, error: failure.reason };
  }

  private async post(channel: string, message: SlackMessage, key: string, threadTs?: string): Promise<string | undefined> {
    const posted = await this.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: deliveryMetadata(key),
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return posted.ts;
  }

  /** The link to a story's thread; without one its cards just do not link to it. */
  private async permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const link = await this.client.chat.getPermalink({ channel, message_ts: ts });
      return typeof link.permalink === "string" ? link.permalink : undefined;
    } catch (error) {
      this.log.warn({ channel, error: slackFailure(error, channel).reason }, "Slack: no permalink for a story's thread; its cards will not link to it");
      return undefined;
    }
  }
}

function render(post: StoryPost): SlackMessage {
  return storyMessage(post.card, { lead: post.lead, mentionGroup: post.mention, buttons: () => post.buttons.map(actionElement) });
}
