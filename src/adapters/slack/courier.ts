// Digests to Slack channels: a short header message, then each story as its own message, whose thread
// becomes the story's discussion (its permalink is recorded, and cards link to it). A story already
// discussed in the channel is posted into its thread as an update instead of as a new card. The
// delivery queue paces the messages and retries; this courier posts one message per call and says
// whether it went, carrying the idempotency key in the message's metadata so that a resend after
// an attempt that may have landed finds the first message instead of posting a second.
import type { webApi } from "@slack/bolt";
import type { StoryCard } from "../../core/card.js";
import type { Courier, SendOutcome } from "../../core/delivery/courier.js";
import { channelName } from "../../core/delivery/channel.js";
import type { Delivery } from "../../core/delivery/delivery.js";
import type { Newsroom } from "../../core/newsroom.js";
import { count } from "../../core/text.js";
import type { Log } from "../../log.js";
import { slackMessages, storyMessage, type ButtonElement, type SlackMessage } from "./blocks.js";
import { moreLikeThisButton, unsubscribeButton } from "./buttons.js";
import { deliveryMetadata, findDelivered } from "./delivery-metadata.js";
import { discussionsIn, storyNumber, type StoryThread } from "../../core/discussion.js";
import { slackFailure } from "./web-errors.js";

/** Slack posts about one message a second per channel. */
export const SLACK_SPACING_MS = 1_000;

/** One message of a delivery, before it is rendered: a story's message depends on whether its thread
 * exists by the time it is sent. Plain data, so the same delivery always makes the same list. */
export type SlackDispatch = { kind: "briefing"; message: SlackMessage } | { kind: "story"; card: StoryCard };

export class SlackCourier implements Courier {
  readonly spacingMs = SLACK_SPACING_MS;
  /** Keys this courier has tried already: trying one again means the first attempt may have landed. */
  private readonly tried = new Set<string>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly newsroom: Newsroom,
    private readonly log: Log,
  ) {}

  messages(delivery: Delivery): SlackDispatch[] {
    // A pending delivery always carries what it says.
    const payload = delivery.payload!;
    const stories = payload.cards.filter((card) => card.type === "story");
    const others = payload.cards.filter((card) => card.type !== "story");
    // The header (and, for an empty briefing, its notice) is one message for any briefing the
    // edition makes; slackMessages still splits anything larger rather than break a limit.
    const opening = slackMessages({ title: payload.title, cards: others }).map((message): SlackDispatch => ({ kind: "briefing", message }));
    return [...opening, ...stories.map((card): SlackDispatch => ({ kind: "story", card }))];
  }

  async send(delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    if (delivery.target.platform !== "slack") return { ok: false, retryable: false, error: `not a Slack target: ${delivery.targetKey}` };
    const channel = delivery.target.channel;
    const dispatch = message as SlackDispatch;
    try {
      const card = dispatch.kind === "story" ? dispatch.card : undefined;
      const thread = card ? (await discussionsIn(this.newsroom.store, { platform: "slack", channel }, [card.storyId])).get(card.storyId) : undefined;
      if (this.mayHaveLanded(delivery, key)) {
        const found = await this.lookUp(channel, key, thread, delivery.createdAt);
        if (found) {
          this.log.info({ target: delivery.targetKey, key }, "Slack: message already posted by an earlier attempt; not posted again");
          if (card && !thread) await this.recordThread(channel, card, found);
          return { ok: true };
        }
      }
      const post = dispatch.kind === "briefing" ? dispatch.message : await this.storyPost(delivery, channel, dispatch.card, thread);
      const posted = await this.client.chat.postMessage({
        channel,
        text: post.text,
        blocks: post.blocks,
        metadata: deliveryMetadata(key),
        unfurl_links: false,
        unfurl_media: false,
        ...(thread ? { thread_ts: thread.threadId } : {}),
      });
      if (card && !thread && posted.ts) await this.recordThread(channel, card, posted.ts);
      return { ok: true };
    } catch (error) {
      const failure = slackFailure(error, channel);
      return { ok: false, retryable: failure.retryable, retryAfterMs: failure.retryAfterMs, error: failure.reason };
    }
  }

  /**
   * Whether an earlier attempt at this message may have been posted without newsbot hearing so: this
   * courier tried the key before (a timeout, an error after Slack took it), the outbox records a
   * failed attempt, or the delivery was recorded before this process started (it may have died
   * mid-send). Only then is the channel searched, sparing a history call per ordinary message.
   */
  private mayHaveLanded(delivery: Delivery, key: string): boolean {
    const again = this.tried.has(key) || delivery.attempts > delivery.partsSent + 1 || delivery.createdAt.getTime() < this.startedAt;
    this.tried.add(key);
    return again;
  }

  /** The earlier message with this key, if any. A search that cannot be done (a missing scope) is
   * logged and the message posted: a rare repeat is better than a lost briefing. */
  private async lookUp(channel: string, key: string, thread: StoryThread | undefined, since: Date): Promise<string | undefined> {
    try {
      // A story's first card is its thread's parent, in the channel's history, not among the replies.
      const inThread = thread ? await findDelivered(this.client, channel, key, { threadTs: thread.threadId, since }) : undefined;
      return (inThread ?? (await findDelivered(this.client, channel, key, { since })))?.ts;
    } catch (error) {
      const failure = slackFailure(error, channel);
      if (failure.retryable) throw error;
      this.log.warn({ channel, error: failure.reason }, "Slack: could not check whether a message was already posted; posting it");
      return undefined;
    }
  }

  /** A story's card, or inside its existing thread an update saying how many reports are new. */
  private async storyPost(delivery: Delivery, channel: string, card: StoryCard, thread: StoryThread | undefined): Promise<SlackMessage> {
    const buttons: ButtonElement[] = [moreLikeThisButton(card.storyId)];
    const topic = await this.unsubscribableTopic(delivery, channel, card);
    if (topic) buttons.push(unsubscribeButton(card.storyId, topic));
    const lead = thread ? await this.updateLine(delivery, card) : undefined;
    return storyMessage(card, { lead, buttons: () => buttons });
  }

  /** Only a channel's own briefing (from /news) follows topics the channel can unsubscribe from. */
  private async unsubscribableTopic(delivery: Delivery, channel: string, card: StoryCard): Promise<string | undefined> {
    const ref = { platform: "slack" as const, channel };
    if (delivery.digest !== channelName(ref)) return undefined;
    const topics = (await this.newsroom.store.channels.get(ref))?.topics ?? [];
    const id = storyNumber(card.storyId);
    return id === undefined ? undefined : (await this.newsroom.storyTopics(id, topics))[0];
  }

  private async updateLine(delivery: Delivery, card: StoryCard): Promise<string> {
    const id = Number(card.storyId);
    const now = delivery.stories.find((s) => s.storyId === id)?.reports ?? card.articleCount;
    const before = (await this.newsroom.store.deliveries.sentStories(delivery.targetKey, delivery.slot)).get(id)?.reports;
    const added = before === undefined ? 0 : now - before;
    return added > 0 ? `Update: ${count(added, "new report")}` : "Update: new reports";
  }

  /** The story's message starts its discussion: its permalink is what cards link to. */
  private async recordThread(channel: string, card: StoryCard, ts: string): Promise<void> {
    const storyId = Number(card.storyId);
    if (!Number.isSafeInteger(storyId)) return;
    let url: string | undefined;
    try {
      const link = await this.client.chat.getPermalink({ channel, message_ts: ts });
      url = typeof link.permalink === "string" ? link.permalink : undefined;
    } catch (error) {
      this.log.warn({ channel, error: slackFailure(error, channel).reason }, "Slack: no permalink for a story's thread; its cards will not link to it");
    }
    await this.newsroom.store.threads.save({ platform: "slack", channel, storyId, threadId: ts, url, postedAt: new Date() });
  }
}
