// The channel desk: what /news does. A channel follows topics, picks when its briefing comes, and
// pauses it; each change is stored at once and the scheduler is told to pick it up. The channel's
// own briefing is a digest like the files' ones, named after the channel.
import { notice, refusal, type Reply } from "../card.js";
import { parseTopicQuery } from "../search.js";
import type { Store } from "../../store/store.js";
import { channelName, type ChannelRef, type ChannelSettings } from "./channel.js";
import { DigestDefinition, type Target } from "./definition.js";

/** A channel's briefing time and zone until it sets its own. */
export interface ChannelDefaults {
  time: string;
  timezone: string;
}

export const MAX_CHANNEL_TOPICS = 50;

function targetOf(ref: ChannelRef): Target {
  return ref.platform === "terminal" ? { platform: "terminal" } : { platform: ref.platform, channel: ref.channel };
}

function sameTarget(a: Target, b: Target): boolean {
  return a.platform === b.platform && (a.platform === "terminal" || ("channel" in b && "channel" in a && a.channel === b.channel));
}

/**
 * The channel's own digest: its topics at its time, every day. A channel has one once it follows a
 * topic or sets a time (with no topics, it gets all the news).
 */
export function channelDigest(settings: ChannelSettings, defaults: ChannelDefaults): DigestDefinition | undefined {
  if (settings.topics.length === 0 && !settings.time) return undefined;
  const [hours, minutes] = (settings.time ?? defaults.time).split(":").map(Number);
  return DigestDefinition.parse({
    name: channelName(settings),
    schedule: `${minutes} ${hours} * * *`,
    timezone: settings.timezone ?? defaults.timezone,
    topics: settings.topics,
    targets: [targetOf(settings)],
  });
}

export class ChannelDesk {
  /** The operator's digest files, for /news list. */
  fileDigests: readonly DigestDefinition[] = [];
  /** Called after every change, so the scheduler picks it up. */
  onChange?: () => Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    readonly defaults: ChannelDefaults = { time: "08:00", timezone: "UTC" },
  ) {}

  /** Every channel's own digest. */
  async digests(): Promise<DigestDefinition[]> {
    return (await this.store.channels.list()).flatMap((settings) => channelDigest(settings, this.defaults) ?? []);
  }

  async list(ref: ChannelRef): Promise<Reply> {
    const settings = await this.settings(ref);
    return { title: "News in this channel", cards: [notice(this.describe(settings).join(" "), this.fileLines(ref))] };
  }

  async subscribe(ref: ChannelRef, topic: string): Promise<Reply> {
    const settings = await this.settings(ref);
    if (parseTopicQuery(topic).words.length === 0) {
      return refusal("Which topic?", `"${topic}" has no word to look for. Try a name or a subject, for example /news subscribe syria.`);
    }
    if (settings.topics.some((t) => t.toLowerCase() === topic.toLowerCase())) {
      return { title: `Already following "${topic}"`, cards: [notice(this.describe(settings).join(" "))] };
    }
    if (settings.topics.length >= MAX_CHANNEL_TOPICS) {
      return refusal("Too many topics", `A channel can follow at most ${MAX_CHANNEL_TOPICS} topics; unsubscribe from one first.`, ["/news list"]);
    }
    return this.change(ref, { ...settings, topics: [...settings.topics, topic] }, `Following "${topic}"`);
  }

  async unsubscribe(ref: ChannelRef, topic: string): Promise<Reply> {
    const settings = await this.settings(ref);
    const topics = settings.topics.filter((t) => t.toLowerCase() !== topic.toLowerCase());
    if (topics.length === settings.topics.length) {
      return { title: `Not following "${topic}"`, cards: [notice(this.describe(settings).join(" "), ["/news list"])] };
    }
    return this.change(ref, { ...settings, topics }, `No longer following "${topic}"`);
  }

  async schedule(ref: ChannelRef, time: string, timezone?: string): Promise<Reply> {
    const settings = await this.settings(ref);
    return this.change(ref, { ...settings, time, timezone: timezone ?? settings.timezone }, "Briefing time set");
  }

  async pause(ref: ChannelRef): Promise<Reply> {
    return this.change(ref, { ...(await this.settings(ref)), paused: true }, "Briefings paused");
  }

  async resume(ref: ChannelRef): Promise<Reply> {
    return this.change(ref, { ...(await this.settings(ref)), paused: false }, "Briefings resumed");
  }

  private async settings(ref: ChannelRef): Promise<ChannelSettings> {
    return (await this.store.channels.get(ref)) ?? { ...ref, topics: [], paused: false, updatedAt: this.now() };
  }

  private async change(ref: ChannelRef, settings: ChannelSettings, title: string): Promise<Reply> {
    await this.store.channels.save({ ...settings, updatedAt: this.now() });
    await this.onChange?.();
    return { title, cards: [notice(this.describe(settings).join(" "), this.fileLines(ref))] };
  }

  /** The channel's setup in a sentence or two. */
  private describe(settings: ChannelSettings): string[] {
    const time = settings.time ?? this.defaults.time;
    const zone = settings.timezone ?? this.defaults.timezone;
    const lines = [];
    if (settings.topics.length) lines.push(`This channel follows ${settings.topics.map((t) => `"${t}"`).join(", ")}.`);
    else if (settings.time) lines.push("This channel follows all the news.");
    else lines.push("This channel follows no topics yet: /news subscribe <topic> starts a daily briefing.");
    if (settings.topics.length || settings.time) lines.push(`Its briefing comes every day at ${time} (${zone}).`);
    if (settings.paused) lines.push("Briefings are paused here: /news resume starts them again.");
    return lines;
  }

  /** The operator's digests that also come to this channel. */
  private fileLines(ref: ChannelRef): string[] {
    const target = targetOf(ref);
    return this.fileDigests
      .filter((digest) => digest.targets.some((t) => sameTarget(t, target)))
      .map((digest) => `Also here: the "${digest.name}" digest (${digest.schedule}, ${digest.timezone}${digest.topics.length ? `, on ${digest.topics.join(", ")}` : ""})`);
  }
}
