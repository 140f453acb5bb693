// The articles tables: articles, their near-duplicate copies, story coverage, topic counts, and the
// weighted tsvector that text matches come from.
import { z } from "zod";
import { EntityKind, type Article } from "../../core/article.js";
import { signatureToBytes } from "../../core/cluster/state.js";
import type { Coverage } from "../../core/stories.js";
import type {
  ArticleStore,
  ArticleWriter,
  DedupeKeys,
  Duplicate,
  KnownTopic,
  PlacedArticle,
  PlacedCopy,
  TextMatch,
  TextQuery,
} from "../../core/storage/index.js";
import { ARTICLE_COLUMNS, COPY_COLUMNS, articleReaders } from "../rows/article.js";
import { postgresColumns } from "../rows/columns.js";
import type { Queryable } from "./pool.js";
import { textCondition } from "./text-query.js";

const { parseArticle, toArticles } = articleReaders(postgresColumns);

const IdRow = z.object({ id: z.number() });
const MatchRow = z.object({ id: z.number(), relevance: z.number(), news_at: z.date() });
const CoverageRow = z.object({ id: z.number(), reports: z.number(), outlets: z.number() });
const TopicRow = z.object({ name: z.string(), kind: EntityKind, articles: z.number() });

export class PostgresArticles implements ArticleStore, ArticleWriter {
  constructor(private readonly db: Queryable) {}

  async findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>> {
    if (keys.length === 0) return [];
    // One query for the whole batch: for each key, the article of a stored article or copy with the
    // same canonical URL, else with the same content.
    const { rows } = await this.db.query(
      `SELECT k.n,
         coalesce((SELECT id FROM articles WHERE canonical_url = k.url), (SELECT article_id FROM article_copies WHERE canonical_url = k.url)) AS by_url,
         coalesce((SELECT id FROM articles WHERE content_hash = k.hash), (SELECT article_id FROM article_copies WHERE content_hash = k.hash)) AS by_content
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(url, hash, n) ORDER BY k.n`,
      [keys.map((k) => k.canonicalUrl ?? null), keys.map((k) => k.contentHash)],
    );
    const Row = z.object({ by_url: z.number().nullable(), by_content: z.number().nullable() });
    return rows.map((raw): Duplicate | undefined => {
      const row = Row.parse(raw);
      if (row.by_url !== null) return { status: "duplicate", articleId: row.by_url, matchedOn: "url" };
      if (row.by_content !== null) return { status: "duplicate", articleId: row.by_content, matchedOn: "content" };
      return undefined;
    });
  }

  async add(article: PlacedArticle): Promise<{ articleId: number; storyId: number }> {
    const storyId =
      article.storyId ??
      IdRow.parse(
        (await this.db.query("INSERT INTO stories (headline, created_at, updated_at) VALUES ($1, $2, $3) RETURNING id", [
          article.title,
          article.storedAt,
          article.newsAt,
        ])).rows[0],
      ).id;
    const inserted = await this.db.query(
      `INSERT INTO articles (story_id, title, body, url, canonical_url, source, image_caption, published_at, stored_at,
         news_at, content_hash, summary, entities, entity_names, reading_minutes, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        storyId,
        article.title,
        article.body,
        article.url ?? null,
        article.canonicalUrl ?? null,
        article.source ?? null,
        article.imageCaption ?? null,
        article.publishedAt ?? null,
        article.storedAt,
        article.newsAt,
        article.contentHash,
        JSON.stringify(article.summary),
        JSON.stringify(article.entities),
        article.entities.map((e) => e.name).join(" ; "),
        article.readingMinutes,
        Buffer.from(signatureToBytes(article.signature)),
      ],
    );
    await this.countCoverage(storyId, article.outlet);
    if (article.entities.length > 0) {
      // One statement for all the article's entities; an entity named twice counts twice, as it
      // would one by one.
      await this.db.query(
        `INSERT INTO topics (name, kind, articles)
         SELECT name, kind, count(*) FROM unnest($1::text[], $2::text[]) AS e(name, kind) GROUP BY name, kind
         ON CONFLICT (name, kind) DO UPDATE SET articles = topics.articles + excluded.articles`,
        [article.entities.map((e) => e.name), article.entities.map((e) => e.kind)],
      );
    }
    return { articleId: IdRow.parse(inserted.rows[0]).id, storyId };
  }

  async addCopy(copy: PlacedCopy): Promise<void> {
    await this.db.query(
      `INSERT INTO article_copies (article_id, title, source, url, canonical_url, content_hash, published_at, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        copy.articleId,
        copy.title,
        copy.source ?? null,
        copy.url ?? null,
        copy.canonicalUrl ?? null,
        copy.contentHash,
        copy.publishedAt ?? null,
        copy.storedAt,
      ],
    );
    await this.countCoverage(copy.storyId, copy.outlet);
  }

  /** One more report for the story, and its outlet if it is a new one there. */
  private async countCoverage(storyId: number, outlet: string | undefined): Promise<void> {
    await this.db.query(
      `WITH report AS (UPDATE stories SET reports = reports + 1 WHERE id = $1)
       INSERT INTO story_outlets (story_id, outlet) SELECT $1, $2::text WHERE $2::text IS NOT NULL ON CONFLICT DO NOTHING`,
      [storyId, outlet ?? null],
    );
  }

  async coverage(storyIds: number[]): Promise<Map<number, Coverage>> {
    const { rows } = await this.db.query(
      `SELECT s.id, s.reports, (SELECT count(*) FROM story_outlets o WHERE o.story_id = s.id) AS outlets
       FROM stories s WHERE s.id = ANY($1::bigint[])`,
      [storyIds],
    );
    const found = new Map(rows.map((raw) => CoverageRow.parse(raw)).map((row) => [row.id, { reports: row.reports, outlets: row.outlets }]));
    // In the order asked, as the caller lists its stories.
    return new Map(storyIds.flatMap((id) => (found.has(id) ? [[id, found.get(id)!] as const] : [])));
  }

  async textMatches(query: TextQuery, limit: number): Promise<TextMatch[]> {
    const text = textCondition(query, "a.search", 2);
    if (!text) return [];
    // ts_rank over the weighted vector: title A, entity names B, body D (see 002-search.sql).
    const { rows } = await this.db.query(
      `SELECT a.id, ts_rank(a.search, ${text.tsquery}) AS relevance, a.news_at FROM articles a
       WHERE ${text.condition} ORDER BY relevance DESC, a.id LIMIT $1`,
      [limit, ...text.values],
    );
    return rows.map((raw) => {
      const row = MatchRow.parse(raw);
      return { articleId: row.id, relevance: row.relevance, newsAt: row.news_at };
    });
  }

  async byIds(ids: number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = ANY($1::bigint[])`, [ids]);
    const articles = new Map((await this.toArticles(rows)).map((a) => [a.id, a]));
    return ids.flatMap((id) => articles.get(id) ?? []);
  }

  /** Article rows with their near-duplicate copies, in one query for all of them. */
  private async toArticles(raws: unknown[]): Promise<Article[]> {
    const rows = raws.map(parseArticle);
    if (rows.length === 0) return [];
    const copies = await this.db.query(`SELECT ${COPY_COLUMNS} FROM article_copies WHERE article_id = ANY($1::bigint[]) ORDER BY stored_at, id`, [
      rows.map((row) => row.id),
    ]);
    return toArticles(rows, copies.rows);
  }

  async ofStories(storyIds: number[], perStory: number): Promise<Map<number, Article[]>> {
    const stories = new Map<number, Article[]>(storyIds.map((id) => [id, []]));
    if (storyIds.length === 0) return stories;
    // Each story's latest articles through its index, in one query.
    const { rows } = await this.db.query(
      `SELECT ${ARTICLE_COLUMNS} FROM unnest($1::bigint[]) WITH ORDINALITY AS s(id, n)
       CROSS JOIN LATERAL (SELECT * FROM articles WHERE story_id = s.id ORDER BY news_at DESC, id DESC LIMIT $2) a
       ORDER BY s.n, a.news_at DESC, a.id DESC`,
      [storyIds, perStory],
    );
    for (const article of await this.toArticles(rows)) stories.get(article.storyId)?.push(article);
    return stories;
  }

  async between(since: Date, until: Date): Promise<Article[]> {
    const { rows } = await this.db.query(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.news_at >= $1 AND a.news_at < $2 ORDER BY a.news_at DESC, a.id DESC`,
      [since, until],
    );
    return this.toArticles(rows);
  }

  async matching(query: TextQuery, articleIds: number[]): Promise<Set<number>> {
    const text = textCondition(query, "a.search", 2);
    if (!text || articleIds.length === 0) return new Set();
    const { rows } = await this.db.query(`SELECT a.id FROM articles a WHERE a.id = ANY($1::bigint[]) AND ${text.condition}`, [articleIds, ...text.values]);
    return new Set(rows.map((raw) => IdRow.parse(raw).id));
  }

  async knownTopics(limit: number): Promise<KnownTopic[]> {
    // Ties in code point order, as SQLite sorts, whatever the database's collation.
    const { rows } = await this.db.query(`SELECT name, kind, articles FROM topics ORDER BY articles DESC, name COLLATE "C" LIMIT $1`, [limit]);
    return rows.map((raw) => TopicRow.parse(raw));
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query("SELECT count(*) AS n FROM articles");
    return z.object({ n: z.number() }).parse(rows[0]).n;
  }
}
