// Feed text -> clean plain text: HTML through html-to-text (no link URLs, no image alt text,
// paragraphs as blank-line-separated blocks), then ingest's character cleaning; plus the small
// judgements made on that text (word counts, teaser endings, a headline for an untitled item).
import { compile, type HtmlToTextOptions, type SelectorDefinition } from "html-to-text";
import { cleanLine, cleanText } from "../ingest/clean.js";
import { clipAtWord } from "../text.js";

/** A description shorter than this many words, with no full content beside it, is a teaser. */
export const TEASER_MAX_WORDS = 120;

/** Longest headline made up from an untitled item's text. */
const DERIVED_TITLE_CHARS = 140;

/** A piece of feed text and whether it is HTML (entities and markup) or plain text. */
export interface FeedText {
  value: string;
  html: boolean;
}

const BLOCKS = ["figure", "figcaption", "section", "article", "header", "footer", "aside", "main", "address", "details", "summary", "dl", "dt", "dd", "table", "tr", "td", "th", "caption"];
const SKIPPED = ["img", "picture", "hr", "script", "style", "noscript", "iframe", "object", "embed", "video", "audio", "svg", "canvas", "form", "button", "select", "input", "textarea", "template"];

const selectors: SelectorDefinition[] = [
  { selector: "a", options: { ignoreHref: true } },
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "blockquote", format: "block" },
  { selector: "ul", options: { itemPrefix: "• " } },
  ...BLOCKS.map((selector) => ({ selector, format: "block" })),
  ...SKIPPED.map((selector) => ({ selector, format: "skip" })),
];

const options: HtmlToTextOptions = {
  wordwrap: false,
  selectors,
  // Bounded work on hostile markup: nesting deeper than this is cut, not recursed into.
  limits: { maxDepth: 200, ellipsis: "" },
};

const convert = compile(options);
/** For markup too deeply nested to parse (see MAX_HTML_NESTING): tags already gone, so this only
 * decodes entities, and keeps the line breaks the tags were turned into. */
const convertStripped = compile({ wordwrap: false, preserveNewlines: true });

/** htmlparser2 (under html-to-text) slows down quadratically with nesting depth: 200,000 unclosed
 * <div>s take 20 seconds. Real articles nest a few dozen deep; past this, tags are stripped instead. */
export const MAX_HTML_NESTING = 500;

/** Elements that do not nest: void ones, and ones HTML closes implicitly (a sloppy run of <p>s). */
const NOT_NESTING = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option".split(" "),
);
const TAG = /<(\/?)([A-Za-z][\w:-]*)[^<>]*>/g;
const BLOCK_TAG = /<\/?(?:p|div|br|li|h[1-6]|tr|blockquote|section|article|figure|figcaption|pre|table|ul|ol|dl|dt|dd)\b[^<>]*>/gi;
const ANY_TAG = /<[^<>]*>/g;

/** How deep elements nest in `html`, by a linear scan of its tags, counting no further than `limit`. */
export function nestingDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (const [tag, closing, name = ""] of html.matchAll(TAG)) {
    if (tag.endsWith("/>") || NOT_NESTING.has(name.toLowerCase())) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > deepest) {
      deepest = depth;
      if (deepest >= limit) break;
    }
  }
  return deepest;
}

function htmlToText(html: string): string {
  if (nestingDepth(html, MAX_HTML_NESTING + 1) <= MAX_HTML_NESTING) return convert(html);
  return convertStripped(html.replace(BLOCK_TAG, "\n\n").replace(ANY_TAG, " "));
}

/** Markup or a character reference: worth running through the HTML converter. */
const LOOKS_HTML = /<[A-Za-z/!]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

export function looksLikeHtml(value: string): boolean {
  return LOOKS_HTML.test(value);
}

/** Body text: paragraphs kept, separated by one blank line. */
export function toPlainText(text: FeedText): string {
  return cleanText(text.html ? htmlToText(text.value) : text.value);
}

/** A one-line field (a title, a feed name). */
export function toPlainLine(text: FeedText): string {
  return cleanLine(text.html ? htmlToText(text.value) : text.value);
}

/** Scripts written without spaces between words. */
const UNSPACED = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
/** A run of unspaced-script letters, or a run of anything else but white space. */
const TOKEN = new RegExp(`[${UNSPACED}]+|[^\\s${UNSPACED}]+`, "gu");
const UNSPACED_RUN = new RegExp(`^[${UNSPACED}]`, "u");
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Characters of an unspaced script per word, roughly (Chinese words average under two). */
const CHARS_PER_UNSPACED_WORD = 2;

/** Words in `text`, counting no further than `limit`: space-separated tokens with a letter or digit,
 * and runs of Chinese, Japanese or Thai at about two characters a word. Linear and cheap. */
export function countWords(text: string, limit = Number.POSITIVE_INFINITY): number {
  let words = 0;
  for (const [token] of text.matchAll(TOKEN)) {
    if (UNSPACED_RUN.test(token)) words += Math.ceil(token.length / CHARS_PER_UNSPACED_WORD);
    else if (HAS_WORD_CHARACTER.test(token)) words++;
    if (words >= limit) return limit;
  }
  return words;
}

/** The last paragraph is only a "read more" link: "Continue reading...", "Read more »", "(more…)". */
const READ_MORE_PARAGRAPH = /\n\n(?:continue reading|read more|read (?:the )?full (?:story|article|post)|read the rest(?: of (?:the|this) (?:story|article|post))?|keep reading|\(more\b)[^\n]{0,120}$/i;
/** The same phrase starting the text's last sentence. */
const READ_MORE_SENTENCE = /(?:^|[.!?…»”"]\s+)(?:continue reading|read more|read (?:the )?full (?:story|article|post)|keep reading)\b[^.!?\n]{0,120}[.…»→›>]*$/i;
/** Cut off: "…", "...", "[…]", "[...]", "(...)". */
const ELLIPSIS_END = /(?:…|\.\.\.|[[(]\s*(?:…|\.\.\.)\s*[\])])$/;

export function endsLikeTeaser(text: string): boolean {
  const end = text.trimEnd();
  return ELLIPSIS_END.test(end) || READ_MORE_PARAGRAPH.test(`\n\n${end}`) || READ_MORE_SENTENCE.test(end);
}

/** Drops a trailing "Continue reading…" paragraph: a link's label, not the article's words. */
export function withoutReadMore(text: string): string {
  const stripped = `\n\n${text}`.replace(READ_MORE_PARAGRAPH, "").trim();
  return stripped === "" ? text : stripped;
}

/** A headline for an item that has none (JSON Feed microposts, RSS items with only a description). */
export function deriveTitle(body: string): string {
  const firstParagraph = body.split("\n")[0] ?? "";
  const sentence = /^.+?[.!?。](?=\s|$)/u.exec(firstParagraph)?.[0] ?? firstParagraph;
  return clipAtWord(sentence, DERIVED_TITLE_CHARS);
}
