// Which format a decoded file is in: decided by content, with the extension only breaking ties.
import { extname } from "node:path";
import { looksLikeJson } from "./json.js";
import { looksScraped } from "./scraped.js";
import type { ArticleFormat } from "./types.js";

const JSON_EXTENSIONS = new Set([".json", ".jsonl", ".ndjson"]);
const FEED_EXTENSIONS = new Set([".rss", ".atom", ".rdf", ".xml"]);
/** XML and HTML that is not a feed (web pages): nonsense read as headline text. Feeds are routed
 * to core/feeds before this is asked. */
const MARKUP_START = /^[\s\uFEFF]*<(\?xml|!doctype|html|rss|feed|rdf:RDF)\b/i;

/** The format a file name suggests, for files whose content could not be read. */
export function formatHint(path: string): ArticleFormat {
  const extension = extname(path).toLowerCase();
  if (JSON_EXTENSIONS.has(extension)) return "json";
  return FEED_EXTENSIONS.has(extension) ? "feed" : "headline";
}

export function looksLikeMarkup(text: string): boolean {
  return MARKUP_START.test(text);
}

/**
 * JSON when the content starts like JSON records, or starts with { or [ in a .json/.jsonl file (so a
 * broken JSON file is reported as broken JSON). Otherwise scraped text when it has the scraped
 * header block, else headline-first text.
 */
export function detectFormat(text: string, cleanLines: readonly string[], path: string): ArticleFormat {
  if (looksLikeJson(text)) return "json";
  if (formatHint(path) === "json" && /^[\s\uFEFF]*[[{]/.test(text)) return "json";
  return looksScraped(cleanLines) ? "scraped" : "headline";
}
