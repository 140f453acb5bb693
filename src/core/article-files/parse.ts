// parseArticleFile: bytes and a file name in, articles and rejections out. Pure, and never throws.
import { looksLikeFeed, parseFeed } from "../feeds/parse.js";
import { cleanText } from "../clean-text.js";
import { decodeText } from "../charset/decode.js";
import { detectFormat, formatHint, looksLikeMarkup } from "./detect.js";
import { parseHeadline } from "./headline.js";
import { parseJsonArticles } from "./json.js";
import { MAX_ARTICLE_FILE_BYTES, tooLargeReason } from "./limits.js";
import { parseScraped } from "./scraped.js";
import type { FileArticles, IngestDefaults, ParsedArticles } from "./types.js";

export function parseArticleFile(bytes: Uint8Array, path: string, defaults: IngestDefaults = {}): FileArticles {
  const refuse = (reason: string): FileArticles => ({ path, format: formatHint(path), articles: [], rejected: [{ path, reason }] });
  try {
    if (bytes.length > MAX_ARTICLE_FILE_BYTES) return refuse(tooLargeReason(bytes.length));
    const decoded = decodeText(bytes);
    if (!decoded.ok) return refuse(decoded.reason);
    const cleaned = cleanText(decoded.text);
    if (cleaned === "") return refuse("File contains only whitespace.");
    if (looksLikeFeed(decoded.text)) return parseFeedFile(bytes, path, defaults);
    if (looksLikeMarkup(cleaned)) {
      return refuse("File looks like an XML or HTML document (a feed or web page), not an article file; save the articles as plain text or JSON.");
    }

    const lines = cleaned.split("\n");
    const format = detectFormat(decoded.text, lines, path);
    let parsed: ParsedArticles;
    if (format === "json") parsed = parseJsonArticles(decoded.text, path, defaults);
    else if (format === "scraped") parsed = parseScraped(lines, path, defaults);
    else parsed = parseHeadline(lines, path, defaults);

    if (parsed.articles.length === 0 && parsed.rejected.length === 0) {
      parsed.rejected.push({ path, reason: "File contains no articles." });
    }
    return { path, format, ...parsed };
  } catch (error) {
    // A bug here must cost one file, not the whole ingest run.
    const message = error instanceof Error ? error.message : String(error);
    return refuse(`File could not be parsed (${message}); please report this as a newsbot bug.`);
  }
}

/** An RSS, RDF, Atom or JSON Feed file: every item an article, sourced to defaults.source or the feed's title. */
function parseFeedFile(bytes: Uint8Array, path: string, defaults: IngestDefaults): FileArticles {
  const feed = parseFeed(bytes, { path, ...(defaults.source !== undefined && { source: defaults.source }) });
  if (!feed.ok) return { path, format: "feed", articles: [], rejected: [{ path, reason: feed.reason }] };
  const rejected = [...feed.rejected];
  if (feed.items.length === 0 && rejected.length === 0) rejected.push({ path, reason: "Feed contains no items." });
  return { path, format: "feed", articles: feed.items.map((item) => item.article), rejected };
}
