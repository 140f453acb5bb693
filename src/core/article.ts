// What an article is, at the two boundaries that matter: as it comes in (any format, before
// cleaning) and as the store keeps it (enriched with a summary and entities).
import { z } from "zod";

/** An HTTP(S) link; anything else (javascript:, data:, file:) is refused at the boundary. */
export const WebUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2048);

/** Longest image caption kept. */
export const MAX_CAPTION_CHARS = 2000;

/** One article as an ingest format produced it. */
export const ArticleInput = z.object({
  title: z.string().trim().min(1, "title is empty").max(1000),
  /** Empty for a headline-only item: aggregators and wires often carry just a title and a link. */
  body: z.string().trim().default(""),
  url: WebUrl.optional(),
  source: z.string().trim().min(1).max(200).optional(),
  publishedAt: z.coerce.date({ error: "publishedAt must be a date" }).optional(),
  imageCaption: z.string().trim().min(1).max(MAX_CAPTION_CHARS).optional(),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

export const EntityKind = z.enum(["person", "place", "organisation"]);
export type EntityKind = z.infer<typeof EntityKind>;

/** A named person, place or organisation, under its canonical name (Syrian -> Syria). */
export const Entity = z.object({
  kind: EntityKind,
  name: z.string().min(1),
  /** How often the article mentions it, under any of its names. */
  mentions: z.number().int().positive(),
  /** false when the tagger is unsure of the kind (precision first): cards leave it off, search and
   * clustering use it. Absent means sure (and on entities stored before the tagger said). */
  sure: z.boolean().optional(),
});
export type Entity = z.infer<typeof Entity>;

/** Another outlet's (or the same outlet's re-published) copy of an article: a near-duplicate, kept
 * as one more source of the article rather than as an article of its own. */
export const ArticleCopy = z.object({
  title: z.string(),
  source: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.date().optional(),
  storedAt: z.date(),
});
export type ArticleCopy = z.infer<typeof ArticleCopy>;

/** An article as stored: the input plus what enrichment found. */
export const Article = ArticleInput.extend({
  id: z.number().int().positive(),
  storyId: z.number().int().positive(),
  canonicalUrl: z.string().optional(),
  contentHash: z.string(),
  storedAt: z.date(),
  /** The summary sentences, in article order. */
  summary: z.array(z.string()),
  entities: z.array(Entity),
  /** 0 for a headline-only article: there is nothing to read beyond the headline. */
  readingMinutes: z.number().int().nonnegative(),
  /** Near-duplicates of this article from other sources, oldest first. */
  copies: z.array(ArticleCopy),
});
export type Article = z.infer<typeof Article>;
