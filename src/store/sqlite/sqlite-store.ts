// The embedded store: one SQLite file (better-sqlite3), WAL, FTS5. The default for one machine.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { Article, ArticleCopy, Entity, EntityKind } from "../../core/article.js";
import type { StoryClusterer } from "../../core/cluster/clusterer.js";
import type { ClusterConfig } from "../../core/cluster/config.js";
import { SqliteStoryIndex } from "./story-index.js";
import { signatureToBytes } from "../../core/cluster/state.js";
import { outletOf, type Coverage } from "../../core/stories.js";
import type { AddOutcome, DedupeKeys, Duplicate, KnownTopic, NewArticle, SearchOptions, Store, TextQuery } from "../store.js";
import { migrate } from "./migrations.js";
import { toFtsQuery } from "./fts-query.js";
import { SqliteSources } from "./sources.js";
import { SqliteDeliveries } from "./deliveries.js";
import { SqliteChannels } from "./channels.js";
import { SqliteThreads } from "./threads.js";
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../../core/sources/source.js";

const DAY_MS = 86_400_000;
/** Recency halves an article's relevance after this many days. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** bm25 weights of the indexed columns: title, body, entity names. */
const BM25_WEIGHTS = "10.0, 1.0, 4.0";
/** How many best text matches are re-ranked by recency per result wanted. */
const CANDIDATES_PER_RESULT = 5;

/**
 * mkdir -p, one level at a time from the nearest folder that exists. Node's own recursive mkdir
 * never returns where a folder exists but answers ENOENT for a child (/proc/nope): it makes the
 * parent again and retries, forever. Here that child's error is the answer.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let dir = folder; !fs.existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      // Made meanwhile by another newsbot starting beside this one.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

const ArticleRow = z.object({
  id: z.number(),
  story_id: z.number(),
  title: z.string(),
  body: z.string(),
  url: z.string().nullable(),
  canonical_url: z.string().nullable(),
  source: z.string().nullable(),
  image_caption: z.string().nullable(),
  published_at: z.number().nullable(),
  stored_at: z.number(),
  content_hash: z.string(),
  summary: z.string(),
  entities: z.string(),
  reading_minutes: z.number(),
});
type ArticleRow = z.infer<typeof ArticleRow>;

const Sentences = z.array(z.string());
const Entities = z.array(Entity);

const CopyRow = z.object({
  article_id: z.number(),
  title: z.string(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  published_at: z.number().nullable(),
  stored_at: z.number(),
});

function toCopy(row: z.infer<typeof CopyRow>): ArticleCopy {
  return {
    title: row.title,
    source: row.source ?? undefined,
    url: row.url ?? undefined,
    publishedAt: row.published_at === null ? undefined : new Date(row.published_at),
    storedAt: new Date(row.stored_at),
  };
}

function toArticle(row: ArticleRow, copies: ArticleCopy[] = []): Article {
  return {
    id: row.id,
    storyId: row.story_id,
    title: row.title,
    body: row.body,
    url: row.url ?? undefined,
    canonicalUrl: row.canonical_url ?? undefined,
    source: row.source ?? undefined,
    imageCaption: row.image_caption ?? undefined,
    publishedAt: row.published_at === null ? undefined : new Date(row.published_at),
    storedAt: new Date(row.stored_at),
    contentHash: row.content_hash,
    summary: Sentences.parse(JSON.parse(row.summary)),
    entities: Entities.parse(JSON.parse(row.entities)),
    readingMinutes: row.reading_minutes,
    copies,
  };
}

const ARTICLE_COLUMNS = `a.id, a.story_id, a.title, a.body, a.url, a.canonical_url, a.source, a.image_caption,
  a.published_at, a.stored_at, a.content_hash, a.summary, a.entities, a.reading_minutes`;

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly sources: SqliteSources;
  readonly deliveries: SqliteDeliveries;
  readonly channels: SqliteChannels;
  readonly threads: SqliteThreads;
  private readonly storyIndex: SqliteStoryIndex;
  private clusterer: StoryClusterer;
  /** PRAGMA data_version when the clusterer last matched the database: it changes when another
   * connection (another process) commits, never for this connection's own writes. */
  private clustererVersion: number;

  /** Opens (creating if needed) the database file; ":memory:" for a throwaway store. */
  constructor(file: string, options: { cluster?: Partial<ClusterConfig> } = {}) {
    if (file !== ":memory:") makeFolder(path.dirname(path.resolve(file)));
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    // SQLite's default page cache is 2 MB; a store of 100k articles wants its indexes in memory,
    // and reads through a memory map skip a copy per page.
    this.db.pragma("cache_size = -65536");
    if (file !== ":memory:") this.db.pragma("mmap_size = 268435456");
    migrate(this.db);
    this.sources = new SqliteSources(this.db);
    this.deliveries = new SqliteDeliveries(this.db);
    this.channels = new SqliteChannels(this.db);
    this.threads = new SqliteThreads(this.db);
    this.storyIndex = new SqliteStoryIndex(this.db, options.cluster ?? {});
    // Read first: a commit by another process while the clusterer loads makes the next batch reload it.
    this.clustererVersion = this.dataVersion();
    this.clusterer = this.storyIndex.load();
    this.statements = {
      byUrl: this.db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE canonical_url = ?"),
      byHash: this.db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE content_hash = ?"),
      copyByUrl: this.db.prepare<[string], { id: number }>("SELECT article_id AS id FROM article_copies WHERE canonical_url = ?"),
      copyByHash: this.db.prepare<[string], { id: number }>("SELECT article_id AS id FROM article_copies WHERE content_hash = ?"),
      insertCopy: this.db.prepare(`INSERT INTO article_copies (article_id, title, source, url, canonical_url, content_hash, published_at, stored_at)
        VALUES (@articleId, @title, @source, @url, @canonicalUrl, @contentHash, @publishedAt, @storedAt)`),
      copiesOf: this.db.prepare<[string]>(
        "SELECT article_id, title, source, url, published_at, stored_at FROM article_copies WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY stored_at, id",
      ),
      storyArticles: this.db.prepare<[number, number]>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? ORDER BY a.news_at DESC, a.id DESC LIMIT ?`,
      ),
      countReport: this.db.prepare<[number]>("UPDATE stories SET reports = reports + 1 WHERE id = ?"),
      addOutlet: this.db.prepare<[number, string]>("INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)"),
      coverage: this.db.prepare<[number], { reports: number; outlets: number }>(
        "SELECT s.reports, (SELECT count(*) FROM story_outlets o WHERE o.story_id = s.id) AS outlets FROM stories s WHERE s.id = ?",
      ),
      insertStory: this.db.prepare(
        "INSERT INTO stories (headline, created_at, updated_at) VALUES (?, ?, ?)",
      ),
      insertArticle: this.db.prepare(`INSERT INTO articles (story_id, title, body, url, canonical_url, source,
        image_caption, published_at, stored_at, news_at, content_hash, summary, entities, entity_names, reading_minutes, signature)
        VALUES (@storyId, @title, @body, @url, @canonicalUrl, @source, @imageCaption, @publishedAt, @storedAt,
        @newsAt, @contentHash, @summary, @entities, @entityNames, @readingMinutes, @signature)`),
      countTopic: this.db.prepare(`INSERT INTO topics (name, kind, articles) VALUES (?, ?, 1)
        ON CONFLICT (name, kind) DO UPDATE SET articles = articles + 1`),
      between: this.db.prepare(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.news_at >= ? AND a.news_at < ? ORDER BY a.news_at DESC, a.id DESC`,
      ),
      topics: this.db.prepare("SELECT name, kind, articles FROM topics ORDER BY articles DESC, name LIMIT ?"),
      count: this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles"),
      matching: this.db.prepare<[string, string]>(
        "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
      ),
      candidates: this.db.prepare<[string, number], { id: number; score: number; news_at: number }>(
        `SELECT m.id, m.score, a.news_at FROM (
           SELECT rowid AS id, bm25(articles_fts, ${BM25_WEIGHTS}) AS score
           FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score LIMIT ?
         ) m JOIN articles a ON a.id = m.id`,
      ),
      byIds: this.db.prepare<[string], { id: number }>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`,
      ),
    };
  }

  async addArticles(articles: NewArticle[]): Promise<AddOutcome[]> {
    try {
      // Immediate: the write lock is held from the start, so no other process writes between the
      // version check and the commit.
      return this.db.transaction(() => {
        // Another process (an `ingest` beside the running bot) stored articles since: start from what
        // the database holds, or this batch would miss its stories and write back stale counts.
        const version = this.dataVersion();
        if (version !== this.clustererVersion) {
          this.clusterer = this.storyIndex.load();
          this.clustererVersion = version;
        }
        const outcomes = articles.map((article) => this.addOne(article));
        this.storyIndex.save(this.clusterer.takeChanges());
        return outcomes;
      }).immediate();
    } catch (error) {
      // The transaction rolled back; the clusterer must forget what it learnt from it too.
      this.clusterer = this.storyIndex.load();
      throw error;
    }
  }

  private dataVersion(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  async findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>> {
    return keys.map((k) => this.duplicateOf(k));
  }

  private duplicateOf(keys: DedupeKeys): Duplicate | undefined {
    const s = this.statements;
    const sameUrl = keys.canonicalUrl ? (s.byUrl.get(keys.canonicalUrl) ?? s.copyByUrl.get(keys.canonicalUrl)) : undefined;
    if (sameUrl) return { status: "duplicate", articleId: sameUrl.id, matchedOn: "url" };
    const sameContent = s.byHash.get(keys.contentHash) ?? s.copyByHash.get(keys.contentHash);
    if (sameContent) return { status: "duplicate", articleId: sameContent.id, matchedOn: "content" };
    return undefined;
  }

  private addOne(article: NewArticle): AddOutcome {
    const duplicate = this.duplicateOf(article);
    if (duplicate) return duplicate;
    const s = this.statements;

    const storedAt = article.storedAt.getTime();
    const publishedAt = article.publishedAt?.getTime() ?? null;
    // A date after newsbot received the article is a feed's clock or zone error: use the arrival.
    const newsAt = publishedAt === null ? storedAt : Math.min(publishedAt, storedAt);

    const features = this.clusterer.features(article);
    const assignment = this.clusterer.assign(features, new Date(newsAt));
    if (assignment.kind === "near-duplicate") {
      s.insertCopy.run({
        articleId: assignment.articleId,
        title: article.title,
        source: article.source ?? null,
        url: article.url ?? null,
        canonicalUrl: article.canonicalUrl ?? null,
        contentHash: article.contentHash,
        publishedAt,
        storedAt,
      });
      this.countCoverage(assignment.storyId, article);
      return { status: "copy", articleId: assignment.articleId, storyId: assignment.storyId };
    }
    const storyId =
      assignment.kind === "join" ? assignment.storyId : Number(s.insertStory.run(article.title, storedAt, newsAt).lastInsertRowid);
    const articleId = Number(
      s.insertArticle.run({
        storyId,
        title: article.title,
        body: article.body,
        url: article.url ?? null,
        canonicalUrl: article.canonicalUrl ?? null,
        source: article.source ?? null,
        imageCaption: article.imageCaption ?? null,
        publishedAt,
        storedAt,
        newsAt,
        contentHash: article.contentHash,
        summary: JSON.stringify(article.summary),
        entities: JSON.stringify(article.entities),
        entityNames: article.entities.map((e) => e.name).join(" ; "),
        readingMinutes: article.readingMinutes,
        signature: signatureToBytes(features.signature),
      }).lastInsertRowid,
    );
    this.clusterer.record(articleId, storyId, features, new Date(newsAt));
    this.countCoverage(storyId, article);
    for (const entity of article.entities) s.countTopic.run(entity.name, entity.kind);
    return { status: "added", articleId, storyId };
  }

  /** One more report for the story, and its outlet if it is a new one there. */
  private countCoverage(storyId: number, report: { source?: string; url?: string }): void {
    this.statements.countReport.run(storyId);
    const outlet = outletOf(report);
    if (outlet) this.statements.addOutlet.run(storyId, outlet);
  }

  async storyCoverage(storyIds: number[]): Promise<Map<number, Coverage>> {
    return new Map(storyIds.flatMap((id) => {
      const row = this.statements.coverage.get(id);
      return row ? [[id, row] as const] : [];
    }));
  }

  async search(query: TextQuery, options: SearchOptions): Promise<Article[]> {
    const match = toFtsQuery(query);
    if (!match) return [];
    // Rank on ids, scores and times only; load whole rows just for the articles returned.
    const candidates = this.statements.candidates.all(match, Math.max(options.limit * CANDIDATES_PER_RESULT, 100));
    const now = options.now.getTime();
    const best = candidates
      .map(({ id, score, news_at }) => {
        const ageDays = Math.max(0, now - news_at) / DAY_MS;
        // bm25 is negative, lower is better: turn it into a positive relevance, then decay by age.
        return { id, news_at, rank: -score * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS) };
      })
      .sort((a, b) => b.rank - a.rank || b.news_at - a.news_at)
      .slice(0, options.limit);
    const rows = new Map(this.toArticles(this.statements.byIds.all(JSON.stringify(best.map((b) => b.id)))).map((a) => [a.id, a]));
    return best.flatMap(({ id }) => rows.get(id) ?? []);
  }

  /** Article rows with their near-duplicate copies, in one query for all of them. */
  private toArticles(raws: unknown[]): Article[] {
    const rows = raws.map((raw) => ArticleRow.parse(raw));
    const copies = new Map<number, ArticleCopy[]>();
    for (const raw of this.statements.copiesOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const copy = CopyRow.parse(raw);
      copies.set(copy.article_id, [...(copies.get(copy.article_id) ?? []), toCopy(copy)]);
    }
    return rows.map((row) => toArticle(row, copies.get(row.id)));
  }

  async storyArticles(storyIds: number[], perStory: number): Promise<Map<number, Article[]>> {
    // One indexed query per story: each reads only the rows it returns.
    const rows = storyIds.flatMap((id) => this.statements.storyArticles.all(id, perStory));
    const stories = new Map<number, Article[]>(storyIds.map((id) => [id, []]));
    for (const article of this.toArticles(rows)) stories.get(article.storyId)?.push(article);
    return stories;
  }

  async articlesBetween(since: Date, until: Date): Promise<Article[]> {
    return this.toArticles(this.statements.between.all(since.getTime(), until.getTime()));
  }

  async matchingArticles(query: TextQuery, articleIds: number[]): Promise<Set<number>> {
    const match = toFtsQuery(query);
    if (!match || articleIds.length === 0) return new Set();
    const rows = this.statements.matching.all(match, JSON.stringify(articleIds));
    return new Set(rows.map((row) => z.object({ id: z.number() }).parse(row).id));
  }

  async knownTopics(limit: number): Promise<KnownTopic[]> {
    const Row = z.object({ name: z.string(), kind: EntityKind, articles: z.number() });
    return this.statements.topics.all(limit).map((row) => Row.parse(row));
  }

  async countArticles(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }

  async addSource(definition: SourceDefinition, origin: SourceOrigin, now: Date) {
    return this.sources.add(definition, origin, now);
  }

  async listSources(): Promise<Source[]> {
    return this.sources.list();
  }

  async getSource(id: number): Promise<Source | undefined> {
    return this.sources.get(id);
  }

  async removeSource(id: number): Promise<boolean> {
    return this.sources.remove(id);
  }

  async updateSource(id: number, update: SourceUpdate): Promise<Source | undefined> {
    return this.sources.update(id, update);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
