// Relevance: whether a story is about a topic, as an editor would judge it. A topic is central to an
// article when its headline or its lede names it, or when it is among the names the article mentions
// most; an article that names it once further down only mentions it in passing. Topic briefings (digest
// files' topics, a channel's /news subscriptions) take the stories a topic is central to.
import { stemmer } from "stemmer";
import type { Article, Entity } from "./article.js";
import { splitSentences } from "./nlp/sentences.js";
import { parseTopicQuery } from "./search.js";
import type { ArticleStore } from "./storage/index.js";

/** Where a topic stands in an article, the most prominent place first; "passing": only further down. */
export type Prominence = "headline" | "lede" | "names" | "passing" | "none";

/** How central a place is; a story is about a topic at "names" or better. */
const WEIGHT: Record<Prominence, number> = { headline: 3, lede: 2, names: 1, passing: 0, none: 0 };

/** The first sentences of the body, where a news report says what it is about. */
const LEDE_SENTENCES = 2;
/** The lede is looked for in the body's opening only: no two opening sentences run longer. */
const LEDE_CHARS = 2_000;
/** A name is among an article's most mentioned when fewer than this many names are mentioned more often… */
const MOST_MENTIONED = 3;
/** …and it is named more than once: once is in passing. */
const MIN_MENTIONS = 2;

export interface TopicRelevance {
  /** The topic as the digest or channel wrote it. */
  topic: string;
  /** Its most prominent place in any of the articles read. */
  where: Prominence;
  /** How many of those articles have it there (for "passing", mention it at all); 0 for "none". */
  articles: number;
  /** How many articles were read. */
  of: number;
}

export function isCentral(relevance: TopicRelevance): boolean {
  return WEIGHT[relevance.where] > 0;
}

/** A topic's full-text query (as /story reads it), and which of the articles the index finds it in. */
export interface TopicMentions {
  topic: string;
  /** Every group must match; a group matches when any of its terms does; a term is a phrase of words. */
  groups: string[][][];
  mentionedIn: ReadonlySet<number>;
}

/**
 * Words as the full-text index sees them: folded to lower case without diacritics, split at anything
 * but letters and digits, Porter-stemmed; so a headline matches a topic exactly when /story's index would.
 */
export function wordsOf(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemmer);
}

/** Which of the articles mention each topic at all, by the store's full-text search (as /story finds them). */
export async function topicMentions(articles: Pick<ArticleStore, "matching">, topics: readonly string[], articleIds: number[]): Promise<TopicMentions[]> {
  return Promise.all(
    topics.map(async (topic) => {
      const { query } = parseTopicQuery(topic);
      const groups = query.groups.map((terms) => terms.map(wordsOf).filter((words) => words.length > 0)).filter((terms) => terms.length > 0);
      return { topic, groups, mentionedIn: await articles.matching(query, articleIds) };
    }),
  );
}

export function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}

function namesTopic(words: readonly string[], topic: TopicMentions): boolean {
  return topic.groups.length > 0 && topic.groups.every((terms) => terms.some((phrase) => hasPhrase(words, phrase)));
}

/** The words of an article's headline, of its headline with its lede, and of each of the names it
 * mentions most. */
interface Opening {
  headline: string[];
  lede: string[];
  mostMentioned: string[][];
}

function openingOf(article: Article): Opening {
  const headline = wordsOf(article.title);
  const lede = splitSentences(article.body.slice(0, LEDE_CHARS)).slice(0, LEDE_SENTENCES).join(" ");
  return { headline, lede: [...headline, ...wordsOf(lede)], mostMentioned: mostMentioned(article.entities).map((entity) => wordsOf(entity.name)) };
}

function mostMentioned(entities: readonly Entity[]): Entity[] {
  return entities.filter(
    (entity) => entity.mentions >= MIN_MENTIONS && entities.filter((other) => other.mentions > entity.mentions).length < MOST_MENTIONED,
  );
}

/** Only articles the index finds the topic in are read, so that a topic briefing and /story agree on
 * what mentions a topic. */
function prominenceIn(article: Article, opening: () => Opening, topic: TopicMentions): Prominence {
  if (!topic.mentionedIn.has(article.id)) return "none";
  if (namesTopic(opening().headline, topic)) return "headline";
  if (namesTopic(opening().lede, topic)) return "lede";
  return opening().mostMentioned.some((name) => namesTopic(name, topic)) ? "names" : "passing";
}

export interface StoryRelevance {
  /** One per topic, in the order given. */
  topics: TopicRelevance[];
  /** The weight of the most central topic's place: 0 when no topic is central. */
  weight: number;
  /** The articles, those the topics are most central to first (they speak for the story on its card). */
  articles: Article[];
  /** How many of the first articles have a topic in its most central place. */
  found: number;
}

/** Each article's opening words, by article id: the same whatever the topics, so a caller judging
 * many topic sets over the same articles (a slot's briefings) works them out once. */
export type Openings = Map<number, Opening>;

/** How central each topic is to a story: its most prominent place in any of the story's articles. */
export function storyRelevance(articles: readonly Article[], topics: readonly TopicMentions[], openings: Openings = new Map()): StoryRelevance {
  const opening = (article: Article) => () => {
    let words = openings.get(article.id);
    if (!words) openings.set(article.id, (words = openingOf(article)));
    return words;
  };
  const weights = new Map(articles.map((article) => [article.id, 0]));
  const relevance = topics.map((topic): TopicRelevance => {
    const tally = new Map<Prominence, number>();
    for (const article of articles) {
      const where = prominenceIn(article, opening(article), topic);
      tally.set(where, (tally.get(where) ?? 0) + 1);
      weights.set(article.id, Math.max(weights.get(article.id)!, WEIGHT[where]));
    }
    const where = (["headline", "lede", "names", "passing"] as const).find((w) => tally.has(w)) ?? "none";
    // For "passing", every article that mentions the topic: those with it more prominent are counted too.
    const count = where === "none" ? 0 : where === "passing" ? articles.length - (tally.get("none") ?? 0) : tally.get(where)!;
    return { topic: topic.topic, where, articles: count, of: articles.length };
  });
  const weight = Math.max(0, ...relevance.map((r) => WEIGHT[r.where]));
  // Stable: within the same weight, articles keep the order they were given in.
  const ordered = [...articles].sort((a, b) => weights.get(b.id)! - weights.get(a.id)!);
  const found = weight > 0 ? ordered.filter((a) => weights.get(a.id) === weight).length : articles.length;
  return { topics: relevance, weight, articles: ordered, found };
}
