// parseFeed: the bytes of an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document in, validated
// articles out (with a teaser flag for items that carry only a summary). Hostile or broken input is
// refused with one sentence a user can act on; it never throws.
import { DetectError, detectJsonFeed, MalformedError, parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed, ParseError } from "feedsmith";
import { ArticleInput } from "../article.js";
import { withoutBoilerplate } from "../boilerplate.js";
import { cleanLine } from "../clean-text.js";
import { validateArticle, type Rejection } from "../validate-article.js";
import { clipAtWord, countWords } from "../text.js";
import { decodeFeed } from "./charset.js";
import { fromAtom, fromJson, fromRdf, fromRss, webUrl, type Entry, type FeedFields } from "./entries.js";
import { firstDate, newestJsonItems, newestXmlItems, pickNewest, rankingTime, type NewestItems } from "./newest.js";
import { isFeedRoot, rootIsClosed, sniffDocument } from "./sniff.js";
import { deriveTitle, endsLikeTeaser, TEASER_MAX_WORDS, toPlainLine, toPlainText } from "./text.js";

export { looksLikeFeed } from "./sniff.js";
export { TEASER_MAX_WORDS };

/** Feeds larger than this are refused before parsing; real news feeds are a few hundred KB. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

/** Longest source name ArticleInput accepts. */
const MAX_SOURCE_CHARS = 200;
/** Words counted at most when comparing an item's content with its summary. */
const WORD_COUNT_CAP = 5000;

export interface FeedItem {
  article: ArticleInput;
  /** The feed carries only a summary of the article (the poller may fetch the page for the rest). */
  teaser: boolean;
  /** The item's own identifier: RSS guid, Atom id, JSON Feed id, RDF rdf:about. */
  guid?: string;
}

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export type ParsedFeed =
  | {
      ok: true;
      format: FeedFormat;
      title?: string;
      siteUrl?: string;
      ttlMinutes?: number;
      items: FeedItem[];
      rejected: Rejection[];
      /** Older items beyond `maxItems`, not read. */
      leftOut: number;
    }
  | { ok: false; reason: string };

export interface ParseFeedOptions {
  /** Where the feed was fetched from: the base for relative links. */
  url?: string;
  /** The HTTP Content-Type, which may name the charset. */
  contentType?: string;
  /** Source name for every item (default: the feed's title, else its site's host name). */
  source?: string;
  /** What rejections name before `#item N` (default: `url`, else "feed"); ingest passes the file path. */
  path?: string;
  /** Reads only the newest this many items; the rest are counted as left out (default: all). */
  maxItems?: number;
}

export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  try {
    return parse(bytes, options);
  } catch (error) {
    // A bug here must cost one feed, not the poller.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Feed could not be parsed (${message}); please report this as a newsbot bug.` };
  }
}

function parse(bytes: Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const refuse = (reason: string): ParsedFeed => ({ ok: false, reason });
  if (bytes.length === 0) return refuse("Feed is empty (0 bytes).");
  if (bytes.length > MAX_FEED_BYTES) {
    return refuse(
      `Feed is larger than ${MAX_FEED_BYTES / (1024 * 1024)} MB (${bytes.length.toLocaleString("en-US")} bytes); follow a smaller feed (one section or category) instead.`,
    );
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return refuse("Feed is gzip-compressed data, not text; decompress it first (a server that sends this should say so in Content-Encoding).");
  }

  const decoded = decodeFeed(bytes, options.contentType);
  if (!decoded.ok) return refuse(decoded.reason.replace(/^File /, "Feed "));
  const text = decoded.text.replace(/^\uFEFF/, "");
  if (text.trim() === "") return refuse("Feed contains only white space.");
  const feedUrl = webUrl(options.url);

  const sniffed = sniffDocument(text);
  const max = options.maxItems;
  let read: Read;
  if (sniffed.kind === "json") {
    const json = parseJson(text);
    if (!json.ok) return refuse(json.reason);
    const newest = max === undefined ? undefined : newestJsonItems(json.value, max);
    read = (newest && fits(readJson(newest.document, feedUrl), newest)) ?? readJson(json.value, feedUrl);
  } else if (sniffed.kind === "unclosed-prolog") {
    return refuse("Feed is malformed XML: a declaration, comment or DOCTYPE at its start is never closed.");
  } else if (sniffed.kind === "other") {
    const start = clipAtWord(cleanLine(text.slice(0, 200)), 60);
    return refuse(`Feed is neither XML nor JSON (it starts "${start}"); check that the address is the RSS or Atom feed itself.`);
  } else {
    if (sniffed.declaresEntities) {
      return refuse(
        'Feed declares XML entities in a DOCTYPE (<!ENTITY …>), which newsbot refuses because they can expand without bound (the "billion laughs" attack); the publisher has to remove them.',
      );
    }
    if (sniffed.htmlDoctype || sniffed.local === "html") {
      return refuse("This is an HTML web page, not a feed; use the site's RSS or Atom feed address instead (pages often link it as RSS, or it sits at /feed or /rss).");
    }
    if (!isFeedRoot(sniffed.local)) {
      const hint = sniffed.local === "opml" ? " (an OPML list of feeds: follow the feeds it lists instead)" : "";
      return refuse(`Feed is an XML document with root element <${sniffed.root}>, not an RSS, Atom or RDF feed${hint}.`);
    }
    if (!rootIsClosed(text, sniffed.root, sniffed.rootStart)) {
      return refuse(`Feed is truncated: it ends before its closing </${sniffed.root}> tag (the download was probably cut short); try again later.`);
    }
    // A feed with more items than a poll reads is cut down to its newest before feedsmith builds them all.
    const newest = max === undefined ? undefined : newestXmlItems(text, sniffed.local, max);
    read = (newest && fits(readXml(newest.document, sniffed.local, feedUrl), newest)) ?? readXml(text, sniffed.local, feedUrl);
  }
  if (!read.ok) return refuse(read.reason);
  return { ok: true, format: read.format, ...toFeed(read.fields, options, feedUrl, read.newest) };
}

type Read = { ok: true; format: FeedFormat; fields: FeedFields; newest?: NewestItems<unknown> } | { ok: false; reason: string };

/**
 * The cut-down feed's reading, when feedsmith found exactly the items kept; otherwise the whole
 * document decides (its error names the right line; a feed feedsmith reads differently is read as before).
 */
function fits(read: Read, newest: NewestItems<unknown>): Read | undefined {
  return read.ok && read.fields.entries.length === newest.numbers.length ? { ...read, newest } : undefined;
}

function readJson(value: object, feedUrl: string | undefined): Read {
  try {
    return { ok: true, format: "json", fields: fromJson(parseJsonFeed(value), feedUrl) };
  } catch (error) {
    if (error instanceof DetectError || error instanceof ParseError) {
      return { ok: false, reason: "Feed is JSON but not a readable JSON Feed (its items are not in the shape the JSON Feed spec gives)." };
    }
    throw error;
  }
}

function readXml(text: string, local: string, feedUrl: string | undefined): Read {
  const what = local === "rss" ? "RSS" : local === "feed" ? "Atom" : "RDF";
  try {
    if (local === "rss") return { ok: true, format: "rss", fields: fromRss(parseRssFeed(text), feedUrl) };
    if (local === "feed") return { ok: true, format: "atom", fields: fromAtom(parseAtomFeed(text), feedUrl) };
    return { ok: true, format: "rdf", fields: fromRdf(parseRdfFeed(text), feedUrl) };
  } catch (error) {
    if (error instanceof MalformedError) {
      const cause = error.cause instanceof Error ? error.cause.message : "the parser gave up";
      return { ok: false, reason: `Feed is malformed XML (${cause}); the publisher has to fix it.` };
    }
    if (error instanceof DetectError || error instanceof ParseError) {
      return { ok: false, reason: `Feed has an ${what} root element but none of the ${what} elements a feed needs (a channel, a title, items).` };
    }
    throw error;
  }
}

type JsonParsed = { ok: true; value: object } | { ok: false; reason: string };

function parseJson(text: string): JsonParsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Feed is not valid JSON (${message}); it may be truncated or not a feed at all.` };
  }
  if (!detectJsonFeed(value)) {
    return { ok: false, reason: 'Feed is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1", or no "title" and "items").' };
  }
  return { ok: true, value };
}

/** The feed-level fields and every item (or the newest), each validated as an ArticleInput. */
function toFeed(fields: FeedFields, options: ParseFeedOptions, feedUrl: string | undefined, newest?: NewestItems<unknown>) {
  const title = fields.title ? toPlainLine(fields.title) || undefined : undefined;
  const source = sourceName(options.source, title, fields.siteUrl ?? feedUrl);
  const label = options.path ?? options.url ?? "feed";
  const items: FeedItem[] = [];
  const rejected: Rejection[] = [];
  const { chosen, leftOut } = newest
    ? { chosen: fields.entries.map((entry, k): [Entry, number] => [entry, newest.numbers[k]!]), leftOut: newest.leftOut }
    : newestEntries(fields.entries, options.maxItems);
  chosen.forEach(([entry, i]) => {
    const where = `${label}#item ${i + 1}`;
    try {
      const made = toItem(entry, source, where);
      if ("item" in made) items.push(made.item);
      else rejected.push(made.rejection);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rejected.push({ path: where, reason: `Item could not be read (${message}).` });
    }
  });
  return {
    ...(title !== undefined && { title }),
    ...(fields.siteUrl !== undefined && { siteUrl: fields.siteUrl }),
    ...(fields.ttlMinutes !== undefined && { ttlMinutes: fields.ttlMinutes }),
    items,
    rejected,
    leftOut,
  };
}

/** The newest `max` entries (see pickNewest), each with its index, in feed order. */
function newestEntries(entries: Entry[], max: number | undefined): { chosen: Array<[Entry, number]>; leftOut: number } {
  if (max === undefined || entries.length <= max) return { chosen: entries.map((entry, i) => [entry, i]), leftOut: 0 };
  const chosen = pickNewest(entries.map((entry) => rankingTime(entry.dates)), max).map((i): [Entry, number] => [entries[i]!, i]);
  return { chosen, leftOut: entries.length - max };
}

function toItem(entry: Entry, source: string | undefined, where: string): { item: FeedItem } | { rejection: Rejection } {
  const content = entry.content ? toPlainText(entry.content) : undefined;
  const summary = entry.summary ? toPlainText(entry.summary) : undefined;
  const contentText = content?.text ?? "";
  const summaryText = summary?.text ?? "";
  const fullText = contentText || summaryText;
  const body = withoutBoilerplate(fullText);
  const imageCaption = contentText ? content?.caption : summary?.caption;
  const title = (entry.title ? toPlainLine(entry.title) : "") || (body ? deriveTitle(body) : "");
  if (title === "") return { rejection: { path: where, reason: "Item has no title and no text, so there is nothing to import." } };

  const summaryWords = countWords(summaryText, WORD_COUNT_CAP);
  // Content that says no more than the summary beside it (heise repeats its teaser) is no full text.
  const hasFullContent = contentText !== "" && countWords(contentText, summaryWords + 1) > summaryWords;
  const teaser = body === "" || endsLikeTeaser(fullText) || (!hasFullContent && countWords(body, TEASER_MAX_WORDS) < TEASER_MAX_WORDS);

  // A headline-only item (aggregators, wires) is stored with no body; with a link it is a teaser.
  const candidate: Record<string, unknown> = { title, body, url: entry.link, source, publishedAt: firstDate(entry.dates), imageCaption };
  const validated = validateArticle(candidate, where);
  if (!validated.ok) return { rejection: validated.rejection };
  return { item: { article: validated.article, teaser, ...(entry.guid !== undefined && { guid: entry.guid }) } };
}

function sourceName(given: string | undefined, title: string | undefined, siteUrl: string | undefined): string | undefined {
  const name = (given ? cleanLine(given) : "") || title || (siteUrl ? new URL(siteUrl).hostname.replace(/^www\./, "") : "");
  return name ? clipAtWord(name, MAX_SOURCE_CHARS) : undefined;
}
