// Articles rows and their copies as Articles, whichever engine read them.
//
// Read by hand, not through a zod schema: every command that shows stories reads dozens of these rows
// (a /story answer about 70, each with some 20 entities), and parsing them with zod was a tenth of the
// command's start-up (building its parsers at the first use, then walking every entity). The boundary
// that matters is where an article comes in: ingest validates it (ArticleInput), enrichment makes its
// summary and entities, and the store writes them into columns typed NOT NULL INTEGER / TEXT (JSON for
// the summary and entities). What comes back is checked for shape, column by column, cheaply, so a
// row this code does not understand (a schema it does not know, a hand-edited value) fails here with
// the column's name rather than later in a card.
import type { Article, ArticleCopy, Entity, EntityKind } from "../../core/article.js";
import type { Columns } from "./columns.js";

/** The columns an articles row is read with. */
export const ARTICLE_COLUMNS = `a.id, a.story_id, a.title, a.body, a.url, a.canonical_url, a.source, a.image_caption,
  a.published_at, a.stored_at, a.content_hash, a.summary, a.entities, a.reading_minutes`;

/** The columns an article_copies row is read with. */
export const COPY_COLUMNS = "article_id, title, source, url, published_at, stored_at";

/** An articles row's copies (COPY_COLUMNS but the article's id) as one JSON array, in the order they
 * were stored, read in the article's own statement (Postgres: a round trip fewer for every read of
 * articles). JSON writes the times as ISO 8601 text. */
export const COPIES_JSON = `(SELECT json_agg(json_build_object('title', c.title, 'source', c.source, 'url', c.url,
    'published_at', c.published_at, 'stored_at', c.stored_at) ORDER BY c.stored_at, c.id)
  FROM article_copies c WHERE c.article_id = a.id) AS copies`;

/** A row read back that does not hold what newsbot writes there. */
export class RowError extends Error {
  constructor(table: string, id: unknown, column: string) {
    super(`${table} row ${typeof id === "number" || typeof id === "string" ? id : "?"}: ${column} does not hold what newsbot stores there`);
    this.name = "RowError";
  }
}

type Row = Record<string, unknown>;

/** An articles row as read: its columns checked and converted, its copies not yet attached. */
export type ArticleRow = Omit<Article, "copies">;

const ENTITY_KINDS: ReadonlySet<string> = new Set<EntityKind>(["person", "place", "organisation"]);

function isEntity(value: unknown): value is Entity {
  if (value === null || typeof value !== "object") return false;
  const { kind, name, mentions, sure } = value as Row;
  return (
    typeof kind === "string" &&
    ENTITY_KINDS.has(kind) &&
    typeof name === "string" &&
    name.length > 0 &&
    typeof mentions === "number" &&
    Number.isInteger(mentions) &&
    mentions > 0 &&
    (sure === undefined || typeof sure === "boolean")
  );
}

/**
 * Reads articles rows (ARTICLE_COLUMNS) and article_copies rows (COPY_COLUMNS). Article rows are
 * read first, for the ids their copies are read by.
 */
export function articleReaders(columns: Columns) {
  const { time, json } = columns.read;

  const readArticle = (raw: unknown): ArticleRow => {
    const row = raw as Row;
    const fail = (column: string): never => {
      throw new RowError("articles", row?.id, column);
    };
    if (row === null || typeof row !== "object") fail("the row");
    const { id, story_id: storyId, title, body, url, canonical_url: canonicalUrl, source, image_caption: imageCaption } = row;
    const { content_hash: contentHash, reading_minutes: readingMinutes } = row;
    if (typeof id !== "number") fail("id");
    if (typeof storyId !== "number") fail("story_id");
    if (typeof title !== "string") fail("title");
    if (typeof body !== "string") fail("body");
    if (url !== null && typeof url !== "string") fail("url");
    if (canonicalUrl !== null && typeof canonicalUrl !== "string") fail("canonical_url");
    if (source !== null && typeof source !== "string") fail("source");
    if (imageCaption !== null && typeof imageCaption !== "string") fail("image_caption");
    const publishedAt = row.published_at === null ? undefined : (time(row.published_at) ?? fail("published_at"));
    const storedAt = time(row.stored_at) ?? fail("stored_at");
    if (typeof contentHash !== "string") fail("content_hash");
    const summary = json(row.summary);
    if (!Array.isArray(summary) || !summary.every((s) => typeof s === "string")) fail("summary");
    const entities = json(row.entities);
    if (!Array.isArray(entities) || !entities.every(isEntity)) fail("entities");
    if (typeof readingMinutes !== "number") fail("reading_minutes");
    return {
      id: id as number,
      storyId: storyId as number,
      title: title as string,
      body: body as string,
      url: (url as string | null) ?? undefined,
      canonicalUrl: (canonicalUrl as string | null) ?? undefined,
      source: (source as string | null) ?? undefined,
      imageCaption: (imageCaption as string | null) ?? undefined,
      publishedAt,
      storedAt,
      contentHash: contentHash as string,
      summary: summary as string[],
      entities: entities as Entity[],
      readingMinutes: readingMinutes as number,
    };
  };

  const readCopy = (raw: unknown): { articleId: number; copy: ArticleCopy } => {
    const row = raw as Row;
    if (row === null || typeof row !== "object") throw new RowError("article_copies", undefined, "the row");
    const { article_id: articleId } = row;
    if (typeof articleId !== "number") throw new RowError("article_copies", articleId, "article_id");
    return { articleId, copy: copyOf(row, articleId, time) };
  };

  return {
    parseArticle: readArticle,
    /** Article rows with the copy rows of them all (in the order they were stored), as Articles. */
    toArticles: (rows: ArticleRow[], copyRows: unknown[]): Article[] => {
      const copies = new Map<number, ArticleCopy[]>();
      for (const raw of copyRows) {
        const { articleId, copy } = readCopy(raw);
        const list = copies.get(articleId);
        if (list) list.push(copy);
        else copies.set(articleId, [copy]);
      }
      return rows.map((row) => ({ ...row, copies: copies.get(row.id) ?? [] }));
    },
    /** Articles rows read with their copies (ARTICLE_COLUMNS and COPIES_JSON) as Articles. */
    withCopies: (raw: unknown): Article => {
      const article = readArticle(raw);
      const copies = (raw as Row).copies;
      if (copies === null) return { ...article, copies: [] };
      if (!Array.isArray(copies)) throw new RowError("articles", article.id, "copies");
      return { ...article, copies: copies.map((copy: unknown) => copyOf(copy as Row, article.id, isoTime)) };
    },
  };
}

/** A time JSON wrote as ISO 8601 text. */
function isoTime(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** A copy's columns but its article's id. */
function copyOf(row: Row, articleId: number, time: (value: unknown) => Date | undefined): ArticleCopy {
  const fail = (column: string): never => {
    throw new RowError("article_copies", articleId, column);
  };
  if (row === null || typeof row !== "object") fail("the row");
  const { title, source, url } = row;
  if (typeof title !== "string") fail("title");
  if (source !== null && typeof source !== "string") fail("source");
  if (url !== null && typeof url !== "string") fail("url");
  const publishedAt = row.published_at === null ? undefined : (time(row.published_at) ?? fail("published_at"));
  const storedAt = time(row.stored_at) ?? fail("stored_at");
  return { title: title as string, source: (source as string | null) ?? undefined, url: (url as string | null) ?? undefined, publishedAt, storedAt };
}
