// The newsroom: the one object commands talk to. It answers "what is the news on X" and "what
// happened today" with cards, over whichever storage engine it was given.
import type { Article } from "./article.js";
import { notice, refusal, type Reply, type StoryCard } from "./card.js";
import { DEFAULT_MAX_STORIES, DEFAULT_WINDOW_HOURS, rankStories, windowSpan } from "./digest.js";
import { closestTopics, parseTopicQuery } from "./search.js";
import { isCentral, storyRelevance, topicMentions } from "./relevance.js";
import { groupByStory, storyCard, storyHeadline, type Story } from "./stories.js";
import { count } from "./text.js";
import type { ClusterConfig } from "./cluster/config.js";
import type { Storage } from "./storage/index.js";
import { Ingest } from "./storage/ingest.js";
import { searchArticles } from "./storage/search.js";
import { SourceDesk } from "./sources/desk.js";
import { ChannelDesk, type ChannelDefaults } from "./delivery/channel-desk.js";

const HOUR_MS = 3_600_000;
export const DEFAULT_STORY_LIMIT = 5;
/** Articles fetched per story wanted, so that stories with several articles still fill the answer. */
const ARTICLES_PER_STORY = 4;
/** Articles a card reads for its summary, sources and timeline: the story's latest (the counts of
 * sources and reports come from the store, over the whole story). */
const CARD_ARTICLES = 10;
/** Articles read to tell which topics a story is about. */
const TOPIC_ARTICLES = 50;
/** Headline words a "More like this" search keeps when the story names nobody. */
const MORE_LIKE_THIS_WORDS = 6;

/** The answer to a button on a story that is no longer stored. */
export function storyGone(): Reply {
  return refusal("Story not found", "That story is no longer stored.");
}

export interface NewsroomOptions {
  /** Where file-defined sources are listed (NEWSBOT_SOURCES). */
  sourcesFile?: string;
  /** A channel's briefing time and zone until it sets its own. */
  channelDefaults?: ChannelDefaults;
  /** Story clustering settings the environment overrides. */
  cluster?: Partial<ClusterConfig>;
}

export class Newsroom {
  /** The followed feeds. */
  readonly sources: SourceDesk;
  /** Channels' own /news setup. */
  readonly channels: ChannelDesk;
  /** Stores articles in their stories: what ingest and polling use (nothing else loads the story index). */
  readonly ingest: Ingest;

  constructor(
    readonly store: Storage,
    readonly now: () => Date = () => new Date(),
    options: NewsroomOptions = {},
  ) {
    this.sources = new SourceDesk(store, now, options.sourcesFile);
    this.channels = new ChannelDesk(store, now, options.channelDefaults);
    this.ingest = new Ingest(store, options.cluster);
  }

  /** The stories on a topic, best first; the closest known topics when there are none. */
  async findStories(text: string, limit = DEFAULT_STORY_LIMIT): Promise<Reply> {
    const { words, query } = parseTopicQuery(text);
    if (words.length === 0) {
      return refusal("Which topic?", "Tell me a topic to look for, for example /story syria.");
    }
    const asked = words.join(" ");
    const options = { limit: limit * ARTICLES_PER_STORY, now: this.now() };
    let articles = await searchArticles(this.store.articles, query, options);
    // Nothing has every word: show what has any of them rather than nothing at all.
    if (articles.length === 0 && query.groups.length > 1) {
      articles = await searchArticles(this.store.articles, { ...query, match: "any" }, options);
    }
    const stories = groupByStory(articles).slice(0, limit);
    if (stories.length === 0) {
      const suggestions = closestTopics(asked, await this.store.articles.knownTopics(2000));
      const empty = suggestions.length === 0 && (await this.store.articles.count()) === 0;
      const text = empty
        ? `No stories match "${asked}", and no articles are stored yet.`
        : `No stories match "${asked}".${suggestions.length ? " The closest topics I know:" : ""}`;
      return { title: `Nothing on "${asked}"`, cards: [notice(text, suggestions)] };
    }
    return {
      title: `${count(stories.length, "story", "stories")} on "${asked}"`,
      cards: await this.storyCards(stories),
    };
  }

  /** The briefing: the top stories of the last `windowHours` hours. */
  async digest(windowHours = DEFAULT_WINDOW_HOURS, maxStories = DEFAULT_MAX_STORIES): Promise<Reply> {
    const until = this.now();
    const window = { since: new Date(until.getTime() - windowHours * HOUR_MS), until: new Date(until.getTime() + 1) };
    const articles = await this.store.articles.between(window.since, window.until);
    const stories = rankStories(articles, window, maxStories);
    const span = windowSpan(windowHours * HOUR_MS);
    if (stories.length === 0) {
      return { title: "Your briefing", cards: [notice(`Nothing new in ${span}.`, ["/story <topic> searches everything stored"])] };
    }
    return {
      title: `Your briefing: ${count(stories.length, "story", "stories")} from ${span}`,
      cards: await this.storyCards(stories),
    };
  }

  /** One story's card as it is now (a button names a story by id), or undefined once it is gone. A
   * story folded into another shows the story it was folded into, under that story's id. */
  async storyCard(storyId: number): Promise<StoryCard | undefined> {
    const { id, articles } = await this.storyById(storyId, CARD_ARTICLES);
    if (articles.length === 0) return undefined;
    return (await this.storyCards([{ id, articles }]))[0];
  }

  /** A story's latest articles by its id, or by the id of a story folded into it. */
  private async storyById(storyId: number, perStory: number): Promise<{ id: number; articles: Article[] }> {
    const [found] = await this.store.articles.ofStories([storyId], perStory);
    return found ? { id: found[0], articles: found[1] } : { id: storyId, articles: [] };
  }

  /**
   * "More like this": the other stories on what the story is most about, its most mentioned person,
   * place or organisation (a search for several names would need them all, which often only the
   * story itself has), else its headline's words.
   */
  async moreLikeThis(storyId: number, limit = DEFAULT_STORY_LIMIT): Promise<Reply> {
    const card = await this.storyCard(storyId);
    if (!card) return storyGone();
    const [lead] = [...card.entities].sort((a, b) => b.mentions - a.mentions);
    const topic = lead?.name ?? (parseTopicQuery(card.headline).words.slice(0, MORE_LIKE_THIS_WORDS).join(" ") || card.headline);
    const found = await this.findStories(topic, limit + 1);
    const others = found.cards.filter((c) => c.type === "story" && c.storyId !== card.storyId).slice(0, limit);
    if (others.length === 0) return { title: `Nothing more on ${topic}`, cards: [notice(`No other stored story is about ${topic} yet.`)] };
    return { title: `More like this: ${topic}`, cards: others };
  }

  /** Which of `topics` a story is about (central to its latest articles, as a topic briefing judges), in the order given. */
  async storyTopics(storyId: number, topics: readonly string[]): Promise<string[]> {
    if (topics.length === 0) return [];
    const { articles } = await this.storyById(storyId, TOPIC_ARTICLES);
    const mentions = await topicMentions(this.store.articles, topics, articles.map((a) => a.id));
    return storyRelevance(articles, mentions).topics.filter(isCentral).map((r) => r.topic);
  }

  /**
   * A card speaks for its whole story, not just the articles a search or a window found: those
   * stay first (they are why the story was chosen), then the story's other recent articles.
   */
  private async wholeStories(stories: Story[]): Promise<Story[]> {
    const stored = await this.store.articles.ofStories(stories.map((s) => s.id), CARD_ARTICLES);
    return stories.map((story) => {
      const found = new Set(story.articles.map((a) => a.id));
      const more = (stored.get(story.id) ?? []).filter((a) => !found.has(a.id));
      return { ...story, articles: [...story.articles, ...more], found: story.found ?? story.articles.length };
    });
  }

  async storyCards(stories: Story[]): Promise<StoryCard[]> {
    // One after the other, not side by side: on Postgres two queries at once take two connections, and
    // a command's second connection (its connect and authentication, 20-40 ms) costs far more than the
    // round trip it would save.
    const whole = await this.wholeStories(stories);
    const coverage = await this.store.articles.coverage(stories.map((s) => s.id));
    return whole.map((story) => storyCard({ ...story, coverage: coverage.get(story.id) }));
  }

  /** The headline each story's card would show, without the rest of the card. */
  async storyHeadlines(stories: Story[]): Promise<string[]> {
    return (await this.wholeStories(stories)).map(storyHeadline);
  }
}
