// Articles rows and their copies as Articles, whichever engine read them.
import { z } from "zod";
import { Entity, type Article, type ArticleCopy } from "../../core/article.js";
import type { Columns } from "./columns.js";

/** The columns an articles row is read with. */
export const ARTICLE_COLUMNS = `a.id, a.story_id, a.title, a.body, a.url, a.canonical_url, a.source, a.image_caption,
  a.published_at, a.stored_at, a.content_hash, a.summary, a.entities, a.reading_minutes`;

/** The columns an article_copies row is read with. */
export const COPY_COLUMNS = "article_id, title, source, url, published_at, stored_at";

/**
 * Reads articles rows (ARTICLE_COLUMNS) and article_copies rows (COPY_COLUMNS). Article rows are
 * parsed first, for the ids their copies are read by.
 */
export function articleReaders(columns: Columns) {
  const ArticleRow = z.object({
    id: z.number(),
    story_id: z.number(),
    title: z.string(),
    body: z.string(),
    url: z.string().nullable(),
    canonical_url: z.string().nullable(),
    source: z.string().nullable(),
    image_caption: z.string().nullable(),
    published_at: columns.time.nullable(),
    stored_at: columns.time,
    content_hash: z.string(),
    summary: columns.json(z.array(z.string())),
    entities: columns.json(z.array(Entity)),
    reading_minutes: z.number(),
  });
  const CopyRow = z.object({
    article_id: z.number(),
    title: z.string(),
    source: z.string().nullable(),
    url: z.string().nullable(),
    published_at: columns.time.nullable(),
    stored_at: columns.time,
  });

  const toCopy = (row: z.output<typeof CopyRow>): ArticleCopy => ({
    title: row.title,
    source: row.source ?? undefined,
    url: row.url ?? undefined,
    publishedAt: row.published_at ?? undefined,
    storedAt: row.stored_at,
  });
  const toArticle = (row: z.output<typeof ArticleRow>, copies: ArticleCopy[] = []): Article => ({
    id: row.id,
    storyId: row.story_id,
    title: row.title,
    body: row.body,
    url: row.url ?? undefined,
    canonicalUrl: row.canonical_url ?? undefined,
    source: row.source ?? undefined,
    imageCaption: row.image_caption ?? undefined,
    publishedAt: row.published_at ?? undefined,
    storedAt: row.stored_at,
    contentHash: row.content_hash,
    summary: row.summary,
    entities: row.entities,
    readingMinutes: row.reading_minutes,
    copies,
  });

  return {
    parseArticle: (raw: unknown) => ArticleRow.parse(raw),
    /** Parsed article rows with the copy rows of them all (in the order they were stored), as Articles. */
    toArticles: (rows: Array<z.output<typeof ArticleRow>>, copyRows: unknown[]): Article[] => {
      const copies = new Map<number, ArticleCopy[]>();
      for (const raw of copyRows) {
        const copy = CopyRow.parse(raw);
        copies.set(copy.article_id, [...(copies.get(copy.article_id) ?? []), toCopy(copy)]);
      }
      return rows.map((row) => toArticle(row, copies.get(row.id)));
    },
  };
}
