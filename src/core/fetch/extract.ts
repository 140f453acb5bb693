// The full text of an article page: decode the HTML (declared charset, else sniffing), let Mozilla
// Readability find the article on a linkedom document, and turn its HTML into clean plain text.
import { Readability } from "@mozilla/readability";
import { compile } from "html-to-text";
import iconv from "iconv-lite";
import { parseHTML } from "linkedom";
import { cleanLine, cleanText } from "../ingest/clean.js";
import { decodeText } from "../ingest/decode.js";

export interface ExtractedPage {
  title?: string;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  byline?: string;
  publishedAt?: Date;
  siteName?: string;
}

/** Fewer words than this is a teaser, a paywall or an index page, not an article. */
export const MIN_ARTICLE_WORDS = 50;
/** Longer pages are cut to this many bytes before parsing (the article is nearly always near the top). */
export const MAX_HTML_BYTES = 2 * 1024 * 1024;
/** How far into the page to look for <meta charset>: generous, as script-heavy heads are long. */
const PRESCAN_BYTES = 8 * 1024;

const toPlainText = compile({
  wordwrap: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "picture", format: "skip" },
    { selector: "svg", format: "skip" },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

/** The article on a page, or undefined when the page holds no article-length text. */
export function extractArticle(bytes: Uint8Array, url: string, contentType?: string): ExtractedPage | undefined {
  const html = decodeHtml(bytes.subarray(0, MAX_HTML_BYTES), contentType);
  if (html === undefined) return undefined;

  const { document } = parseHTML(html);
  setDocumentUrl(document, url);
  const publishedMeta = document
    .querySelector('meta[property="article:published_time"], meta[name="article:published_time"]')
    ?.getAttribute("content");

  let article: ReturnType<Readability["parse"]>;
  try {
    // linkedom's document is DOM-shaped enough for Readability (it is a documented pairing).
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  } catch {
    return undefined;
  }
  if (!article?.content) return undefined;

  const text = cleanText(toPlainText(article.content));
  if (countWords(text) < MIN_ARTICLE_WORDS) return undefined;

  const page: ExtractedPage = { text };
  const title = article.title ? cleanLine(article.title) : "";
  if (title) page.title = title;
  const byline = article.byline ? cleanLine(article.byline) : "";
  if (byline) page.byline = byline;
  const siteName = article.siteName ? cleanLine(article.siteName) : "";
  if (siteName) page.siteName = siteName;
  const publishedAt = parseDate(publishedMeta) ?? parseDate(article.publishedTime);
  if (publishedAt) page.publishedAt = publishedAt;
  return page;
}

/** Bytes -> HTML text: a BOM wins, then the Content-Type charset, then <meta>, then sniffing. */
export function decodeHtml(bytes: Uint8Array, contentType?: string): string | undefined {
  if (bytes.length === 0) return undefined;
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const charset = hasBom ? undefined : (headerCharset(contentType) ?? metaCharset(bytes));

  if (charset === "utf-8") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Declared UTF-8 but is not (cut mid-character, or stray legacy bytes): let sniffing repair it.
    }
  } else if (charset) {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  }
  const decoded = decodeText(bytes);
  return decoded.ok ? decoded.text : undefined;
}

function headerCharset(contentType?: string): string | undefined {
  const match = contentType && /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match ? normaliseCharset(match[1] ?? "", false) : undefined;
}

/** <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString("latin1");
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return normaliseCharset(direct[1] ?? "", true);
  }
  return undefined;
}

/** WHATWG label rules that matter in practice: Latin-1 and ASCII mean windows-1252, and a <meta>
 * cannot declare UTF-16 (the bytes it was read from were ASCII-compatible). */
function normaliseCharset(label: string, fromMeta: boolean): string | undefined {
  const name = label.trim().toLowerCase();
  if (name === "utf-8" || name === "utf8" || name === "unicode-1-1-utf-8") return "utf-8";
  if (/^(?:iso[-_]?8859-1|latin-?1|l1|us-ascii|ascii|iso-ir-100|cp819|x-user-defined)$/.test(name)) return "windows-1252";
  if (/^utf-?16/.test(name)) return fromMeta ? "utf-8" : iconv.encodingExists(name) ? name : undefined;
  return iconv.encodingExists(name) ? name : undefined;
}

/** linkedom leaves documentURI and baseURI unset; Readability resolves relative links against them. */
function setDocumentUrl(document: object, url: string): void {
  let base = url;
  const href = (document as { querySelector(s: string): { getAttribute(n: string): string | null } | null })
    .querySelector("base[href]")
    ?.getAttribute("href");
  if (href) {
    try {
      base = new URL(href, url).href;
    } catch {
      // A broken <base> is ignored, as browsers do.
    }
  }
  Object.defineProperty(document, "documentURI", { value: url, configurable: true });
  Object.defineProperty(document, "baseURI", { value: base, configurable: true });
}

function parseDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Chinese and Japanese are written without spaces: there, about two characters make a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

function countWords(text: string): number {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  const spaced = text.replace(UNSPACED, " ").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return spaced + Math.floor(unspaced / 2);
}
