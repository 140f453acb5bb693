// Articles and search: what the core stores of each article and asks back. The engine persists and
// queries; ranking (./search.ts) and story assignment (./ingest.ts) are the core's.
import type { Article, ArticleInput, Entity, EntityKind } from "../article.js";
import type { Coverage } from "../stories.js";

/** What makes two articles the same article: the same canonical URL, or the same text. */
export interface DedupeKeys {
  canonicalUrl?: string;
  contentHash: string;
}

/** An article ready to store: the input plus its enrichment and dedupe keys. */
export interface NewArticle extends ArticleInput, DedupeKeys {
  storedAt: Date;
  summary: string[];
  entities: Entity[];
  readingMinutes: number;
}

export interface Duplicate {
  status: "duplicate";
  articleId: number;
  matchedOn: "url" | "content";
}

export type AddOutcome =
  | { status: "added"; articleId: number; storyId: number }
  /** A near-duplicate of a stored article: kept as another source of that article. */
  | { status: "copy"; articleId: number; storyId: number }
  | Duplicate;

/**
 * A full-text query: every group must match (AND); within a group any term may match (OR).
 * A term is a word or a phrase of plain words; the engine quotes it for its own query language,
 * so no user text ever reaches the database as syntax. Words match whatever their case and
 * diacritics (türkiye = Turkiye) and by their English (Porter) stem (elections = election), in the
 * title, the body and the names of the article's entities.
 */
export interface TextQuery {
  groups: string[][];
  /** "all" needs every group; "any" needs one (the fallback when "all" finds nothing). */
  match: "all" | "any";
}

/** Which text matches to return: every match whose news time is at or after `since` and before
 * `until` (either open when not given), in no particular order, except that matches less relevant
 * than `atLeast` may be left out (search asks for an older slice only what could still rank among its
 * answer; an engine may skip them without scoring them). */
export interface TextMatchScope {
  since?: Date;
  until?: Date;
  atLeast?: number;
  best?: BestMatches;
}

/** Search keeps only the `limit` best ranked matches: relevance halved every `halfLifeDays` of age at
 * `now` (./search.ts). An engine may leave out a slice's matches that rank below its `limit` best
 * by more than rounding (at least `limit` of the slice rank above them), and send back fewer rows. */
export interface BestMatches {
  limit: number;
  now: Date;
  halfLifeDays: number;
}

/** What bounds a query's matches, for searching the newest first (./search.ts). */
export interface TextMatchBounds {
  /** No match of the query, wherever it is stored, has a higher relevance than this. */
  maxRelevance: number;
  /** The oldest stored news time; undefined when nothing is stored. */
  oldestNewsAt: Date | undefined;
  /** Every match from the `first` news time asked on, when the engine read them in the same go (on a
   * database server, a round trip fewer); otherwise search asks textMatches for them. */
  firstMatches?: TextMatch[];
  /** The relevance few matches exceed, when the engine finds those apart from the rest, far faster
   * (Postgres: the words in the title or entity names, not only in the body): search then asks for
   * the older part of a slice, where only a match more relevant than this could still rank, on its
   * own. A hint: textMatches answers the same whatever it is. */
  fewAbove?: number;
}

/** A full-text match before ranking: the core weighs relevance by recency (./search.ts). */
export interface TextMatch {
  articleId: number;
  /** Positive, higher is better; comparable only within one answer of one engine. The title weighs
   * most, then entity names, then the body. */
  relevance: number;
  newsAt: Date;
}

export interface KnownTopic {
  name: string;
  kind: EntityKind;
  articles: number;
}

/** Reading articles: search, stories, briefings and topic suggestions. */
export interface ArticleStore {
  /** For each key, the stored article (or copy's article) it duplicates, if any: the canonical URL
   * is compared first, then the content. */
  findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>>;
  /** The text matches in a scope of news time (TextMatchScope). A match's relevance is the same
   * whichever scope found it. */
  textMatches(query: TextQuery, scope: TextMatchScope): Promise<TextMatch[]>;
  /** What bounds the query's matches: their highest possible relevance, and the oldest news time; the
   * engine may add the matches from `first` on (TextMatchBounds.firstMatches). */
  textMatchBounds(query: TextQuery, first?: Date): Promise<TextMatchBounds>;
  /** The articles with these ids, in the order asked; ids not stored are left out. */
  byIds(ids: number[]): Promise<Article[]>;
  /** Of the given articles, those matching the query (a digest's topic filter). */
  matching(query: TextQuery, articleIds: number[]): Promise<Set<number>>;
  /** The articles of each story, newest first, at most `perStory` each, by story id in the order
   * asked. A story folded into another (stories.folded_into) is read as the story that has its
   * articles, under that story's id: a link or a button naming the folded id still finds them. */
  ofStories(storyIds: number[], perStory: number): Promise<Map<number, Article[]>>;
  /** How widely each story is covered, counted over all its articles and copies; a folded story's id
   * reads the story it was folded into, under that story's id (as ofStories). */
  coverage(storyIds: number[]): Promise<Map<number, Coverage>>;
  /** Articles whose news time is in [since, until), newest first. */
  between(since: Date, until: Date): Promise<Article[]>;
  /** The entities stored articles mention, most frequent first. */
  knownTopics(limit: number): Promise<KnownTopic[]>;
  count(): Promise<number>;
}

/** An article placed by story assignment, ready to write. */
export interface PlacedArticle extends NewArticle {
  /** Its id, counted up from ArticleWriter.nextIds (story assignment refers to it before it is written). */
  id: number;
  /** Its story: one stored already, or one of the batch's new stories. */
  storyId: number;
  /** When the news happened as far as newsbot knows (./ingest.ts decides). */
  newsAt: Date;
  /** Its near-duplicate signature (MinHash values), kept for the story index. */
  signature: readonly number[];
  /** The outlet it counts as in its story's coverage, if known. */
  outlet?: string;
}

/** A story an article of the batch starts, headed by that article's title. */
export interface NewStory {
  /** Counted up from ArticleWriter.nextIds. */
  id: number;
  headline: string;
  createdAt: Date;
  /** Its latest news time; the story index's save keeps it current. */
  updatedAt: Date;
}

/** A near-duplicate kept as another source of a stored article (or of one in the same batch). */
export interface PlacedCopy extends NewArticle {
  articleId: number;
  storyId: number;
  outlet?: string;
}

/** What one unit of work writes: stories first, then the articles in them, then the copies. */
export interface PlacedBatch {
  stories: NewStory[];
  articles: PlacedArticle[];
  copies: PlacedCopy[];
}

/** Writing articles: only inside a unit of work (./unit-of-work.ts), after story assignment. A batch
 * is written in a few statements, not a few per article: on a database server each is a round trip. */
export interface ArticleWriter {
  findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>>;
  /** The ids the unit's first new article and first new story take, the next ones counting up from
   * them: one past the highest stored. The unit holds the ingest lock, so nobody takes them meanwhile. */
  nextIds(): Promise<{ article: number; story: number }>;
  /** Stores the batch: its new stories, its articles in their stories, its copies beside their
   * articles; counts each article and copy in its story's coverage (one more report, and its outlet)
   * and each article's entities in the known topics. */
  store(batch: PlacedBatch): Promise<void>;
}

/** What a batch adds to a story's coverage. */
export interface CoverageChange {
  storyId: number;
  /** Articles and copies of the batch in the story. */
  reports: number;
  /** Their outlets, once each. */
  outlets: string[];
}

/** The coverage each story of the batch gains, by story id. */
export function coverageChanges(batch: PlacedBatch): CoverageChange[] {
  const byStory = new Map<number, { reports: number; outlets: Set<string> }>();
  for (const { storyId, outlet } of [...batch.articles, ...batch.copies]) {
    let change = byStory.get(storyId);
    if (!change) byStory.set(storyId, (change = { reports: 0, outlets: new Set() }));
    change.reports++;
    if (outlet) change.outlets.add(outlet);
  }
  return [...byStory].map(([storyId, { reports, outlets }]) => ({ storyId, reports, outlets: [...outlets] }));
}

/** How many of the batch's articles name each entity (an entity listed twice in one article counts
 * twice), for the known topics. */
export function topicCounts(articles: PlacedArticle[]): KnownTopic[] {
  const counts = new Map<string, KnownTopic>();
  for (const { name, kind } of articles.flatMap((article) => article.entities)) {
    const key = `${kind}\u0000${name}`;
    const topic = counts.get(key);
    if (topic) topic.articles++;
    else counts.set(key, { name, kind, articles: 1 });
  }
  return [...counts.values()];
}
