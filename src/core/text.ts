// Small wording helpers for what users read: counts with the right plural, a name's singular, and
// cutting text to a length (a made-up headline, a run-on summary line, a platform's field limit).

/** "1 story", "3 stories". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How widely a story is covered, as cards and `explain` say it: "3 sources", "53 reports". Reports
 * whose outlet is unknown (files ingested without a source) name none, and "0 sources" would be
 * false, so then only the reports are counted. */
export function coverageWords(outlets: number, reports: number): string[] {
  return [...(outlets > 0 ? [count(outlets, "source")] : []), count(reports, "report")];
}

/** A word in the singular, roughly, for matching names: "tories" -> "tory", "dems" -> "dem" ("ss"
 * stays: "press"; words of three letters stay: "bus"). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** `text` when it fits in `max` characters; else its start, cut at a space when one falls in the
 * second half, and "…", all within `max`. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  return `${(space >= max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
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
