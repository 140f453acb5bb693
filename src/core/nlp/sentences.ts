// Sentence splitting for cleaned article text: ICU's sentence segmenter per paragraph, plus fixes
// for the traps it misses in news copy (titles like "Mr.", "No. 10", full stops with no space).
import { toParagraphs } from "../article-files/paragraphs.js";

/** Made at the first split, not at import: ICU's first use costs 10-30 ms that a command which never
 * splits text (`story`, `--help`) should not pay. */
let segmenter: Intl.Segmenter | undefined;

// Abbreviations that are (almost) never the end of a sentence: a name or noun always follows.
const TITLE_ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "cpl", "adm", "maj",
  "rev", "sen", "rep", "gov", "pres", "supt", "insp", "det", "cllr", "hon", "rt", "mt", "ft",
  "vs", "v", "eg", "ie", "approx",
]);
// Abbreviations that end a sentence unless a number follows ("No. 10", "Jan. 2005", "p. 4").
const NUMBER_ABBREVIATIONS = new Set([
  "no", "nos", "vol", "art", "fig", "p", "pp", "ch", "sec", "op",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);

// "...a profit.For the year": a full stop between a lower-case word (or number, %, closing
// quote/bracket) and a capitalised word is a sentence break that lost its space. Requiring two
// lower-case letters before it leaves "U.S.", "e.g." and domains like "bbc.co.uk" alone.
const MISSING_SPACE = /([a-z]{2}|[0-9%)])([.!?]["'”’]?)(?=["'“‘]?[A-Z][a-z])/g;

// Words that usually open a sentence, so a dotted acronym before them ends one.
const SENTENCE_OPENERS = new Set([
  "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "This", "That", "These",
  "Those", "There", "But", "And", "So", "Yet", "In", "On", "At", "For", "If", "When", "While",
  "After", "Before", "As", "However", "Meanwhile", "Now", "Then", "Last", "Earlier", "Later",
]);

// A sentence end followed by one that opens with a number, possibly quoted: "said. \"2005 was".
const NUMBER_START = /([.!?]["'”’]?)\s+(?=["'“‘]?[0-9])/g;

/** Splits article text into trimmed, non-empty sentences, in order. Every line break is a
 * paragraph break, except a hard wrap (a line that starts in lower case); a heading or short line
 * without a full stop stays a sentence of its own. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let pending = "";
    for (const chunk of segmentable(paragraph.replace(MISSING_SPACE, "$1$2 "))) {
      for (const { segment } of (segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" })).segment(chunk)) {
        for (const piece of splitBeforeNumbers(segment.trim())) {
          if (pending && continuesSentence(pending, piece)) {
            pending = `${pending} ${piece}`;
          } else {
            if (pending) sentences.push(pending);
            pending = piece;
          }
        }
      }
    }
    if (pending) sentences.push(pending);
  }
  return sentences;
}

/**
 * ICU's segmenter slows down sharply on long strings (3 s for one 170 KB paragraph, 10 s for
 * 340 KB), so a long paragraph is fed to it in pieces of at most this many characters, cut at a
 * full stop and a space. A cut after an abbreviation is mended like any other ("Mr." + "Smith").
 */
const MAX_SEGMENTER_INPUT = 10_000;

function* segmentable(paragraph: string): Generator<string> {
  let start = 0;
  while (paragraph.length - start > MAX_SEGMENTER_INPUT) {
    const window = paragraph.slice(start, start + MAX_SEGMENTER_INPUT);
    const stop = Math.max(window.lastIndexOf(". "), window.lastIndexOf("? "), window.lastIndexOf("! "));
    // Run-on text is cut at a space (the pieces are joined again with one); text with no space at
    // all has no boundary for ICU either, and goes in whole.
    const cut = stop > 0 ? stop + 1 : window.lastIndexOf(" ");
    if (cut <= 0) break;
    yield paragraph.slice(start, start + cut);
    start += cut + 1;
  }
  yield paragraph.slice(start);
}

/** Paragraphs as ingest makes them: a blank line between, hard-wrapped lines joined again. */
function paragraphs(text: string): string[] {
  return toParagraphs(text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.replace(/\s+/g, " ").trim()));
}

/** ICU never breaks before a digit ("...a mobile. 18% said so."), to spare "Fig. 3"; break there
 * unless the full stop closes an abbreviation. */
function splitBeforeNumbers(segment: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of segment.matchAll(NUMBER_START)) {
    const end = match.index + match[1]!.length;
    const before = segment.slice(start, end);
    if (endsWithAbbreviation(before, true)) continue;
    pieces.push(before.trim());
    start = end;
  }
  pieces.push(segment.slice(start).trim());
  return pieces.filter((piece) => piece.length > 0);
}

/** Whether ICU cut `next` off a sentence that had not ended: the cut came after an abbreviation
 * or an initial, or the next piece starts in lower case. */
function continuesSentence(previous: string, next: string): boolean {
  if (/^[a-z]/.test(next)) return true;
  if (endsWithAbbreviation(previous, /^[0-9]/.test(next))) return true;
  const lastWord = lastDottedWord(previous);
  if (lastWord === undefined) return false;
  // A single initial ("J. K. Rowling") or a dotted acronym followed by a name ("U.K. Government"),
  // unless the next piece opens like a sentence ("...moved to the U.S. The firm").
  if (!/^(?:[A-Z]\.)*[A-Z]$/.test(lastWord)) return false;
  const nextWord = /^[A-Z][a-z]*/.exec(next)?.[0];
  return nextWord !== undefined && !SENTENCE_OPENERS.has(nextWord);
}

/** The word before a final full stop: "Dr" in "...met Dr.", "U.S" in "...the U.S.". */
function lastDottedWord(text: string): string | undefined {
  // As /(?:^|[\s("'“‘])([A-Za-z][A-Za-z.]*)\.$/ would find it, reading back from the end instead of
  // trying every position of the sentence: the word is the whole run of letters and dots that ends
  // the text, since no character of the run can be the one before it.
  const stop = text.length - 1;
  if (stop < 1 || text.charCodeAt(stop) !== 46) return undefined;
  let start = stop;
  while (start > 0 && isLetterOrDot(text.charCodeAt(start - 1))) start--;
  if (start === stop || text.charCodeAt(start) === 46) return undefined;
  if (start > 0 && !BEFORE_DOTTED_WORD.test(text[start - 1]!)) return undefined;
  return text.slice(start, stop);
}

const BEFORE_DOTTED_WORD = /[\s("'“‘]/;

/** A-Z, a-z or a full stop. */
function isLetterOrDot(code: number): boolean {
  return code === 46 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** "U.S" -> "us"; title case or lower case only, so "MS" (the illness) is not "Ms". */
function plainWord(word: string): string {
  return /^[A-Z]?[a-z.]*$/.test(word) ? word.toLowerCase().replace(/\./g, "") : "";
}

/** Whether the text ends with a title ("Dr."), or with a short form that a number follows. */
function endsWithAbbreviation(text: string, beforeNumber: boolean): boolean {
  const lastWord = lastDottedWord(text.trimEnd());
  if (lastWord === undefined) return false;
  const word = plainWord(lastWord);
  return TITLE_ABBREVIATIONS.has(word) || (beforeNumber && NUMBER_ABBREVIATIONS.has(word));
}
