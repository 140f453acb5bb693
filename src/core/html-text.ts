// HTML -> plain text with html-to-text, shared by feed items and extracted article pages: no link
// URLs, no image alt text, paragraphs as blank-line-separated blocks, bounded work on hostile markup.
import { compile, type HtmlToTextOptions, type SelectorDefinition } from "html-to-text";

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

/** HTML -> plain text: no link URLs, no images or scripts, paragraphs as blank-line-separated blocks. */
export function htmlToText(html: string): string {
  if (nestingDepth(html, MAX_HTML_NESTING + 1) <= MAX_HTML_NESTING) return convert(html);
  return convertStripped(html.replace(BLOCK_TAG, "\n\n").replace(ANY_TAG, " "));
}

