// The articles tables: articles, their near-duplicate copies, story coverage, topic counts, and the
// FTS5 index that text matches come from.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { EntityKind, type Article } from "../../core/article.js";
import { signatureToBytes } from "../../core/cluster/signature-bytes.js";
import { coverageChanges, topicCounts } from "../../core/storage/articles.js";
import type { Coverage } from "../../core/stories.js";
import type {
  ArticleStore,
  ArticleWriter,
  DedupeKeys,
  Duplicate,
  KnownTopic,
  PlacedBatch,
  TextMatch,
  TextMatchBounds,
  TextMatchScope,
  TextQuery,
} from "../../core/storage/index.js";
import { ARTICLE_COLUMNS, COPY_COLUMNS, articleReaders } from "../rows/article.js";
import { sqliteColumns } from "../rows/columns.js";
import { ftsPhrases, toFtsQuery } from "./fts-query.js";

/** bm25 weights of the indexed columns: title, body, entity names. */
const BM25_WEIGHTS = "10.0, 1.0, 4.0";
/** FTS5's bm25 constant k1: a phrase found `f` (weighted) times in an article adds
 * idf * f * (k1 + 1) / (f + k1 * (1 - b + b * length / average length)) < idf * (k1 + 1). */
const BM25_K1 = 1.2;

const { parseArticle, toArticles } = articleReaders(sqliteColumns);

export class SqliteArticles implements ArticleStore, ArticleWriter {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      byUrl: db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE canonical_url = ?"),
      byHash: db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE content_hash = ?"),
      copyByUrl: db.prepare<[string], { id: number }>("SELECT article_id AS id FROM article_copies WHERE canonical_url = ?"),
      copyByHash: db.prepare<[string], { id: number }>("SELECT article_id AS id FROM article_copies WHERE content_hash = ?"),
      insertCopy: db.prepare(`INSERT INTO article_copies (article_id, title, source, url, canonical_url, content_hash, published_at, stored_at)
        VALUES (@articleId, @title, @source, @url, @canonicalUrl, @contentHash, @publishedAt, @storedAt)`),
      copiesOf: db.prepare<[string]>(
        `SELECT ${COPY_COLUMNS} FROM article_copies WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY stored_at, id`,
      ),
      storyArticles: db.prepare<[number, number]>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? ORDER BY a.news_at DESC, a.id DESC LIMIT ?`,
      ),
      countReports: db.prepare<[number, number]>("UPDATE stories SET reports = reports + ? WHERE id = ?"),
      addOutlet: db.prepare<[number, string]>("INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)"),
      // A folded story is read as the story it was folded into (stories.folded_into).
      coverage: db.prepare<[number], { id: number; reports: number; outlets: number }>(
        `SELECT s.id, s.reports, (SELECT count(*) FROM story_outlets o WHERE o.story_id = s.id) AS outlets
         FROM stories f JOIN stories s ON s.id = coalesce(f.folded_into, f.id) WHERE f.id = ?`,
      ),
      foldedInto: db.prepare<[number], { id: number }>("SELECT folded_into AS id FROM stories WHERE id = ? AND folded_into IS NOT NULL"),
      nextArticleId: db.prepare<[], { id: number }>("SELECT coalesce(max(id), 0) + 1 AS id FROM articles"),
      nextStoryId: db.prepare<[], { id: number }>("SELECT coalesce(max(id), 0) + 1 AS id FROM stories"),
      insertStory: db.prepare<[number, string, number, number]>("INSERT INTO stories (id, headline, created_at, updated_at) VALUES (?, ?, ?, ?)"),
      insertArticle: db.prepare(`INSERT INTO articles (id, story_id, title, body, url, canonical_url, source,
        image_caption, published_at, stored_at, news_at, content_hash, summary, entities, entity_names, reading_minutes, signature)
        VALUES (@id, @storyId, @title, @body, @url, @canonicalUrl, @source, @imageCaption, @publishedAt, @storedAt,
        @newsAt, @contentHash, @summary, @entities, @entityNames, @readingMinutes, @signature)`),
      countTopic: db.prepare<[string, string, number]>(`INSERT INTO topics (name, kind, articles) VALUES (?, ?, ?)
        ON CONFLICT (name, kind) DO UPDATE SET articles = articles + excluded.articles`),
      between: db.prepare(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.news_at >= ? AND a.news_at < ? ORDER BY a.news_at DESC, a.id DESC`,
      ),
      topics: db.prepare("SELECT name, kind, articles FROM topics ORDER BY articles DESC, name LIMIT ?"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles"),
      // `+rowid`: the ids only filter what MATCH finds. Handed to FTS5 as a constraint, they make it
      // look the query up once per id (40 ms for a day's 1,000 articles, instead of under 1 ms).
      matching: db.prepare<[string, string], { id: number }>(
        "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))",
      ),
      allMatches: db.prepare<[string], { id: number; score: number; news_at: number }>(
        `SELECT articles_fts.rowid AS id, bm25(articles_fts, ${BM25_WEIGHTS}) AS score, a.news_at
         FROM articles_fts JOIN articles a INDEXED BY articles_id_news_at ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?`,
      ),
      // Each match's news time from the narrow (id, news_at) index, not the article's row.
      // Every article from `since` on has an id from the first of them on (the news_at index finds it):
      // FTS5 seeks `rowid >= ?` in its index itself, and bm25 is computed only for the rows it returns
      // (its idf still counts the whole table). Ids mostly follow news time; an older article stored
      // later is read too, and left out by its time.
      firstIdSince: db.prepare<[number], { id: number | null }>("SELECT min(+id) AS id FROM articles WHERE news_at >= ?"),
      matchesSince: db.prepare<[string, number, number, number], { id: number; score: number; news_at: number }>(
        `SELECT articles_fts.rowid AS id, bm25(articles_fts, ${BM25_WEIGHTS}) AS score, a.news_at
         FROM articles_fts JOIN articles a INDEXED BY articles_id_news_at ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND a.news_at >= ? AND a.news_at < ?`,
      ),
      phraseArticles: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?"),
      // At least FTS5's row count (an article is a row, by its id); the oldest news time.
      extent: db.prepare<[], { rows: number | null; oldest: number | null }>(
        "SELECT (SELECT max(id) FROM articles) AS rows, (SELECT min(news_at) FROM articles) AS oldest",
      ),
      byIds: db.prepare<[string]>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`),
    };
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

  async nextIds(): Promise<{ article: number; story: number }> {
    const s = this.statements;
    return { article: s.nextArticleId.get()!.id, story: s.nextStoryId.get()!.id };
  }

  /** Row by row on prepared statements: in-process, in the unit's one transaction, a statement costs
   * microseconds. Coverage and topics are counted once per story and per topic of the batch. */
  async store(batch: PlacedBatch): Promise<void> {
    const s = this.statements;
    for (const story of batch.stories) s.insertStory.run(story.id, story.headline, story.createdAt.getTime(), story.updatedAt.getTime());
    for (const article of batch.articles) {
      s.insertArticle.run({
        id: article.id,
        storyId: article.storyId,
        title: article.title,
        body: article.body,
        url: article.url ?? null,
        canonicalUrl: article.canonicalUrl ?? null,
        source: article.source ?? null,
        imageCaption: article.imageCaption ?? null,
        publishedAt: article.publishedAt?.getTime() ?? null,
        storedAt: article.storedAt.getTime(),
        newsAt: article.newsAt.getTime(),
        contentHash: article.contentHash,
        summary: JSON.stringify(article.summary),
        entities: JSON.stringify(article.entities),
        entityNames: article.entities.map((e) => e.name).join(" ; "),
        readingMinutes: article.readingMinutes,
        signature: signatureToBytes(article.signature),
      });
    }
    for (const copy of batch.copies) {
      s.insertCopy.run({
        articleId: copy.articleId,
        title: copy.title,
        source: copy.source ?? null,
        url: copy.url ?? null,
        canonicalUrl: copy.canonicalUrl ?? null,
        contentHash: copy.contentHash,
        publishedAt: copy.publishedAt?.getTime() ?? null,
        storedAt: copy.storedAt.getTime(),
      });
    }
    for (const { storyId, reports, outlets } of coverageChanges(batch)) {
      s.countReports.run(reports, storyId);
      for (const outlet of outlets) s.addOutlet.run(storyId, outlet);
    }
    for (const topic of topicCounts(batch.articles)) s.countTopic.run(topic.name, topic.kind, topic.articles);
  }

  async coverage(storyIds: number[]): Promise<Map<number, Coverage>> {
    const coverage = new Map<number, Coverage>();
    for (const asked of storyIds) {
      const row = this.statements.coverage.get(asked);
      if (row && !coverage.has(row.id)) coverage.set(row.id, { reports: row.reports, outlets: row.outlets });
    }
    return coverage;
  }

  async textMatches(query: TextQuery, scope: TextMatchScope): Promise<TextMatch[]> {
    const s = this.statements;
    const match = toFtsQuery(query);
    if (!match) return [];
    let rows;
    if (!scope.since && !scope.until) rows = s.allMatches.all(match);
    else {
      const since = scope.since?.getTime() ?? -Number.MAX_VALUE;
      const first = s.firstIdSince.get(since)?.id;
      rows = first == null ? [] : s.matchesSince.all(match, first, since, scope.until?.getTime() ?? Number.MAX_VALUE);
    }
    // bm25 is negative, lower is better: the relevance is its opposite.
    return rows.map(({ id, score, news_at }) => ({ articleId: id, relevance: -score, newsAt: new Date(news_at) }));
  }

  /** bm25's highest possible score: (k1 + 1) times the sum of its phrases' idf, each counted as FTS5
   * does, log((N - n + 0.5) / (n + 0.5)) or 1e-6 when not positive, n being the articles the phrase
   * is in; N here is at least FTS5's row count, which only raises the bound. A phrase in no article
   * adds nothing to any score (a country's rarer names often are). */
  async textMatchBounds(query: TextQuery): Promise<TextMatchBounds> {
    const s = this.statements;
    const { rows, oldest } = s.extent.get()!;
    const idf = ftsPhrases(query).map((phrase) => {
      const n = s.phraseArticles.get(phrase)!.n;
      if (n === 0) return 0;
      const value = Math.log(((rows ?? 0) - n + 0.5) / (n + 0.5));
      return value > 0 ? value : 1e-6;
    });
    return { maxRelevance: (BM25_K1 + 1) * idf.reduce((sum, x) => sum + x, 0), oldestNewsAt: oldest === null ? undefined : new Date(oldest) };
  }

  async byIds(ids: number[]): Promise<Article[]> {
    const rows = new Map(this.toArticles(this.statements.byIds.all(JSON.stringify(ids))).map((a) => [a.id, a]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  /** Article rows with their near-duplicate copies, in one query for all of them. */
  private toArticles(raws: unknown[]): Article[] {
    const rows = raws.map(parseArticle);
    return toArticles(rows, this.statements.copiesOf.all(JSON.stringify(rows.map((row) => row.id))));
  }

  async ofStories(storyIds: number[], perStory: number): Promise<Map<number, Article[]>> {
    const s = this.statements;
    // A folded story as the story it was folded into, once; then one indexed query per story: each
    // reads only the rows it returns.
    const stories = new Map<number, Article[]>(storyIds.map((id) => [s.foldedInto.get(id)?.id ?? id, []]));
    const rows = [...stories.keys()].flatMap((id) => s.storyArticles.all(id, perStory));
    for (const article of this.toArticles(rows)) stories.get(article.storyId)?.push(article);
    return stories;
  }

  async between(since: Date, until: Date): Promise<Article[]> {
    return this.toArticles(this.statements.between.all(since.getTime(), until.getTime()));
  }

  async matching(query: TextQuery, articleIds: number[]): Promise<Set<number>> {
    const match = toFtsQuery(query);
    if (!match || articleIds.length === 0) return new Set();
    return new Set(this.statements.matching.all(match, JSON.stringify(articleIds)).map((row) => row.id));
  }

  async knownTopics(limit: number): Promise<KnownTopic[]> {
    const Row = z.object({ name: z.string(), kind: EntityKind, articles: z.number() });
    return this.statements.topics.all(limit).map((row) => Row.parse(row));
  }

  async count(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }
}
