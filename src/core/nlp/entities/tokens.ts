// The entity tagger's tokens: words of a line with their lexicon flags, headline lines, runs of name words.
import { matchPlace } from "../places.js";
import { FIRST, FUNCTION, GENDER, HONORIFIC, KNOWN, LAST, NAME_PARTICLES, NAMEISH, PERSON, PROPER, TIME, TITLE, flagsOf, lex } from "./lexicon.js";

export interface Token {
  text: string; // possessive and "-based"/"-led" suffixes stripped
  lower: string;
  pos: number; // offset in the article (title first)
  /** Its place among the line's tokens. */
  index: number;
  /** Capitalised, or an Arabic-style "al-Assad" surname: can be part of a name. */
  name: boolean;
  /** Lexicon flags of the lowercased word. */
  flags: number;
  /** A month or weekday: continues a name ("Theresa May") but never starts one. */
  time: boolean;
  /** First word of a sentence, quote or line: capitalised for grammar, not because it's a name. */
  initial: boolean;
  /** Punctuation, a line break, a possessive or a hyphen suffix separates it from the previous token. */
  broken: boolean;
  /** The lowercase part of "Moscow-based", "Hamas-led". */
  suffix: string;
  possessive: boolean;
}

const TOKEN = /(?:\p{Lu}\.){2,}|\p{Lu}\.(?= \p{Lu})|[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*/gu;
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’.&-]/u;
export const ARABIC_SURNAME = /^(?:al|el|ad|as|ash|at|az|an|ar|ul|ud)-\p{Lu}/u;
const LOWER_SUFFIX = /^(.+?)-(\p{Ll}[\p{Ll}-]*)$/u;
/** A short capitalised syllable before a lowercase one: "Ki-moon", "Jong-un", "Jae-in", "Che-cheung". */
const NAME_SYLLABLES = /^\p{Lu}\p{Ll}{1,4}-\p{Ll}{1,6}$/u;
/** Suffixes that make a compound adjective of any name: "Loman-style", "Texan-born", "Korea-only".
 * Not "-ing": no English one is that short, and "Cheuk-ting", "Wai-ching" are given names. */
const ADJECTIVE_SUFFIX = /(?:ed|born|style|type|era|only|run|made|held|like|wide|free|bound|proof|class|scale|size)$/u;
/** Lexicon flags a given name or surname may have and still be a syllable of a longer name. */
const NAME_ONLY = FIRST | LAST | PROPER | PERSON | KNOWN | GENDER;
const SENTENCE_GAP = /[.!?:;“"‘(•]|^\s*['’]/;
export const ALL_CAPS = /^\p{Lu}[\p{Lu}&]+$/u;
const CONTRACTION = /['’](?:re|ll|ve|d|t|m)$/iu; // "You're", "Don't"

/** A hyphenated given name after a surname ("Ban Ki-moon", "Kim Jong-un", "Park Geun-hye"): the
 * lowercase part is part of the name, not an adjective suffix as in "Moscow-based". */
function isHyphenatedGivenName(text: string, prev: Token | undefined, space: boolean): boolean {
  if (!prev?.name || !space || prev.possessive || prev.suffix !== "" || !NAME_SYLLABLES.test(text)) return false;
  const [head = "", tail = ""] = text.split("-");
  return !ADJECTIVE_SUFFIX.test(tail) && (flagsOf(head.toLowerCase()) & ~NAME_ONLY) === 0;
}

/** The words of one line; `offset` is the line's position in the article. `flagsSeen` holds the
 * lexicon flags of words already looked up (an article's lines share one): a small map an article
 * keeps repeating is quicker to read than the lexicon's. */
export function tokenize(line: string, offset: number, flagsSeen?: Map<string, number>): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  // exec on the one global regex rather than matchAll, which copies it for every line.
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m !== null; m = TOKEN.exec(line)) {
    let text = m[0];
    const start = m.index;
    // Most gaps are one space; only slice out the others.
    const space = start === prevEnd + 1 && line.charCodeAt(prevEnd) === 32;
    const gap = space ? " " : line.slice(prevEnd, start);
    prevEnd = start + text.length;
    const apostrophe = text.includes("'") || text.includes("’");
    const possessive = apostrophe && /['’]s$/u.test(text);
    if (possessive) text = text.slice(0, -2);
    let suffix = "";
    const arabic = text.includes("-") && ARABIC_SURNAME.test(text);
    const prev = out[out.length - 1];
    const compound = text.includes("-") && !arabic && !isHyphenatedGivenName(text, prev, space) ? LOWER_SUFFIX.exec(text) : null;
    if (compound?.[1] && compound[2]) [text, suffix] = [compound[1], compound[2]];
    // "Mr. Smith": the full stop after a title abbreviation neither ends the sentence nor the name.
    const afterTitleDot = prev !== undefined && gap === ". " && (prev.flags & HONORIFIC) !== 0;
    const lower = text.toLowerCase();
    let flags = flagsSeen?.get(lower);
    if (flags === undefined) {
      flags = flagsOf(lower);
      flagsSeen?.set(lower, flags);
    }
    out.push({
      text,
      lower,
      pos: offset + start,
      index: out.length,
      name: arabic || (text !== lower && CAPITALISED.test(text) && text !== "I" && !(apostrophe && CONTRACTION.test(text))),
      flags,
      time: (flags & TIME) !== 0,
      initial: prev === undefined || (!space && !afterTitleDot && SENTENCE_GAP.test(gap)),
      broken: prev === undefined || prev.possessive || prev.suffix !== "" || (!space && !afterTitleDot),
      suffix,
      possessive,
    });
  }
  return out;
}

/** A headline-style line ("Moscow Consultations: Russia, Syria Disagree on ..."): most words capitalised. */
export function isHeadline(tokens: Token[], line: string): boolean {
  if (/[.!?"”]\s*$/.test(line)) return false;
  let caps = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.text.length < 4 || /^\p{N}/u.test(t.text)) continue;
    words++;
    if (t.name) caps++;
  }
  return caps >= 2 && caps / words >= 0.6;
}

/** The tokens' words joined by single spaces. */
export const join = (ts: Token[]): string => ts.map((t) => t.text).join(" ");

export interface Span {
  run: Token[];
  prev?: Token;
  next?: Token;
  /** The token after `next`. */
  nextButOne?: Token;
}

/** "Flight MH370", "Flight 370": the word names no one; the code after it is the flight. */
const FLIGHT_CODE = /^(?:\p{Lu}{1,3}\d{1,4}|\p{Lu}\d\d{1,4}|\d{1,4})$/u;
function isFlightWord(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  return t?.lower === "flight" && next !== undefined && !next.broken && FLIGHT_CODE.test(next.text);
}

/** Maximal runs of name tokens, joined across "of"/"for" after an organisation or place head word
 * ("Ministry of Defence"), "on" after an organisation's ("Council on Foreign Relations"), "of State" after a title, before a name or a portfolio ("Secretary of
 * State Condoleezza Rice", "Secretary of State for Culture"), "for" after a title ("Minister for
 * Europe Denis MacShane"), name particles ("Charles de Gaulle") and "and" inside a country name. */
export function spans(tokens: Token[]): Span[] {
  const { orgHeads, placeHeads } = lex();
  const out: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first?.name || first.time || isFlightWord(tokens, i)) {
      i++;
      continue;
    }
    const run = [first];
    let j = i + 1;
    for (;;) {
      const t = tokens[j];
      const last = run[run.length - 1];
      if (!t || t.broken || !last || isFlightWord(tokens, j)) break;
      // A capitalised "In" or "At" before lower-case words starts a sentence that lost its full stop
      // (a caption run into the text: "DAB 's Elizabeth Quat In the New Territories").
      const sentenceStart = (t.flags & FUNCTION) !== 0 && (t.flags & NAMEISH) === 0 && tokens[j + 1]?.name === false;
      if (t.name && !sentenceStart && (!t.time || (last.flags & FIRST) !== 0)) {
        run.push(t);
        j++;
        continue;
      }
      const after = tokens[j + 1];
      if (!after || after.broken || !after.name || after.time) break;
      const joins =
        NAME_PARTICLES.has(t.text) ||
        ((t.text === "of" || t.text === "for") && (orgHeads.has(last.lower) || placeHeads.has(last.lower))) ||
        (t.text === "on" && orgHeads.has(last.lower)) || // "European Convention on Human Rights"
        (t.text === "for" && (last.flags & TITLE) !== 0 && !ALL_CAPS.test(last.text)) || // not "MP for Richmond"
        (t.text === "of" && after.text === "State" && (last.flags & TITLE) !== 0 && (tokens[j + 2]?.name === true || tokens[j + 2]?.text === "for")) ||
        (t.text === "and" && matchPlace(`${last.text} and ${after.text}`) !== undefined);
      if (!joins) break;
      run.push(t, after);
      j += 2;
    }
    out.push({ run, prev: tokens[i - 1], next: tokens[j], nextButOne: tokens[j + 1] });
    i = j;
  }
  return out;
}
