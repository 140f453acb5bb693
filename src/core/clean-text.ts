// Character-level cleaning of decoded text: one line-ending style, NFC, no invisible or control
// characters, single spaces, at most one blank line in a row.
import { stripInvisible } from "./invisible.js";

/** Every line terminator real files use: CRLF, lone CR, NEL, LINE SEPARATOR, vertical tab, form feed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAK = /\r\n|[\r\u0085\u2028\u000B\u000C]/g;
const PARAGRAPH_SEPARATOR = /\u2029/g;
/** Mongolian vowel separator, soft hyphen; direction controls and zero-width characters go by
 * stripInvisible (which keeps ZWJ/ZWNJ in emoji sequences and Persian/Indic words). */
const INVISIBLE = /[\u180E\u00AD]/g;
/** C0 (but tab and newline), DEL, C1, and U+FFFD, which only ever marks an earlier bad decode. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/g;
const SPACES = /[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Cleans a whole text; lines stay lines, runs of blank lines become one blank line. */
export function cleanText(text: string): string {
  return stripInvisible(text.replace(LINE_BREAK, "\n").replace(PARAGRAPH_SEPARATOR, "\n\n").normalize("NFC"))
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(SPACES, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Cleans a one-line field (a title, a caption, a source name): line breaks become spaces. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\n+/g, " ");
}
