// HTML -> plain text with html-to-text, shared by feed items and extracted article pages: no link
// URLs, no image alt text, no code listings, figure captions set apart from the text, paragraphs as
// blank-line-separated blocks, bounded work on hostile markup.
import { compile, type DomNode, type FormatCallback, type HtmlToTextOptions, type SelectorDefinition } from "html-to-text";

const BLOCKS = ["figure", "section", "article", "header", "footer", "aside", "main", "address", "details", "summary", "dl", "dt", "dd", "table", "tr", "td", "th", "caption"];
/** <pre> is a code listing (or ASCII art): not prose, so not for summaries, entities or stories. */
const SKIPPED = ["pre", "img", "picture", "hr", "script", "style", "noscript", "iframe", "object", "embed", "video", "audio", "svg", "canvas", "form", "button", "select", "input", "textarea", "template"];

const selectors: SelectorDefinition[] = [
  { selector: "a", options: { ignoreHref: true } },
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "blockquote", format: "block" },
  { selector: "ul", options: { itemPrefix: "• " } },
  ...BLOCKS.map((selector) => ({ selector, format: "block" })),
  ...SKIPPED.map((selector) => ({ selector, format: "skip" })),
  { selector: "figcaption", format: "caption" },
];

/** What a conversion collects besides the text (html-to-text hands it to formatters as metadata). */
interface Collected {
  captions: string[];
}

/** Elements that run on inside a line; any other element (a <p>, a <br>) parts the words around it. */
const INLINE = new Set("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var".split(" "));

/** The words of an element, as one line (for a caption: its links and emphasis are plain words). */
function wordsOf(node: DomNode): string {
  if (node.type === "text") return node.data ?? "";
  if (node.type !== "tag") return "";
  const inner = node.children.map(wordsOf).join("");
  return INLINE.has(node.name ?? "") ? inner : ` ${inner} `;
}

/** A figure caption describes the picture, not the story: set apart for imageCaption, never in the text. */
const caption: FormatCallback = (elem, _walk, builder) => {
  const words = wordsOf(elem).replace(/\s+/g, " ").trim();
  if (words) (builder as unknown as { metadata: Collected }).metadata.captions.push(words);
};

const options: HtmlToTextOptions = {
  wordwrap: false,
  formatters: { caption },
  selectors,
  // Bounded work on hostile markup: nesting deeper than this is cut, not recursed into.
  limits: { maxDepth: 200, ellipsis: "" },
};

// The typings omit compile's second argument, the metadata formatters see.
const convert = compile(options) as (html: string, metadata: Collected) => string;
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
/** Captions do not nest, so on markup too deep to parse they are cut out up to their end tag. */
const FIGCAPTION = /<figcaption\b[\s\S]*?<\/figcaption\s*>/gi;

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

export interface HtmlText {
  text: string;
  /** Figure captions, in document order, left out of the text. */
  captions: string[];
}

/** HTML -> plain text (no link URLs, images, scripts or code listings; paragraphs as blank-line-
 * separated blocks) and the figure captions taken out of it. */
export function htmlToTextAndCaptions(html: string): HtmlText {
  if (nestingDepth(html, MAX_HTML_NESTING + 1) > MAX_HTML_NESTING) {
    return { text: convertStripped(html.replace(FIGCAPTION, " ").replace(BLOCK_TAG, "\n\n").replace(ANY_TAG, " ")), captions: [] };
  }
  const collected: Collected = { captions: [] };
  return { text: convert(html, collected), captions: collected.captions };
}

export function htmlToText(html: string): string {
  return htmlToTextAndCaptions(html).text;
}

