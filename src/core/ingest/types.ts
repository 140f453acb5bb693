// The shapes the ingest modules hand to each other and to callers.
import type { ArticleInput } from "../article.js";

/** Something that could not become an article; `reason` is one sentence a user can act on. */
export interface Rejection {
  path: string;
  reason: string;
}

/** "feed": an RSS, RDF, Atom or JSON Feed file, parsed by core/feeds. */
export type ArticleFormat = "scraped" | "json" | "headline" | "feed";

export interface FileArticles {
  path: string;
  format: ArticleFormat;
  articles: ArticleInput[];
  rejected: Rejection[];
}

/** Values for fields a format may not carry (plain text has no source). */
export interface IngestDefaults {
  source?: string;
}

/** What one format parser returns; the caller adds the path and format. */
export interface ParsedArticles {
  articles: ArticleInput[];
  rejected: Rejection[];
}
