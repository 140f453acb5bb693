// The shapes the article-file readers hand to each other and to callers.
import type { ArticleInput } from "../article.js";
import type { IngestDefaults, Rejection } from "../validate-article.js";

export type { IngestDefaults, Rejection };

/** "feed": an RSS, RDF, Atom or JSON Feed file, parsed by core/feeds. */
export type ArticleFormat = "scraped" | "json" | "headline" | "feed";

export interface FileArticles {
  path: string;
  format: ArticleFormat;
  articles: ArticleInput[];
  rejected: Rejection[];
}

/** What one format parser returns; the caller adds the path and format. */
export interface ParsedArticles {
  articles: ArticleInput[];
  rejected: Rejection[];
}
