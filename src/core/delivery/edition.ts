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

/** A story of the window as a digest ranks it, with its card's headline and its coverage over the whole story. */
export interface RankedStory {
  story: Story;
  headline: string;
  outlets: number;
  reports: number;
  relevance?: TopicRelevance[];
  filter?: FilterVerdict;
}

/** What a slot's briefing chooses from, the same for every target: read once per slot. */
export interface SlotWindow {
  since: Date;
  until: Date;
  /** The stories the briefing chooses from, best first: the window's stories, or with topics, those a
   * topic is central to. */
  ranked: RankedStory[];
  /** With topics, the window's other stories, in rank order: never chosen, so worked out only when
   * asked why (explain). */
  passedOver?: () => RankedStory[];
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
  /** Where each article's story is in `ranked`, so that a topic's mentions lead straight to the stories
   * they can make about it (a slot's channels follow a few topics each, among hundreds of stories). */
  rankOf: Map<number, number>;
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
  const rankOf = new Map(ranked.flatMap(({ story }, rank) => story.articles.map((article) => [article.id, rank] as const)));
  return { since, until, articleIds: articles.map((a) => a.id), ranked, rankOf, mentions: new Map(), openings: new Map(), cards: new Map() };
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

/** What `storyRelevance` says of a story of `of` articles that mentions none of the topics. */
function nowhere(topics: readonly TopicMentions[], of: number): TopicRelevance[] {
  return topics.map(({ topic }) => ({ topic, where: "none", articles: 0, of }));
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
 * The window's stories ranked as /digest ranks them (coverage, then freshness). With topics, only the
 * stories they are central to, those with a topic in a headline before those with one in a lede before
 * those that mostly name it, each story's card leading with its articles on the topics; the others are
 * passed over.
 * With `windows`, what does not depend on the digest's topics and filter is shared with the other
 * digests of the slot.
 */
export async function readWindow(newsroom: Newsroom, definition: DigestDefinition, slot: Date, windows?: SlotWindows): Promise<SlotWindow> {
  const shared = await (windows ? windows.read(newsroom, slot, definition.window) : readShared(newsroom, slot, definition.window));
  const { since, until } = shared;
  const storyCards = (stories: Story[]) => cardsOf(newsroom, shared, stories);
  if (!definition.topics.length) return filtered(newsroom, definition, shared, { since, until, ranked: shared.ranked, storyCards });
  const mentions = await mentionsOf(newsroom, shared, definition.topics);
  // Only a story with an article the index finds a topic in can be about one: the others, most of the
  // window, are not read, and have every topic nowhere.
  const mentioned = new Set<number>();
  for (const { mentionedIn } of mentions) for (const id of mentionedIn) mentioned.add(shared.rankOf.get(id)!);
  const weighed = new Map(
    [...mentioned].sort((a, b) => a - b).map((rank) => {
      const entry = shared.ranked[rank]!;
      const { topics, weight, articles, found } = storyRelevance(entry.story.articles, mentions, shared.openings);
      return [rank, { ...entry, story: { ...entry.story, articles, found }, relevance: topics, weight }];
    }),
  );
  // Stable: stories of the same weight keep the /digest order.
  const central = [...weighed.values()].filter((entry) => entry.weight > 0).sort((a, b) => b.weight - a.weight);
  // A story the topics are central to leads its card with its articles on them, and so may have
  // another headline; the others read as in the shared window.
  const cards = await storyCards(central.map((entry) => entry.story));
  const ranked = central.map(({ weight: _weight, ...entry }, i) => ({ ...entry, headline: cards[i]!.headline }));
  const passedOver = () =>
    shared.ranked.flatMap((entry, rank): RankedStory[] => {
      const found = weighed.get(rank);
      if (!found) return [{ ...entry, story: { ...entry.story, found: entry.story.articles.length }, relevance: nowhere(mentions, entry.story.articles.length) }];
      const { weight, ...entryOf } = found;
      return weight > 0 ? [] : [entryOf];
    });
  return filtered(newsroom, definition, shared, { since, until, ranked, passedOver, storyCards });
}

/** The window with each story's verdict under the digest's filter, if it has one. */
async function filtered(newsroom: Newsroom, definition: DigestDefinition, shared: SharedWindow, window: SlotWindow): Promise<SlotWindow> {
  if (!definition.filter) return window;
  const filter = parseFilter(definition.filter);
  shared.sourceNames ??= newsroom.store.sources.list().then(sourceNames);
  const context = { sourceNames: await shared.sourceNames };
  const judged = (entries: RankedStory[]) => entries.map((entry) => ({ ...entry, filter: applyFilter(filter, { articles: entry.story.articles, outlets: entry.outlets }, context) }));
  const { passedOver } = window;
  return { ...window, ranked: judged(window.ranked), ...(passedOver && { passedOver: () => judged(passedOver()) }) };
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
  /** Whether `considered` also lists the stories no topic is central to (explain asks; the scheduler
   * needs only the briefing, and a channel's topics leave out most of the window). */
  { reasons = true }: { reasons?: boolean } = {},
): Promise<Edition> {
  const { since, until, ranked, passedOver, storyCards } = window ?? (await readWindow(newsroom, definition, slot));
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
  if (reasons && passedOver) {
    for (const { story, headline, outlets, reports, relevance, filter } of passedOver()) {
      considered.push({ storyId: story.id, headline, outlets, reports, relevance, filter, decision: { kind: "topic" } });
    }
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
