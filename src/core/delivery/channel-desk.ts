// The channel desk: what /news does. A channel follows topics, picks when its briefing comes, and
// pauses it; each change is stored at once and the scheduler is told to pick it up. The channel's
// own briefing is a digest like the files' ones, named after the channel.
import { notice, refusal, type Reply } from "../card.js";
import { rankStories, windowSpan } from "../digest.js";
import { applyFilter, describeVerdict, FilterText, parseFilter, sourceNames } from "../filter/filter.js";
import { parseTopicQuery } from "../search.js";
import { count } from "../text.js";
import type { Storage } from "../storage/index.js";
import { channelName, type ChannelRef, type ChannelSettings } from "./channel.js";
import { DigestDefinition } from "./definition.js";
import { targetKey, targetOf } from "./targets.js";

/** A channel's briefing time and zone until it sets its own. */
export interface ChannelDefaults {
  time: string;
  timezone: string;
}

export const MAX_CHANNEL_TOPICS = 50;
/** How far back /news test looks, and how many stories it names of those taken and of those dropped. */
const TEST_WINDOW_MS = 24 * 3_600_000;
const TEST_SHOWN = 10;

/**
 * The channel's own digest: its topics (narrowed by its filter) at its time, every day. A channel has
 * one once it follows a topic, sets a filter or sets a time (with no topics, it gets all the news).
 */
export function channelDigest(settings: ChannelSettings, defaults: ChannelDefaults): DigestDefinition | undefined {
  if (settings.topics.length === 0 && !settings.time && !settings.filter) return undefined;
  const [hours, minutes] = (settings.time ?? defaults.time).split(":").map(Number);
  return DigestDefinition.parse({
    name: channelName(settings),
    schedule: `${minutes} ${hours} * * *`,
    timezone: settings.timezone ?? defaults.timezone,
    topics: settings.topics,
    filter: settings.filter,
    maxPerSource: settings.maxPerSource,
    targets: [targetOf(settings)],
  });
}

export class ChannelDesk {
  /** The operator's digest files, for /news list. */
  fileDigests: readonly DigestDefinition[] = [];
  /** Called after every change, so the scheduler picks it up. */
  onChange?: () => Promise<void>;

  constructor(
    private readonly store: Pick<Storage, "channels" | "articles" | "sources">,
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

  /** Sets the filter the channel's briefing keeps stories by; "off" takes it away. */
  async filter(ref: ChannelRef, expression: string): Promise<Reply> {
    const settings = await this.settings(ref);
    if (expression.trim().toLowerCase() === "off") return this.change(ref, { ...settings, filter: undefined }, "Filter removed");
    const checked = FilterText.safeParse(expression);
    if (!checked.success) return refusal("Cannot read that filter", `${checked.error.issues[0]!.message}.`, ["/news test <filter> tries one without changing anything"]);
    return this.change(ref, { ...settings, filter: checked.data }, "Filter set");
  }

  /** Which of the last day's stories a filter would take and which it would drop, and why; changes nothing. */
  async test(expression: string): Promise<Reply> {
    const checked = FilterText.safeParse(expression);
    if (!checked.success) return refusal("Cannot read that filter", `${checked.error.issues[0]!.message}.`);
    const filter = parseFilter(checked.data);
    const until = this.now();
    const since = new Date(until.getTime() - TEST_WINDOW_MS);
    const stories = rankStories(await this.store.articles.between(since, new Date(until.getTime() + 1)), { since, until }, Number.POSITIVE_INFINITY);
    const [coverage, sources] = await Promise.all([this.store.articles.coverage(stories.map((s) => s.id)), this.store.sources.list()]);
    const context = { sourceNames: sourceNames(sources) };
    const taken: string[] = [];
    const dropped: string[] = [];
    for (const story of stories) {
      const verdict = applyFilter(filter, { articles: story.articles, outlets: coverage.get(story.id)?.outlets ?? story.articles.length }, context);
      (verdict.taken ? taken : dropped).push(`${story.articles[0]!.title} (story ${story.id}): ${describeVerdict(verdict)}`);
    }
    const span = windowSpan(TEST_WINDOW_MS);
    if (stories.length === 0) return { title: `No stories from ${span} to test`, cards: [notice("Nothing was changed.")] };
    const shown = (lines: string[]) => (lines.length > TEST_SHOWN ? [...lines.slice(0, TEST_SHOWN), `… and ${lines.length - TEST_SHOWN} more`] : lines);
    return {
      title: `The filter would take ${taken.length} of ${count(stories.length, "story", "stories")} from ${span}`,
      cards: [
        notice(taken.length ? "Would take:" : "Would take none.", shown(taken)),
        notice(dropped.length ? "Would drop:" : "Would drop none.", shown(dropped)),
        notice("Nothing was changed: /news filter <filter> sets it."),
      ],
    };
  }

  /** At most `max` stories led by one outlet per briefing; "off" (undefined) lifts the cap. */
  async cap(ref: ChannelRef, max: number | undefined): Promise<Reply> {
    const settings = await this.settings(ref);
    return this.change(ref, { ...settings, maxPerSource: max }, max === undefined ? "No cap per outlet" : "Cap per outlet set");
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
    else if (settings.time || settings.filter) lines.push("This channel follows all the news.");
    else lines.push("This channel follows no topics yet: /news subscribe <topic> starts a daily briefing.");
    if (settings.filter) lines.push(`Its briefing keeps the stories the filter ${settings.filter} takes.`);
    if (settings.maxPerSource) lines.push(`At most ${count(settings.maxPerSource, "story", "stories")} from one outlet.`);
    if (settings.topics.length || settings.time || settings.filter) lines.push(`Its briefing comes every day at ${time} (${zone}).`);
    if (settings.paused) lines.push("Briefings are paused here: /news resume starts them again.");
    return lines;
  }

  /** The operator's digests that also come to this channel. */
  private fileLines(ref: ChannelRef): string[] {
    const target = targetKey(targetOf(ref));
    return this.fileDigests
      .filter((digest) => digest.targets.some((t) => targetKey(t) === target))
      .map((digest) => `Also here: the "${digest.name}" digest (${digest.schedule}, ${digest.timezone}${digest.topics.length ? `, on ${digest.topics.join(", ")}` : ""})`);
  }
}
