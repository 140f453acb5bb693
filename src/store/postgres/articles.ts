// The articles tables: articles, their near-duplicate copies, story coverage, topic counts, and the
// weighted tsvector that text matches come from.
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
import { ARTICLE_COLUMNS, COPIES_JSON, articleReaders } from "../rows/article.js";
import { postgresColumns } from "../rows/columns.js";
import type { Queryable } from "./pool.js";
import { textCondition, type TextCondition } from "./text-query.js";

const { withCopies } = articleReaders(postgresColumns);

const IdRow = z.object({ id: z.number() });
const NextIds = z.object({ article: z.number(), story: z.number() });
const MatchRow = z.object({ id: z.number(), relevance: z.number(), news_at: z.date() });
/**
 * The highest relevance ts_rank can give with its default weights (A 1.0, B 0.4, C 0.2, D 0.1) and
 * no normalization, over this vector. Its fields follow one another (title A, then entity names B,
 * then body D: 002-search.sql), so each word's positions are ordered by field and their weights
 * never rise. For an AND or phrase query (calc_rank_and) each pair of query words found adds
 * 1 - (1 - rank) * (1 - w) with w < 1: at most 1. Otherwise (calc_rank_or) it is the mean over the
 * query's words of (wmax + sum_j(w_j / j^2) - wmax / jmax^2) / 1.64493406685, the j-th position of
 * the word weighing w_j and the first of the heaviest being the jmax-th: the first, since weights
 * never rise, so a word adds sum_j(w_j / j^2) / 1.64493406685 < w_1 * (pi^2 / 6) / 1.64493406685,
 * at most 1 (the constant is pi^2 / 6 rounded up); the mean is at most 1 too, and a query of several
 * words ranks at most 1 by its cap (text-query.ts, `relevance`). ts_rank adds in single precision: the
 * margin covers its rounding.
 */
const MAX_TS_RANK = 1 + 1e-4;
/** More than the ranks' rounding apart, in SQL and in search: ts_rank's single-precision value read back as
 * the shortest decimal that names it, and the recency's power. */
const RANK_ROUNDING = 1e-6;
/** Up to this long, a slice is read through the news time index (a few days hold about as many articles
 * as the text index finds in the whole store); a longer one through the text index with the news day
 * (011-search-by-day.sql). */
const NARROW_SLICE_MS = 4 * 86_400_000;

/**
 * The news time condition of a slice from $1 to $2. The planner counts reading a stored vector as
 * nothing, so on its own it would read a wide slice through the news time index and check every
 * article's vector in it (27 days: 24,000 vectors for 1,600 matches). Written on the UTC day and time,
 * only the index over the vector and the day can serve a wide slice: it finds the matches of the
 * slice's days, and the time is checked on each.
 */
function sliceCondition(since: Date | undefined, until: Date | undefined): string {
  const narrow = since !== undefined && (until?.getTime() ?? Date.now()) - since.getTime() <= NARROW_SLICE_MS;
  if (narrow) return "a.news_at >= $1::timestamptz AND a.news_at < coalesce($2::timestamptz, 'infinity')";
  // Everything before a time: the text index alone finds the matches (the time's range in the GIN
  // index reads an entry per article: 50 ms of 60 at 88k), the news time is checked on each.
  if (since === undefined) return "a.news_at < coalesce($2::timestamptz, 'infinity') AND $1::timestamptz IS NULL";
  const utc = (value: string) => `(${value} AT TIME ZONE 'UTC')`;
  const day = (value: string) => `date_trunc('day', ${utc(value)})`;
  const [start, end] = ["coalesce($1::timestamptz, '-infinity')", "coalesce($2::timestamptz, 'infinity')"];
  return `${day("a.news_at")} BETWEEN ${day(start)} AND ${day(end)} AND ${utc("a.news_at")} >= ${utc(start)} AND ${utc("a.news_at")} < ${utc(end)}`;
}

const CoverageRow = z.object({ asked: z.number(), id: z.number(), reports: z.number(), outlets: z.number() });
const BoundsRow = z.object({ oldest: z.date().nullable() });

/** The matches of `text` with their relevance: ts_rank over the weighted vector, title A, entity names
 * B, body D (see 002-search.sql). */
function matchesSelect(text: TextCondition): string {
  return `SELECT a.id, ${text.relevance} AS relevance, a.news_at FROM articles a WHERE ${text.condition}`;
}

function toMatch(raw: unknown): TextMatch {
  const row = MatchRow.parse(raw);
  return { articleId: row.id, relevance: row.relevance, newsAt: row.news_at };
}

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

  async nextIds(): Promise<{ article: number; story: number }> {
    const { rows } = await this.db.query(
      "SELECT (SELECT coalesce(max(id), 0) + 1 FROM articles) AS article, (SELECT coalesce(max(id), 0) + 1 FROM stories) AS story",
    );
    return NextIds.parse(rows[0]);
  }

  /** A statement per table for the whole batch, each row's values passed as arrays and unnested. */
  async store(batch: PlacedBatch): Promise<void> {
    const { stories, articles, copies } = batch;
    if (stories.length > 0) {
      // Ids are given, not drawn from the sequence: it is moved past them for whoever inserts without one.
      await this.db.query(
        `WITH added AS (
           INSERT INTO stories (id, headline, created_at, updated_at)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[]) RETURNING id
         ) SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT max(id) FROM added))`,
        [stories.map((s) => s.id), stories.map((s) => s.headline), stories.map((s) => s.createdAt), stories.map((s) => s.updatedAt)],
      );
    }
    if (articles.length > 0) {
      await this.db.query(
        `WITH added AS (
           INSERT INTO articles (id, story_id, title, body, url, canonical_url, source, image_caption, published_at, stored_at,
             news_at, content_hash, summary, entities, entity_names, reading_minutes, signature)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
             $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::json[], $14::json[], $15::text[],
             $16::integer[], $17::bytea[]) RETURNING id
         ) SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM added))`,
        [
          articles.map((a) => a.id),
          articles.map((a) => a.storyId),
          articles.map((a) => a.title),
          articles.map((a) => a.body),
          articles.map((a) => a.url ?? null),
          articles.map((a) => a.canonicalUrl ?? null),
          articles.map((a) => a.source ?? null),
          articles.map((a) => a.imageCaption ?? null),
          articles.map((a) => a.publishedAt ?? null),
          articles.map((a) => a.storedAt),
          articles.map((a) => a.newsAt),
          articles.map((a) => a.contentHash),
          articles.map((a) => JSON.stringify(a.summary)),
          articles.map((a) => JSON.stringify(a.entities)),
          articles.map((a) => a.entities.map((e) => e.name).join(" ; ")),
          articles.map((a) => a.readingMinutes),
          articles.map((a) => Buffer.from(signatureToBytes(a.signature))),
        ],
      );
    }
    if (copies.length > 0) {
      await this.db.query(
        `INSERT INTO article_copies (article_id, title, source, url, canonical_url, content_hash, published_at, stored_at)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])`,
        [
          copies.map((c) => c.articleId),
          copies.map((c) => c.title),
          copies.map((c) => c.source ?? null),
          copies.map((c) => c.url ?? null),
          copies.map((c) => c.canonicalUrl ?? null),
          copies.map((c) => c.contentHash),
          copies.map((c) => c.publishedAt ?? null),
          copies.map((c) => c.storedAt),
        ],
      );
    }
    const coverage = coverageChanges(batch);
    const outlets = coverage.flatMap(({ storyId, outlets }) => outlets.map((outlet) => [storyId, outlet] as const));
    await this.db.query(
      `WITH reports AS (
         UPDATE stories s SET reports = s.reports + c.reports FROM unnest($1::bigint[], $2::integer[]) AS c(id, reports) WHERE s.id = c.id
       ) INSERT INTO story_outlets (story_id, outlet) SELECT * FROM unnest($3::bigint[], $4::text[]) ON CONFLICT DO NOTHING`,
      [coverage.map((c) => c.storyId), coverage.map((c) => c.reports), outlets.map(([id]) => id), outlets.map(([, outlet]) => outlet)],
    );
    const topics = topicCounts(articles);
    if (topics.length > 0) {
      await this.db.query(
        `INSERT INTO topics (name, kind, articles) SELECT * FROM unnest($1::text[], $2::text[], $3::integer[])
         ON CONFLICT (name, kind) DO UPDATE SET articles = topics.articles + excluded.articles`,
        [topics.map((t) => t.name), topics.map((t) => t.kind), topics.map((t) => t.articles)],
      );
    }
  }

  async coverage(storyIds: number[]): Promise<Map<number, Coverage>> {
    // A folded story's id reads the story it was folded into.
    const { rows } = await this.db.query(
      `SELECT f.id AS asked, s.id, s.reports, (SELECT count(*) FROM story_outlets o WHERE o.story_id = s.id) AS outlets
       FROM stories f JOIN stories s ON s.id = coalesce(f.folded_into, f.id) WHERE f.id = ANY($1::bigint[])`,
      [storyIds],
    );
    const found = new Map(rows.map((raw) => CoverageRow.parse(raw)).map((row) => [row.asked, row]));
    // In the order asked, as the caller lists its stories.
    const coverage = new Map<number, Coverage>();
    for (const asked of storyIds) {
      const row = found.get(asked);
      if (row && !coverage.has(row.id)) coverage.set(row.id, { reports: row.reports, outlets: row.outlets });
    }
    return coverage;
  }

  async textMatches(query: TextQuery, scope: TextMatchScope): Promise<TextMatch[]> {
    // The slice's start, end and least relevance come first; the terms follow.
    const text = textCondition(query, "a.search", 4);
    if (!text) return [];
    // ts_rank over the weighted vector: title A, entity names B, body D (see 002-search.sql). Within
    // a slice of news time, only the slice's vectors are read and ranked, and only the matches at
    // least `atLeast` relevant are sent back (ranked once, in the subquery; a hair below it, since
    // ts_rank's single-precision value is read back as the shortest decimal that names it).
    const atLeast = `coalesce($3::float8, 0) * (1 - 1e-6)`;
    // When no match with the words only in the body is relevant enough, the slice is the matches with
    // a word in the title or the entity names: found through their own index (009-search-head.sql),
    // the news time checked on each, and only their vectors read and ranked.
    const head = text.head && scope.atLeast !== undefined && scope.atLeast * (1 - 1e-6) > text.head.bodyBound ? text.head : undefined;
    const slice = head
      ? `SELECT a.id, ${text.relevance} AS relevance, a.news_at FROM (SELECT a.id, a.news_at, a.search FROM articles a
           WHERE ${head.condition} AND a.news_at >= coalesce($1::timestamptz, '-infinity') AND a.news_at < coalesce($2::timestamptz, 'infinity') OFFSET 0) a
         WHERE ${text.condition}`
      : `${matchesSelect(text)} AND ${sliceCondition(scope.since, scope.until)}`;
    const values: unknown[] = [scope.since ?? null, scope.until ?? null, scope.atLeast ?? null, ...text.values];
    const matches = `SELECT * FROM (${slice} OFFSET 0) m WHERE m.relevance >= ${atLeast}`;
    if (!scope.best) return (await this.db.query(matches, values)).rows.map(toMatch);
    // Only the slice's best `limit` by rank come back (a whole store's matches of two common words are
    // thousands of rows), and those within rounding of the last: search ranks them again exactly.
    const [now, halfLife, limit] = [values.length + 1, values.length + 2, values.length + 3].map((n) => `$${n}`);
    const { rows } = await this.db.query(
      `WITH m AS MATERIALIZED (
         SELECT m.*, m.relevance * power(0.5, greatest(0, extract(epoch FROM ${now}::timestamptz - m.news_at)) / (${halfLife}::float8 * 86400)) AS rank
         FROM (${matches}) m)
       SELECT id, relevance, news_at FROM m
       WHERE rank >= coalesce((SELECT rank FROM m ORDER BY rank DESC OFFSET ${limit}::integer - 1 LIMIT 1), 0) * (1 - ${RANK_ROUNDING})`,
      [...values, scope.best.now, scope.best.halfLifeDays, scope.best.limit],
    );
    return rows.map(toMatch);
  }

  /**
   * The oldest news time, the highest relevance a match can have (MAX_TS_RANK) and, given `first`,
   * the matches from then on: one round trip. (A tighter bound for an OR query, the share of its words
   * some article has, was tried: finding which words no article has took 0.7 s at 30k articles.)
   */
  async textMatchBounds(query: TextQuery, first?: Date): Promise<TextMatchBounds> {
    // The slice's start and end are $1 and $2, the terms follow.
    const text = textCondition(query, "a.search", first ? 3 : 1);
    const bounds = "SELECT (SELECT min(news_at) FROM articles) AS oldest";
    const sliced = text !== undefined && first !== undefined;
    const { rows } = sliced
      ? await this.db.query(
          `SELECT b.*, m.* FROM (${bounds}) b LEFT JOIN LATERAL (${matchesSelect(text)} AND ${sliceCondition(first, undefined)}) m ON true`,
          [first, null, ...text.values],
        )
      : await this.db.query(bounds);
    const { oldest } = BoundsRow.parse(rows[0]);
    const firstMatches = sliced ? rows.filter((row: { id: unknown }) => row.id !== null).map(toMatch) : undefined;
    const fewAbove = text?.head?.bodyBound;
    return {
      maxRelevance: MAX_TS_RANK,
      oldestNewsAt: oldest ?? undefined,
      ...(firstMatches ? { firstMatches } : {}),
      ...(fewAbove !== undefined ? { fewAbove } : {}),
    };
  }

  async byIds(ids: number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    // Each article with its near-duplicate copies, in one query.
    const { rows } = await this.db.query(`SELECT ${ARTICLE_COLUMNS}, ${COPIES_JSON} FROM articles a WHERE a.id = ANY($1::bigint[])`, [ids]);
    const articles = new Map(rows.map(withCopies).map((a) => [a.id, a]));
    return ids.flatMap((id) => articles.get(id) ?? []);
  }

  async ofStories(storyIds: number[], perStory: number): Promise<Map<number, Article[]>> {
    const stories = new Map<number, Article[]>();
    if (storyIds.length === 0) return stories;
    // Each story asked (a folded one as the story it was folded into, once) with its latest articles
    // through its index and their copies, in one query; a story without articles as one empty row.
    const { rows } = await this.db.query(
      `SELECT s.id AS asked, ${ARTICLE_COLUMNS}, ${COPIES_JSON}
       FROM (SELECT coalesce(f.folded_into, q.id) AS id, min(q.n) AS n FROM unnest($1::bigint[]) WITH ORDINALITY AS q(id, n)
             LEFT JOIN stories f ON f.id = q.id GROUP BY 1) s
       LEFT JOIN LATERAL (SELECT * FROM articles WHERE story_id = s.id ORDER BY news_at DESC, id DESC LIMIT $2) a ON true
       ORDER BY s.n, a.news_at DESC, a.id DESC`,
      [storyIds, perStory],
    );
    for (const row of rows as Array<{ asked: number; id: number | null }>) {
      let articles = stories.get(row.asked);
      if (!articles) stories.set(row.asked, (articles = []));
      if (row.id !== null) articles.push(withCopies(row));
    }
    return stories;
  }

  async between(since: Date, until: Date): Promise<Article[]> {
    const { rows } = await this.db.query(
      `SELECT ${ARTICLE_COLUMNS}, ${COPIES_JSON} FROM articles a WHERE a.news_at >= $1 AND a.news_at < $2 ORDER BY a.news_at DESC, a.id DESC`,
      [since, until],
    );
    return rows.map(withCopies);
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
