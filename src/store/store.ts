// The Store interface: everything the newsroom core asks of a database. Async from day one so a
// Postgres store can replace the embedded SQLite one without touching any caller.
import type { Article, ArticleInput, Entity, EntityKind } from "../core/article.js";
import type { Coverage } from "../core/stories.js";
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../core/sources/source.js";
import type { Delivery, DeliveryUpdate, NewDelivery } from "../core/delivery/delivery.js";
import type { ChannelRef, ChannelSettings } from "../core/delivery/channel.js";
import type { StoryThread } from "../core/discussion.js";

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
 * A term is a word or a phrase of plain words; the store quotes it for its own query language,
 * so no user text ever reaches the database as syntax.
 */
export interface TextQuery {
  groups: string[][];
  /** "all" needs every group; "any" needs one (the fallback when "all" finds nothing). */
  match: "all" | "any";
}

export interface SearchOptions {
  limit: number;
  /** The clock the recency boost is measured against. */
  now: Date;
}

export interface KnownTopic {
  name: string;
  kind: EntityKind;
  articles: number;
}

export interface Store {
  /** For each key, the stored article it duplicates, if any: lets ingest skip work on known articles. */
  findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>>;
  /** Stores new articles in one transaction, skipping exact duplicates (same canonical URL or content). */
  addArticles(articles: NewArticle[]): Promise<AddOutcome[]>;
  /** Articles matching the query, best first: text relevance weighted by recency. */
  search(query: TextQuery, options: SearchOptions): Promise<Article[]>;
  /** The articles of each story, newest first, at most `perStory` each. */
  storyArticles(storyIds: number[], perStory: number): Promise<Map<number, Article[]>>;
  /** How widely each story is covered, counted over all its articles (not just those read). */
  storyCoverage(storyIds: number[]): Promise<Map<number, Coverage>>;
  /** Articles whose news time (published, or stored when undated) is in [since, until). */
  articlesBetween(since: Date, until: Date): Promise<Article[]>;
  /** The entities stored articles mention, most frequent first. */
  knownTopics(limit: number): Promise<KnownTopic[]>;
  countArticles(): Promise<number>;

  /** Follows a feed; an already-followed URL is returned as it is, with `added: false`. */
  addSource(definition: SourceDefinition, origin: SourceOrigin, now: Date): Promise<{ source: Source; added: boolean }>;
  /** Every followed feed, oldest first. */
  listSources(): Promise<Source[]>;
  getSource(id: number): Promise<Source | undefined>;
  /** Stops following a feed (its stored articles stay); false when there was no such source. */
  removeSource(id: number): Promise<boolean>;
  updateSource(id: number, update: SourceUpdate): Promise<Source | undefined>;

  /** Of the given articles, those matching the query (a digest's topic filter). */
  matchingArticles(query: TextQuery, articleIds: number[]): Promise<Set<number>>;

  /** The outbox: every briefing owed, sent or given up on. */
  readonly deliveries: DeliveryLog;
  /** Channels' own /news setup. */
  readonly channels: ChannelStore;
  /** Stories' discussion threads in chat channels. */
  readonly threads: ThreadStore;

  close(): Promise<void>;
}

/** Where a digest is in its schedule. */
export interface DigestState {
  /** When newsbot first ran this digest: slots before it were never promised. */
  firstSeenAt: Date;
  /** The latest slot handled (recorded, sent or skipped). */
  lastSlot?: Date;
}

export interface DeliveryLog {
  /**
   * Records a slot's deliveries (one per target) and moves the digest's last slot on, in one
   * transaction. A delivery already recorded for the same digest, slot and target is kept as it is:
   * the result is what is recorded for the slot, new or old.
   */
  record(digest: string, slot: Date, deliveries: NewDelivery[], now: Date): Promise<Delivery[]>;
  update(id: number, update: DeliveryUpdate): Promise<void>;
  /** Deliveries recorded but not yet sent nor given up on, oldest slot first. */
  unfinished(): Promise<Delivery[]>;
  /** What is recorded for one slot of a digest. */
  forSlot(digest: string, slot: Date): Promise<Delivery[]>;
  /** The stories sent (or being sent) to a target by deliveries of slots before `before`, with the
   * most reports each had then, and the slot of the latest such delivery. */
  sentStories(targetKey: string, before: Date): Promise<Map<number, { reports: number; slot: Date }>>;
  /** The digest's state, first recording it as seen now. */
  digestState(digest: string, now: Date): Promise<DigestState>;
}

export interface ChannelStore {
  get(ref: ChannelRef): Promise<ChannelSettings | undefined>;
  save(settings: ChannelSettings): Promise<void>;
  list(): Promise<ChannelSettings[]>;
}

export interface ThreadStore {
  /** The threads of these stories in one channel. */
  forStories(ref: ChannelRef, storyIds: number[]): Promise<Map<number, StoryThread>>;
  /** Records a story's thread in a channel, replacing the one before (a deleted thread's story is posted anew). */
  save(thread: StoryThread): Promise<void>;
}
