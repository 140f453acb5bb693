// Briefings to Discord channels: a header message, then one message per story with a thread started
// from it (in a forum channel, one post per story and no header), so each story is discussed in its
// own place. A story already posted in the channel gets its update inside its thread instead. Each
// message goes out with a nonce derived from the delivery's idempotency key and enforce_nonce, so a
// resend after a crash returns the message already posted instead of posting it twice. (Discord
// takes no nonce for a forum post; its thread is recorded as soon as it exists instead.)
import { createHash } from "node:crypto";
import { ChannelType, DiscordAPIError, Routes, type Client } from "discord.js";
import { z } from "zod";
import type { StoryCard } from "../../core/card.js";
import { channelName, type ChannelRef } from "../../core/delivery/channel.js";
import type { Courier, SendOutcome } from "../../core/delivery/courier.js";
import type { Delivery } from "../../core/delivery/delivery.js";
import type { Newsroom } from "../../core/newsroom.js";
import type { Log } from "../../log.js";
import { oneLine, truncate } from "../text-limits.js";
import { storyButtons, type ButtonRow } from "./buttons.js";
import { discordMessages } from "./embeds.js";
import { storyMessage, type OutgoingMessage } from "./messages.js";
import { NEEDED_PERMISSIONS, sendFailure } from "./outcome.js";

/** One message of a briefing: a header or notice posted as it is, or a story posted with its thread. */
export type BriefingMessage = { kind: "plain"; message: OutgoingMessage } | { kind: "story"; card: StoryCard };

/** discord.js paces requests by Discord's rate-limit headers; this only keeps a briefing in order. */
const SPACING_MS = 100;
/** Discord's limits: a thread name is at most 100 characters, a nonce at most 25. */
const THREAD_NAME = 100;
const NONCE = 25;
/** Discord's answer when a message already has a thread (a retry after the thread was started). */
const THREAD_ALREADY_CREATED = 160004;
/** Discord's answers when a story's thread was deleted (Unknown Channel) or locked (archived thread). */
const THREAD_GONE = new Set([10003, 50083]);
const UPDATE = "**Update on this story**";

/** The same on every attempt of the same message, so Discord can recognise a resend. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, NONCE);
}

export function threadName(card: StoryCard): string {
  return truncate(oneLine(card.headline), THREAD_NAME) || `Story ${card.storyId}`;
}

/** Where a channel lets a story get its own thread: from a message, as a forum post, or not at all
 * (a DM, a thread, a voice channel's chat). */
type Place = { kind: "channel" | "forum" | "plain"; guildId?: string };

const ChannelInfo = z.object({ id: z.string(), type: z.number().int(), guild_id: z.string().optional() });
const Created = z.object({ id: z.string() });

function placeOf(type: number): Place["kind"] {
  if (type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement) return "channel";
  if (type === ChannelType.GuildForum || type === ChannelType.GuildMedia) return "forum";
  return "plain";
}

export class DiscordCourier implements Courier {
  readonly spacingMs = SPACING_MS;
  private readonly places = new Map<string, Place>();

  constructor(
    private readonly client: Client,
    private readonly newsroom: Newsroom,
    private readonly log: Log,
  ) {}

  messages(delivery: Delivery): BriefingMessage[] {
    const payload = delivery.payload!;
    const stories = payload.cards.filter((c) => c.type === "story");
    // The title heads the briefing; an empty one is its notice, in the same message.
    const header = discordMessages({ title: payload.title, cards: payload.cards.filter((c) => c.type !== "story") });
    return [...header.map((message) => ({ kind: "plain" as const, message })), ...stories.map((card) => ({ kind: "story" as const, card }))];
  }

  async send(delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    const target = delivery.target;
    if (target.platform !== "discord") return { ok: false, retryable: false, error: `not a Discord target: ${delivery.targetKey}` };
    const part = message as BriefingMessage;
    try {
      if (part.kind === "plain") await this.sendPlain(delivery, target.channel, part.message, key);
      else await this.sendStory(delivery, target.channel, part.card, key);
      return { ok: true };
    } catch (error) {
      return sendFailure(error, target.channel);
    }
  }

  /**
   * A header or notice. A forum channel takes posts only: there the header of a briefing with
   * stories is left out (each story is a post of its own), and a notice becomes a post.
   */
  private async sendPlain(delivery: Delivery, channel: string, message: OutgoingMessage, key: string): Promise<void> {
    if ((await this.place(channel)).kind !== "forum") {
      await this.post(channel, message, key);
      return;
    }
    const payload = delivery.payload!;
    if (payload.cards.some((c) => c.type === "story")) return;
    const name = truncate(oneLine(payload.title), THREAD_NAME) || "Briefing";
    await this.client.rest.post(Routes.threads(channel), { body: { name, message: { ...message, allowed_mentions: { parse: [] } } } });
  }

  private async sendStory(delivery: Delivery, channel: string, card: StoryCard, key: string): Promise<void> {
    const store = this.newsroom.store;
    const ref: ChannelRef = { platform: "discord", channel };
    const storyId = Number(card.storyId);
    const buttons = await this.buttons(delivery, ref, card);
    const thread = (await store.threads.forStories(ref, [storyId])).get(storyId);
    if (thread) {
      // A thread no earlier briefing to this channel accounts for was started by this very
      // briefing: this is a resend after a crash, and the story is already posted.
      const earlier = await store.deliveries.sentStories(delivery.targetKey, delivery.slot);
      if (!earlier.has(storyId)) return;
      try {
        await this.post(thread.threadId, storyMessage(card, { buttons, content: UPDATE }), key);
        return;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && THREAD_GONE.has(Number(error.code)))) throw error;
        // Someone deleted or locked the thread: the story is posted again, as if new.
        this.log.warn({ channel, thread: thread.threadId, error: error.message }, `discord: the thread of story ${storyId} is gone; posting the story again`);
      }
    }
    const place = await this.place(channel);
    const body = storyMessage(card, { buttons });
    let threadId: string | undefined;
    if (place.kind === "forum") {
      // A forum post takes no nonce; its thread is recorded at once, so a resend finds it above.
      const post = await this.client.rest.post(Routes.threads(channel), { body: { name: threadName(card), message: body } });
      threadId = Created.parse(post).id;
    } else {
      const posted = await this.post(channel, body, key);
      if (place.kind === "channel") threadId = await this.startThread(channel, posted.id, threadName(card));
    }
    if (!threadId) return;
    const url = place.guildId ? `https://discord.com/channels/${place.guildId}/${threadId}` : undefined;
    await store.threads.save({ platform: "discord", channel, storyId, threadId, ...(url ? { url } : {}), postedAt: new Date() });
  }

  /** More like this on every story; Unsubscribe on a channel's own briefing when it follows topics. */
  private async buttons(delivery: Delivery, ref: ChannelRef, card: StoryCard): Promise<ButtonRow> {
    const own = delivery.digest === channelName(ref) && ((await this.newsroom.store.channels.get(ref))?.topics.length ?? 0) > 0;
    return storyButtons(card, own ? { unsubscribeFrom: ref.channel } : {});
  }

  private async post(channel: string, message: OutgoingMessage, key: string): Promise<{ id: string }> {
    const body = { ...message, allowed_mentions: { parse: [] }, nonce: nonceFor(key), enforce_nonce: true };
    return Created.parse(await this.client.rest.post(Routes.channelMessages(channel), { body }));
  }

  /**
   * Starts the story's thread from its message; the thread takes the message's id. A thread that
   * cannot be started for want of permission leaves the story posted without one.
   */
  private async startThread(channel: string, messageId: string, name: string): Promise<string | undefined> {
    try {
      return Created.parse(await this.client.rest.post(Routes.threads(channel, messageId), { body: { name } })).id;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_CREATED) return messageId;
      if (error instanceof DiscordAPIError && error.status === 403) {
        this.log.warn({ channel, error: error.message }, `discord: cannot start story threads in channel ${channel}; give newsbot ${NEEDED_PERMISSIONS}`);
        return undefined;
      }
      throw error;
    }
  }

  private async place(channel: string): Promise<Place> {
    const known = this.places.get(channel);
    if (known) return known;
    const info = ChannelInfo.parse(await this.client.rest.get(Routes.channel(channel)));
    const place: Place = { kind: placeOf(info.type), ...(info.guild_id ? { guildId: info.guild_id } : {}) };
    this.places.set(channel, place);
    return place;
  }
}
