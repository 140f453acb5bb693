// Briefings to chat channels, the same on every platform: an opening message (the title, or an empty
// briefing's notice), then each story as its own message whose thread becomes the story's
// discussion. A story already discussed in the channel gets an update in its thread instead ("Update:
// 2 new reports"). A channel's own briefing offers to unsubscribe from the topic that brought each
// story. The platform's ChannelPoster only renders and posts; this decides what is posted where, and
// records each story's thread.
import { alertLead, type AlertNote } from "../alerts/alert.js";
import type { Reply, StoryCard } from "../card.js";
import { channelName, type ChannelRef } from "../delivery/channel.js";
import type { Courier, SendOutcome } from "../delivery/courier.js";
import type { Delivery } from "../delivery/outbox.js";
import { storyNumber, type StoryThread } from "../discussion.js";
import type { Newsroom } from "../newsroom.js";
import { count } from "../text.js";
import type { Log } from "../../log.js";
import { actionButton, moreLikeThis, type ActionButton } from "./actions.js";

/** One message of a briefing, before it is rendered: plain data, so a delivery always makes the same
 * list (a story's message depends on whether its thread exists by the time it is sent). */
export type BriefingPart = { kind: "opening"; reply: Reply; stories: number } | { kind: "story"; card: StoryCard; alert?: AlertNote };

/** A story's message as the core planned it. */
export interface StoryPost {
  card: StoryCard;
  /** newsbot's own words above the card, such as "Update: 2 new reports". */
  lead?: string;
  buttons: ActionButton[];
  /** The id of the user group or role an alert pings (its platform renders and allows that mention
   * alone); nothing else newsbot posts pings anyone. */
  mention?: string;
}

/** A story's message once posted: the thread it starts, and a link people can open. */
export interface PostedStory {
  threadId: string;
  url?: string;
}

/** What a chat platform does for a briefing: render and post, nothing else. */
export interface ChannelPoster {
  readonly platform: string;
  /** The least time between two messages to one channel. */
  readonly spacingMs: number;
  /** The opening: the briefing's title, or an empty briefing's notice. */
  postOpening(channel: string, part: Extract<BriefingPart, { kind: "opening" }>, key: string): Promise<void>;
  /** A story as a new message that starts its thread; undefined where the channel has no threads. */
  postStory(channel: string, post: StoryPost, key: string): Promise<PostedStory | undefined>;
  /** A message into a story's thread; false when the thread is gone (deleted or locked). */
  postInThread(channel: string, thread: StoryThread, post: StoryPost, key: string): Promise<boolean>;
  /**
   * The message an earlier attempt posted with `key`, looked for only when an attempt may have landed
   * unseen. A platform that recognises a resend itself (Discord's nonce) leaves this out.
   */
  findPosted?(channel: string, key: string, where: { thread?: StoryThread; since: Date }): Promise<PostedStory | undefined>;
  /** What a failed post means for the delivery queue. */
  failure(error: unknown, channel: string): Extract<SendOutcome, { ok: false }>;
}

export class ChatCourier implements Courier {
  readonly spacingMs: number;
  /** Keys tried already: trying one again means the first attempt may have landed. */
  private readonly tried = new Set<string>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly poster: ChannelPoster,
    private readonly newsroom: Newsroom,
    private readonly log: Log,
  ) {
    this.spacingMs = poster.spacingMs;
  }

  messages(delivery: Delivery): BriefingPart[] {
    // A pending delivery always carries what it says.
    const payload = delivery.payload!;
    // An alert is its story alone, at once: no opening.
    if (payload.alert) return payload.cards.flatMap((card): BriefingPart[] => (card.type === "story" ? [{ kind: "story", card, alert: payload.alert }] : []));
    const stories = payload.cards.filter((card) => card.type === "story");
    const opening: BriefingPart = { kind: "opening", reply: { title: payload.title, cards: payload.cards.filter((card) => card.type !== "story") }, stories: stories.length };
    return [opening, ...stories.map((card): BriefingPart => ({ kind: "story", card }))];
  }

  async send(delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    const channel = "channel" in delivery.target ? String(delivery.target.channel) : undefined;
    if (delivery.target.platform !== this.poster.platform || !channel) {
      return { ok: false, retryable: false, error: `not a ${this.poster.platform} channel: ${delivery.targetKey}` };
    }
    const part = message as BriefingPart;
    try {
      if (part.kind === "story") await this.sendStory(delivery, { platform: this.poster.platform, channel }, part, key);
      else if (!(this.mayHaveLanded(delivery, key) && (await this.findPosted(channel, key, { since: delivery.createdAt })))) {
        await this.poster.postOpening(channel, part, key);
      }
      return { ok: true };
    } catch (error) {
      return this.poster.failure(error, channel);
    }
  }

  private async sendStory(delivery: Delivery, ref: ChannelRef, { card, alert }: Extract<BriefingPart, { kind: "story" }>, key: string): Promise<void> {
    const store = this.newsroom.store;
    const named = storyNumber(card.storyId);
    if (named === undefined) return;
    // The story a fold merged this one into after the delivery was recorded (its body stays as it
    // was): its thread and earlier deliveries are the merged story's.
    const storyId = await this.currentStory(named);
    const buttons = [moreLikeThis(card.storyId), ...(await this.unsubscribeButton(delivery, ref, card))];
    const alerting = alert ? { lead: alertLead(alert), ...(alert.mention ? { mention: alert.mention } : {}) } : {};
    const thread = (await store.threads.forStories(ref, [storyId])).get(storyId);
    const again = this.mayHaveLanded(delivery, key);
    if (thread) {
      // A thread no earlier briefing to this channel accounts for was started by this very
      // briefing: this is a resend after a crash, and the story is already posted.
      const earlier = await store.deliveries.sentStories(delivery.targetKey, delivery.slot);
      if (!earlier.has(storyId)) return;
      if (again && (await this.findPosted(ref.channel, key, { thread, since: delivery.createdAt }))) return;
      const update = { card, buttons, lead: await this.updateLine(delivery, [storyId, named], card), ...alerting };
      if (await this.poster.postInThread(ref.channel, thread, update, key)) return;
      // Someone deleted or locked the thread: the story is posted again, as if new.
      this.log.warn({ channel: ref.channel, thread: thread.threadId }, `${ref.platform}: the thread of story ${storyId} is gone; posting the story again`);
    }
    const found = again && !thread ? await this.findPosted(ref.channel, key, { since: delivery.createdAt }) : undefined;
    const posted = found ?? (await this.poster.postStory(ref.channel, { card, buttons, ...alerting }, key));
    if (posted) await store.threads.save({ ...ref, storyId, threadId: posted.threadId, ...(posted.url ? { url: posted.url } : {}), postedAt: new Date() });
  }

  /**
   * Whether an earlier attempt at this message may have been posted without newsbot hearing so: this
   * courier tried the key before (a timeout, an error after the platform took it), the outbox records
   * a failed attempt, or the delivery was recorded before this process started (it may have died
   * mid-send). Only then is the channel searched, sparing a lookup per ordinary message.
   */
  private mayHaveLanded(delivery: Delivery, key: string): boolean {
    const again = this.tried.has(key) || delivery.attempts > delivery.partsSent + 1 || delivery.createdAt.getTime() < this.startedAt;
    this.tried.add(key);
    return again;
  }

  /** The earlier post with this key. A search that cannot be done for good (a missing permission) is
   * logged and the message posted: a rare repeat is better than a lost briefing. */
  private async findPosted(channel: string, key: string, where: { thread?: StoryThread; since: Date }): Promise<PostedStory | undefined> {
    if (!this.poster.findPosted) return undefined;
    try {
      const found = await this.poster.findPosted(channel, key, where);
      if (found) this.log.info({ channel, key }, `${this.poster.platform}: message already posted by an earlier attempt; not posted again`);
      return found;
    } catch (error) {
      const failure = this.poster.failure(error, channel);
      if (failure.retryable) throw error;
      this.log.warn({ channel, error: failure.error }, `${this.poster.platform}: could not check whether a message was already posted; posting it`);
      return undefined;
    }
  }

  /** Only a channel's own briefing (from /news) follows topics the channel can unsubscribe from: the
   * first of them that brought this story. */
  private async unsubscribeButton(delivery: Delivery, ref: ChannelRef, card: StoryCard): Promise<ActionButton[]> {
    if (delivery.digest !== channelName(ref)) return [];
    const topics = (await this.newsroom.store.channels.get(ref))?.topics ?? [];
    const [topic] = await this.newsroom.storyTopics(Number(card.storyId), topics);
    return topic ? [actionButton({ kind: "unsubscribe", storyId: card.storyId, topic })] : [];
  }

  /** The story `id` is now: itself, or the story it was folded into. */
  private async currentStory(id: number): Promise<number> {
    // ofStories reads a folded id as the merged story, under the merged story's id.
    const [current] = (await this.newsroom.store.articles.ofStories([id], 1)).keys();
    return current ?? id;
  }

  /** `ids`: the story now, then the id the delivery names (the same unless it was folded since). */
  private async updateLine(delivery: Delivery, [storyId, named]: [number, number], card: StoryCard): Promise<string> {
    const now = delivery.stories.find((s) => s.storyId === storyId || s.storyId === named)?.reports ?? card.articleCount;
    const before = (await this.newsroom.store.deliveries.sentStories(delivery.targetKey, delivery.slot)).get(storyId)?.reports;
    const added = before === undefined ? 0 : now - before;
    return added > 0 ? `Update: ${count(added, "new report")}` : "Update: new reports";
  }
}
