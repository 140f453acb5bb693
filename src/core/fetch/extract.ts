// The full text of an article page: decode the HTML (declared charset, else sniffing), let Mozilla
// Readability find the article on a linkedom document, and turn its HTML into clean plain text, its
// photo caption set apart and template lines (share, subscribe, read more) left out.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { MAX_CAPTION_CHARS } from "../article.js";
import { withoutBoilerplate } from "../boilerplate.js";
import { htmlToTextAndCaptions } from "../html-text.js";
import { cleanLine, cleanText } from "../clean-text.js";
import { clipAtWord, countWords } from "../text.js";
import { charsetFromContentType, decodeDeclared, normaliseCharset } from "../charset/declared.js";

export interface ExtractedPage {
  title?: string;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  byline?: string;
  publishedAt?: Date;
  siteName?: string;
  /** The caption of the article's first captioned figure. */
  imageCaption?: string;
}

/** Fewer words than this is a teaser, a paywall or an index page, not an article. */
export const MIN_ARTICLE_WORDS = 50;
/** Longer pages are cut to this many bytes before parsing (the article is nearly always near the top). */
export const MAX_HTML_BYTES = 2 * 1024 * 1024;
/** How far into the page to look for <meta charset>: generous, as script-heavy heads are long. */
const PRESCAN_BYTES = 8 * 1024;

/** The article on a page, or undefined when the page holds no article-length text. */
export function extractArticle(bytes: Uint8Array, url: string, contentType?: string): ExtractedPage | undefined {
  const html = decodeHtml(bytes.subarray(0, MAX_HTML_BYTES), contentType);
  if (html === undefined) return undefined;

  const { document } = parseHTML(html);
  setDocumentUrl(document, url);
  const publishedMeta = document
    .querySelector('meta[property="article:published_time"], meta[name="article:published_time"]')
    ?.getAttribute("content");
  // Readability may drop the lead photo's figure (it sits outside the text); read its caption first,
  // when the page holds one <article> (a listing's cards are <article>s too).
  const articles = document.querySelectorAll("article");
  const articleCaption = articles.length === 1 ? (articles[0]?.querySelector("figcaption")?.textContent ?? "") : "";

  let article: ReturnType<Readability["parse"]>;
  try {
    // linkedom's document is DOM-shaped enough for Readability (it is a documented pairing).
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  } catch {
    return undefined;
  }
  if (!article?.content) return undefined;

  const converted = htmlToTextAndCaptions(article.content);
  const text = withoutBoilerplate(cleanText(converted.text));
  if (countWords(text) < MIN_ARTICLE_WORDS) return undefined;

  const page: ExtractedPage = { text };
  const caption = [...converted.captions, articleCaption].map(cleanLine).find((c) => c !== "");
  if (caption) page.imageCaption = clipAtWord(caption, MAX_CAPTION_CHARS);
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
  const decoded = decodeDeclared(bytes, charsetFromContentType(contentType) ?? metaCharset(bytes));
  return decoded.ok ? decoded.text : undefined;
}

/** <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">. A
 * <meta> cannot declare UTF-16: the bytes it was read from were ASCII-compatible. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString("latin1");
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return /^utf-?16/i.test(direct[1] ?? "") ? "utf-8" : normaliseCharset(direct[1] ?? "");
  }
  return undefined;
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
