// The edition: what one slot of a digest says to one target, and why each story of the window was
// chosen or left out. The scheduler sends the chosen ones; `explain` shows the reasons.
import { DEFAULT_ALERTS_PER_HOUR } from "../alerts/alert.js";
import { notice, type NoticeCard, type StoryCard } from "../card.js";
import { rankStories, windowSpan } from "../digest.js";
import type { Newsroom } from "../newsroom.js";
import { isCentral, storyRelevance, topicMentions, type TopicRelevance } from "../relevance.js";
import { count } from "../text.js";
import { applyFilter, parseFilter, sourceNames, type FilterVerdict } from "../filter/filter.js";
import { outletOf } from "../outlet.js";
import type { DigestDefinition } from "./definition.js";
import { channelOf, targetKey as keyOf } from "./targets.js";
import type { DigestPayload, SentStory } from "./outbox.js";
import type { Story } from "../stories.js";

/** Why a story of the window is in the briefing or not. */
export type Decision =
  | { kind: "chosen"; position: number; update: boolean }
  /** None of the digest's topics is central to it (see `relevance`). */
  | { kind: "topic" }
  /** The digest's filter dropped it (see `filter`). */
  | { kind: "filter" }
  /** Sent to this target by an earlier briefing, with nothing new since. */
  | { kind: "already-sent"; slot: Date }
  /** Ranked below the digest's maxStories. */
  | { kind: "cut"; rank: number }
  /** Its outlet already leads maxPerSource stories of the briefing. */
  | { kind: "source-cap"; outlet: string; max: number }
  /** Stored after the briefing was prepared (explain only). */
  | { kind: "arrived-later" };

export interface Considered {
  storyId: number;
  headline: string;
  /** Outlets and reports over the whole story. */
  outlets: number;
  reports: number;
  /** Where each of the digest's topics stands in the story; absent when the digest has no topics. */
  relevance?: TopicRelevance[];
  /** Which terms of the digest's filter took or dropped it; absent when the digest has no filter. */
  filter?: FilterVerdict;
  decision: Decision;
}

export interface Edition {
  since: Date;
  until: Date;
  considered: Considered[];
  /** Undefined when there is nothing new and the digest stays silent. */
  payload?: DigestPayload;
  stories: SentStory[];
}

export function digestTitle(definition: Pick<DigestDefinition, "name">, stories: number, windowMs: number, late: boolean): string {
  // A channel's own briefing is named after the channel, which says nothing to its readers.
  const label = definition.name.includes(":") ? "Your briefing" : `Your ${definition.name} briefing`;
  const title = stories ? `${label}: ${count(stories, "story", "stories")} from ${windowSpan(windowMs)}` : label;
  return late ? `${title} (late)` : title;
}

/** What a slot's briefing chooses from, the same for every target: read once per slot. */
export interface SlotWindow {
  since: Date;
  until: Date;
  /** The window's stories, ranked, with their card's headline and their coverage over the whole story. */
  ranked: Array<{ story: Story; headline: string; outlets: number; reports: number; relevance?: TopicRelevance[]; filter?: FilterVerdict }>;
}

/**
 * The window's stories ranked as /digest ranks them (coverage, then freshness). With topics, the
 * stories they are central to come first, those with a topic in a headline before those with one in a
 * lede before those that mostly name it, and each story's card leads with its articles on the topics.
 */
export async function readWindow(newsroom: Newsroom, definition: DigestDefinition, slot: Date): Promise<SlotWindow> {
  const store = newsroom.store;
  const since = new Date(slot.getTime() - definition.window);
  const until = new Date(slot.getTime() + 1);
  const articles = await store.articles.between(since, until);
  let stories: Array<{ story: Story; relevance?: TopicRelevance[] }> = rankStories(articles, { since, until }, Number.POSITIVE_INFINITY).map((story) => ({ story }));
  if (definition.topics.length) {
    const mentions = await topicMentions(store.articles, definition.topics, articles.map((a) => a.id));
    stories = stories
      .map(({ story }) => {
        const { topics, weight, articles, found } = storyRelevance(story.articles, mentions);
        return { story: { ...story, articles, found }, relevance: topics, weight };
      })
      // Stable: stories of the same weight keep the /digest order.
      .sort((a, b) => b.weight - a.weight);
  }
  const [coverage, headlines] = await Promise.all([
    store.articles.coverage(stories.map((s) => s.story.id)),
    newsroom.storyHeadlines(stories.map((s) => s.story)),
  ]);
  const ranked = stories.map(({ story, relevance }, i) => ({
    story,
    headline: headlines[i]!,
    ...(coverage.get(story.id) ?? { outlets: story.articles.length, reports: story.articles.length }),
    relevance,
  }));
  if (!definition.filter) return { since, until, ranked };
  const filter = parseFilter(definition.filter);
  const context = { sourceNames: sourceNames(await store.sources.list()) };
  return { since, until, ranked: ranked.map((entry) => ({ ...entry, filter: applyFilter(filter, { articles: entry.story.articles, outlets: entry.outlets }, context) })) };
}

/**
 * The briefing of `slot` for the target: the window's stories on the digest's topics, ranked, less
 * those already sent to this target with nothing new since, cut to maxStories.
 */
export async function prepareEdition(
  newsroom: Newsroom,
  definition: DigestDefinition,
  slot: Date,
  targetKey: string,
  late: boolean,
  window?: SlotWindow,
): Promise<Edition> {
  const { since, until, ranked } = window ?? (await readWindow(newsroom, definition, slot));
  const sent = await newsroom.store.deliveries.sentStories(targetKey, slot);

  const considered: Considered[] = [];
  const chosen: Story[] = [];
  const stories: SentStory[] = [];
  let rank = 0;
  /** Stories chosen so far led by each outlet, for maxPerSource. */
  const perOutlet = new Map<string, number>();
  for (const { story, headline, outlets, reports, relevance, filter } of ranked) {
    const entry = { storyId: story.id, headline, outlets, reports, relevance, filter };
    const earlier = sent.get(story.id);
    // The outlet of the report the card leads with.
    const outlet = story.articles[0] && outletOf(story.articles[0]);
    const max = definition.maxPerSource;
    let decision: Decision;
    if (relevance && !relevance.some(isCentral)) decision = { kind: "topic" };
    else if (filter && !filter.taken) decision = { kind: "filter" };
    else if (earlier && earlier.reports >= reports) decision = { kind: "already-sent", slot: earlier.slot };
    else if (max !== undefined && outlet && (perOutlet.get(outlet) ?? 0) >= max) decision = { kind: "source-cap", outlet, max };
    else if (++rank > definition.maxStories) decision = { kind: "cut", rank };
    else {
      decision = { kind: "chosen", position: rank, update: earlier !== undefined };
      chosen.push(story);
      stories.push({ storyId: story.id, reports });
      if (outlet) perOutlet.set(outlet, (perOutlet.get(outlet) ?? 0) + 1);
    }
    considered.push({ ...entry, decision });
  }

  const header = { digest: definition.name, slot: slot.toISOString(), late };
  const held = await heldAlerts(newsroom, definition, targetKey, since, until);
  let cards: DigestPayload["cards"];
  if (chosen.length) cards = [...held, ...((await newsroom.storyCards(chosen)) satisfies StoryCard[])];
  else if (held.length || definition.whenEmpty === "notice") cards = [...held, ...(definition.whenEmpty === "notice" ? [notice("Nothing new since the last briefing.")] : [])];
  else return { since, until, considered, stories };
  const payload = { ...header, title: digestTitle(definition, chosen.length, definition.window, late), cards };
  return { since, until, considered, payload, stories };
}

/** The alerts the target's channel held back over its hourly budget within the window: the briefing
 * names them, as the alerts promised ("2 alerts held back"). */
async function heldAlerts(newsroom: Newsroom, definition: DigestDefinition, targetKey: string, since: Date, until: Date): Promise<NoticeCard[]> {
  const target = definition.targets.find((t) => keyOf(t) === targetKey);
  const channel = target && channelOf(target);
  if (!channel) return [];
  const held = await newsroom.store.alerts.held(channel, since, until);
  if (held.length === 0) return [];
  const text = `${count(held.length, "alert")} held back: this channel had its ${DEFAULT_ALERTS_PER_HOUR} alerts for the hour.`;
  return [notice(text, held.map((alert) => `${alert.headline} (“${alert.topic}”)`))];
}
