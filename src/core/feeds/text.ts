// Feed text -> clean plain text: HTML through htmlToText, then core/clean-text.ts's character
// cleaning; plus the small judgements made on that text (word counts, teaser endings, a headline
// for an untitled item).
import { MAX_CAPTION_CHARS } from "../article.js";
import { htmlToText, htmlToTextAndCaptions } from "../html-text.js";
import { cleanLine, cleanText } from "../clean-text.js";
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

/** Markup or a character reference: worth running through the HTML converter. */
const LOOKS_HTML = /<[A-Za-z/!]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

export function looksLikeHtml(value: string): boolean {
  return LOOKS_HTML.test(value);
}

/** Body text: paragraphs kept, separated by one blank line; a figure's caption set apart. */
export function toPlainText(text: FeedText): { text: string; caption?: string } {
  if (!text.html) return { text: cleanText(text.value) };
  const converted = htmlToTextAndCaptions(text.value);
  const caption = converted.captions.map(cleanLine).find((c) => c !== "");
  return { text: cleanText(converted.text), ...(caption !== undefined && { caption: clipAtWord(caption, MAX_CAPTION_CHARS) }) };
}

/** A one-line field (a title, a feed name). */
export function toPlainLine(text: FeedText): string {
  return cleanLine(text.html ? htmlToText(text.value) : text.value);
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

/** A headline for an item that has none (JSON Feed microposts, RSS items with only a description). */
export function deriveTitle(body: string): string {
  const firstParagraph = body.split("\n")[0] ?? "";
  const sentence = /^.+?[.!?。](?=\s|$)/u.exec(firstParagraph)?.[0] ?? firstParagraph;
  return clipAtWord(sentence, DERIVED_TITLE_CHARS);
}
