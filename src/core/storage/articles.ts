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
  /** The best `limit` text matches, most relevant first. */
  textMatches(query: TextQuery, limit: number): Promise<TextMatch[]>;
  /** The articles with these ids, in the order asked; ids not stored are left out. */
  byIds(ids: number[]): Promise<Article[]>;
  /** Of the given articles, those matching the query (a digest's topic filter). */
  matching(query: TextQuery, articleIds: number[]): Promise<Set<number>>;
  /** The articles of each story, newest first, at most `perStory` each. */
  ofStories(storyIds: number[], perStory: number): Promise<Map<number, Article[]>>;
  /** How widely each story is covered, counted over all its articles and copies. */
  coverage(storyIds: number[]): Promise<Map<number, Coverage>>;
  /** Articles whose news time is in [since, until), newest first. */
  between(since: Date, until: Date): Promise<Article[]>;
  /** The entities stored articles mention, most frequent first. */
  knownTopics(limit: number): Promise<KnownTopic[]>;
  count(): Promise<number>;
}

/** An article placed by story assignment, ready to write. */
export interface PlacedArticle extends NewArticle {
  /** The story it joins; undefined starts a new story headed by the article's title. */
  storyId?: number;
  /** When the news happened as far as newsbot knows (./ingest.ts decides). */
  newsAt: Date;
  /** Its near-duplicate signature (MinHash values), kept for the story index. */
  signature: readonly number[];
  /** The outlet it counts as in its story's coverage, if known. */
  outlet?: string;
}

/** A near-duplicate kept as another source of a stored article. */
export interface PlacedCopy extends NewArticle {
  articleId: number;
  storyId: number;
  outlet?: string;
}

/** Writing articles: only inside a unit of work (./unit-of-work.ts), after story assignment. */
export interface ArticleWriter {
  findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>>;
  /** Stores the article in its story (making the story when new), counts it in the story's
   * coverage (one more report, and its outlet) and its entities in the known topics. */
  add(article: PlacedArticle): Promise<{ articleId: number; storyId: number }>;
  /** Stores the copy beside its article and counts it in the story's coverage. */
  addCopy(copy: PlacedCopy): Promise<void>;
}
