// Briefings to Discord channels, posted as the core plans them (see core/chat/briefing.ts): a story's
// message starts a thread (in a forum channel, each story is a post of its own and the briefing has
// no opening message). Each message goes out with a nonce derived from its idempotency key and
// enforce_nonce, so a resend after a crash returns the message already posted instead of posting it
// twice. (Discord takes no nonce for a forum post; the core records its thread as soon as it exists.)
import { createHash } from "node:crypto";
import { ChannelType, DiscordAPIError, Routes, type Client } from "discord.js";
import { z } from "zod";
import type { StoryCard } from "../../core/card.js";
import type { BriefingPart, ChannelPoster, PostedStory, StoryPost } from "../../core/chat/briefing.js";
import type { StoryThread } from "../../core/discussion.js";
import type { Log } from "../../log.js";
import { oneLine, truncate } from "../text-limits.js";
import { buttonRow } from "./actions.js";
import { storyMessage, type OutgoingMessage } from "./answers.js";
import { NEEDED_PERMISSIONS, sendFailure } from "./errors.js";
import { escapeMarkdown, roleMention } from "./escape.js";
import { discordMessages } from "./render.js";

/** discord.js paces requests by Discord's rate-limit headers; this only keeps a briefing in order. */
const SPACING_MS = 100;
/** Discord's limits: a thread name is at most 100 characters, a nonce at most 25. */
const THREAD_NAME = 100;
const NONCE = 25;
/** Discord's answer when a message already has a thread (a retry after the thread was started). */
const THREAD_ALREADY_CREATED = 160004;
/** Discord's answers when a story's thread was deleted (Unknown Channel) or locked (archived thread). */
const THREAD_GONE = new Set([10003, 50083]);

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

export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord";
  readonly spacingMs = SPACING_MS;
  private readonly places = new Map<string, Place>();

  constructor(
    private readonly client: Client,
    private readonly log: Log,
  ) {}

  /**
   * The title, or an empty briefing's notice. A forum channel takes posts only: there the opening of
   * a briefing with stories is left out (each story is a post of its own), and a notice becomes a post.
   */
  async postOpening(channel: string, part: Extract<BriefingPart, { kind: "opening" }>, key: string): Promise<void> {
    const messages = discordMessages(part.reply);
    if ((await this.place(channel)).kind !== "forum") {
      for (const [i, message] of messages.entries()) await this.post(channel, message, i === 0 ? key : `${key}/${i + 1}`);
      return;
    }
    if (part.stories > 0) return;
    const name = truncate(oneLine(part.reply.title), THREAD_NAME) || "Briefing";
    await this.client.rest.post(Routes.threads(channel), { body: { name, message: { ...messages[0]!, allowed_mentions: { parse: [] } } } });
  }

  async postStory(channel: string, post: StoryPost, key: string): Promise<PostedStory | undefined> {
    const place = await this.place(channel);
    const body = render(post, channel);
    let threadId: string | undefined;
    if (place.kind === "forum") {
      // A forum post takes no nonce; its thread is recorded at once, so a resend finds it.
      const created = await this.client.rest.post(Routes.threads(channel), { body: { name: threadName(post.card), message: { ...body, allowed_mentions: allowedMentions(post) } } });
      threadId = Created.parse(created).id;
    } else {
      const posted = await this.post(channel, body, key, allowedMentions(post));
      if (place.kind === "channel") threadId = await this.startThread(channel, posted.id, threadName(post.card));
    }
    if (!threadId) return undefined;
    return { threadId, ...(place.guildId ? { url: `https://discord.com/channels/${place.guildId}/${threadId}` } : {}) };
  }

  async postInThread(channel: string, thread: StoryThread, post: StoryPost, key: string): Promise<boolean> {
    try {
      await this.post(thread.threadId, render(post, channel), key, allowedMentions(post));
      return true;
    } catch (error) {
      if (error instanceof DiscordAPIError && THREAD_GONE.has(Number(error.code))) return false;
      throw error;
    }
  }

  failure(error: unknown, channel: string) {
    return sendFailure(error, channel);
  }

  private async post(channel: string, message: OutgoingMessage, key: string, allowed: AllowedMentions = { parse: [] }): Promise<{ id: string }> {
    const body = { ...message, allowed_mentions: allowed, nonce: nonceFor(key), enforce_nonce: true };
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

/** A story's message: an alert's role mention, the core's lead line above the card, in bold, and its row of buttons. */
function render(post: StoryPost, channel: string): OutgoingMessage {
  const content = [post.mention ? roleMention(post.mention) : "", post.lead ? `**${escapeMarkdown(post.lead)}**` : ""].filter(Boolean).join(" ");
  return storyMessage(post.card, buttonRow(post.card, post.buttons, channel), content || undefined);
}

type AllowedMentions = { parse: never[]; roles?: string[] };

/** Nobody may be pinged, except by an alert the role its channel's manager chose: exactly that role. */
function allowedMentions(post: StoryPost): AllowedMentions {
  return { parse: [], ...(post.mention ? { roles: [post.mention] } : {}) };
}
