// The edition: what one slot of a digest says to one target, and why each story of the window was
// chosen or left out. The scheduler sends the chosen ones; `explain` shows the reasons.
import { DEFAULT_ALERTS_PER_HOUR } from "../alerts/alert.js";
import { notice, type NoticeCard, type StoryCard } from "../card.js";
import { rankStories, windowSpan } from "../digest.js";
import type { Newsroom } from "../newsroom.js";
import { isCentral, storyRelevance, topicMentions, type Openings, type TopicMentions, type TopicRelevance } from "../relevance.js";
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
  /** The stories' cards, as `Newsroom.storyCards` makes them; made once for the digests sharing the window. */
  storyCards(stories: Story[]): Promise<StoryCard[]>;
}

/** What every digest with the same slot and window chooses from, whatever its topics and filter. */
interface SharedWindow {
  since: Date;
  until: Date;
  articleIds: number[];
  /** Ranked as /digest ranks them, with their card's headline and coverage. */
  ranked: Array<{ story: Story; headline: string; outlets: number; reports: number }>;
  /** Which of the window's articles each topic's full-text query finds, by topic. */
  mentions: Map<string, Promise<TopicMentions>>;
  /** The articles' opening words, worked out as digests' topics need them. */
  openings: Openings;
  /** Cards made so far, by story and the articles that lead it (a digest's topics may reorder them). */
  cards: Map<string, Promise<StoryCard>>;
  sourceNames?: Promise<Map<number, string[]>>;
}

/** Windows kept at most: a slot's digests share one or a few window lengths. */
const MAX_SHARED_WINDOWS = 8;

/**
 * The part of each slot's window that is the same for every digest (its articles, stories, coverage
 * and headlines, and each topic's mentions), read once however many channels' briefings the slot
 * prepares. Kept only while a slot is being handled (`holding`), so that a later slot, or the same one
 * handled again later, reads the store as it is then.
 */
export class SlotWindows {
  private readonly shared = new Map<string, Promise<SharedWindow>>();
  private holders = 0;

  /** Runs `work` with the windows it reads kept for whoever else is handling a slot meanwhile. */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    this.holders++;
    try {
      return await work();
    } finally {
      if (--this.holders === 0) this.shared.clear();
    }
  }

  read(newsroom: Newsroom, slot: Date, windowMs: number): Promise<SharedWindow> {
    if (this.holders === 0) return readShared(newsroom, slot, windowMs);
    const key = `${slot.getTime()}/${windowMs}`;
    let window = this.shared.get(key);
    if (window) {
      // Most recently used last, so the oldest goes first when there are too many.
      this.shared.delete(key);
    } else {
      window = readShared(newsroom, slot, windowMs);
      // A failed read is tried again by the next digest, not handed on.
      window.catch(() => {
        if (this.shared.get(key) === window) this.shared.delete(key);
      });
    }
    this.shared.set(key, window);
    if (this.shared.size > MAX_SHARED_WINDOWS) this.shared.delete(this.shared.keys().next().value!);
    return window;
  }
}

async function readShared(newsroom: Newsroom, slot: Date, windowMs: number): Promise<SharedWindow> {
  const since = new Date(slot.getTime() - windowMs);
  const until = new Date(slot.getTime() + 1);
  const articles = await newsroom.store.articles.between(since, until);
  const stories = rankStories(articles, { since, until }, Number.POSITIVE_INFINITY);
  const [coverage, headlines] = await Promise.all([newsroom.store.articles.coverage(stories.map((s) => s.id)), newsroom.storyHeadlines(stories)]);
  const ranked = stories.map((story, i) => ({
    story,
    headline: headlines[i]!,
    ...(coverage.get(story.id) ?? { outlets: story.articles.length, reports: story.articles.length }),
  }));
  return { since, until, articleIds: articles.map((a) => a.id), ranked, mentions: new Map(), openings: new Map(), cards: new Map() };
}

/** Each topic's mentions in the window, asked of the store once per window however many digests follow it. */
function mentionsOf(newsroom: Newsroom, window: SharedWindow, topics: readonly string[]): Promise<TopicMentions[]> {
  return Promise.all(
    topics.map((topic) => {
      let found = window.mentions.get(topic);
      if (!found) window.mentions.set(topic, (found = topicMentions(newsroom.store.articles, [topic], window.articleIds).then(([mentions]) => mentions!)));
      return found;
    }),
  );
}

/** The stories' cards, each made once per window whichever digests choose it. */
function cardsOf(newsroom: Newsroom, window: SharedWindow, stories: Story[]): Promise<StoryCard[]> {
  const keys = stories.map((story) => `${story.id}:${story.found ?? ""}:${story.articles.map((a) => a.id).join(",")}`);
  const missing = keys.flatMap((key, i) => (window.cards.has(key) ? [] : [i]));
  if (missing.length) {
    const made = newsroom.storyCards(missing.map((i) => stories[i]!));
    missing.forEach((i, n) => window.cards.set(keys[i]!, made.then((cards) => cards[n]!)));
  }
  return Promise.all(keys.map((key) => window.cards.get(key)!));
}

/**
 * The window's stories ranked as /digest ranks them (coverage, then freshness). With topics, the
 * stories they are central to come first, those with a topic in a headline before those with one in a
 * lede before those that mostly name it, and each story's card leads with its articles on the topics.
 * With `windows`, what does not depend on the digest's topics and filter is shared with the other
 * digests of the slot.
 */
export async function readWindow(newsroom: Newsroom, definition: DigestDefinition, slot: Date, windows?: SlotWindows): Promise<SlotWindow> {
  const shared = await (windows ? windows.read(newsroom, slot, definition.window) : readShared(newsroom, slot, definition.window));
  const { since, until } = shared;
  const storyCards = (stories: Story[]) => cardsOf(newsroom, shared, stories);
  let ranked: SlotWindow["ranked"] = shared.ranked;
  if (definition.topics.length) {
    const mentions = await mentionsOf(newsroom, shared, definition.topics);
    const weighed = shared.ranked
      .map((entry) => {
        const { topics, weight, articles, found } = storyRelevance(entry.story.articles, mentions, shared.openings);
        return { ...entry, story: { ...entry.story, articles, found }, relevance: topics, weight };
      })
      // Stable: stories of the same weight keep the /digest order.
      .sort((a, b) => b.weight - a.weight);
    // A story the topics are central to leads its card with its articles on them, and so may have
    // another headline; the others read as in the shared window.
    const reordered = weighed.filter((entry) => entry.weight > 0);
    const cards = await storyCards(reordered.map((entry) => entry.story));
    reordered.forEach((entry, i) => (entry.headline = cards[i]!.headline));
    ranked = weighed.map(({ weight: _weight, ...entry }) => entry);
  }
  if (!definition.filter) return { since, until, ranked, storyCards };
  const filter = parseFilter(definition.filter);
  shared.sourceNames ??= newsroom.store.sources.list().then(sourceNames);
  const context = { sourceNames: await shared.sourceNames };
  return { since, until, storyCards, ranked: ranked.map((entry) => ({ ...entry, filter: applyFilter(filter, { articles: entry.story.articles, outlets: entry.outlets }, context) })) };
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
  const { since, until, ranked, storyCards } = window ?? (await readWindow(newsroom, definition, slot));
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
  if (chosen.length) cards = [...held, ...((await storyCards(chosen)) satisfies StoryCard[])];
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
