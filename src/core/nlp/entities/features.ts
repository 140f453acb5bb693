// What the entity model sees of a mention: the shape and lexicon flags of its words, the words around
// it, what the rules guessed, and how the article's other mentions of the name read. Names themselves
// are never features (a weight per name would learn the tuning documents' names, not news); common
// words are, around a name ("said", "Mr", "in", "of the", "-based") and as its last word ("University").
import { foldKey, matchPlace } from "../places.js";
import type { Mention } from "./classify.js";
import { FIRST, FUNCTION, GROUP_ADJECTIVES, KNOWN, LAST, NAMEISH, NOUN, ORG, PERSON, PLACE, ROLE, TITLE, VERB, lex } from "./lexicon.js";
import { ALL_CAPS, ARABIC_SURNAME, type Token } from "./tokens.js";

/** A mention with the tokens around it. */
export interface Candidate {
  mention: Mention;
  run: Token[];
  prev?: Token;
  prev2?: Token;
  next?: Token;
  /** The place is written with its state or country after a comma ("Irving, Texas"). */
  region?: boolean;
  /** The state or country after such a place. */
  inRegion?: boolean;
  /** After a preposition that follows a name ("Darmanin in Paris", "MIT office in Cambridge"). */
  attached?: boolean;
  /** Next to another name in a list ("Libya, Syria and Yemen"). */
  listed?: boolean;
  /** The article also writes one of the name's words in lower case ("the Bank", "a band"); a feature
   * for names of one word. */
  lowerToo?: boolean;
}

// A word's shape features, by prefix and shape: built once per shape, not per mention.
const SHAPE_FLAGS = FIRST | LAST | PERSON | ORG | PLACE | TITLE | KNOWN | NAMEISH;
const CAPS = 1 << 20;
const DIGIT = 1 << 21;
const ARABIC = 1 << 22;
const SHORT = 1 << 23;
const shapes = new Map<string, Map<number, string[]>>();

function shapeFeatures(prefix: string, shape: number): string[] {
  const out: string[] = [];
  if (shape & FIRST) out.push(`${prefix}first`);
  if (shape & LAST) out.push(`${prefix}last`);
  if (shape & PERSON) out.push(`${prefix}person`);
  if (shape & ORG) out.push(`${prefix}org`);
  if (shape & PLACE) out.push(`${prefix}place`);
  if (shape & TITLE) out.push(`${prefix}title`);
  if ((shape & KNOWN) !== 0 && (shape & NAMEISH) === 0) out.push(`${prefix}common`);
  if ((shape & KNOWN) === 0) out.push(`${prefix}unknown`);
  if (shape & CAPS) out.push(`${prefix}caps`);
  if (shape & DIGIT) out.push(`${prefix}digit`);
  if (shape & ARABIC) out.push(`${prefix}arabic`);
  if (shape & SHORT) out.push(`${prefix}short`);
  return out;
}

function wordFlags(prefix: string, t: Token, out: string[]): void {
  const shape =
    (t.flags & SHAPE_FLAGS) |
    (ALL_CAPS.test(t.text) ? CAPS : 0) |
    (/\p{N}/u.test(t.text) ? DIGIT : 0) |
    (ARABIC_SURNAME.test(t.text) ? ARABIC : 0) |
    (t.text.length <= 3 ? SHORT : 0);
  let byShape = shapes.get(prefix);
  if (!byShape) shapes.set(prefix, (byShape = new Map()));
  let features = byShape.get(shape);
  if (!features) byShape.set(shape, (features = shapeFeatures(prefix, shape)));
  for (const f of features) out.push(f);
}

// Last words that make a name an institution in any country's news: legal forms, bodies, papers.
const ORG_SUFFIXES = new Set([
  "inc", "corp", "corporation", "ltd", "llc", "plc", "co", "company", "companies", "ag", "sa", "gmbh",
  "party", "council", "university", "college", "school", "ministry", "department", "fc", "association",
  "institute", "agency", "committee", "commission", "bank", "group", "society", "union", "foundation",
  "times", "news", "post", "press", "magazine", "daily", "herald", "journal", "tribune", "guardian",
  "airlines", "airways", "police", "army", "navy", "court", "board", "authority", "service", "network",
]);

// Words for buildings and grounds: a name that ends in one is where something happens ("Johnson Space
// Center", "Museum of Flight", "Dulles International Airport"), which annotators often mark as a place.
const FACILITIES = new Set([
  "center", "centre", "museum", "hall", "airport", "station", "stadium", "arena", "hospital", "library",
  "gallery", "galleries", "theatre", "theater", "park", "square", "bridge", "tower", "palace", "cathedral",
  "church", "mosque", "temple", "prison", "base", "port", "harbour", "harbor", "zoo", "plaza", "building",
]);

/** A word's kind of name in one word, for conjunctions of the first and the last word. */
function coarse(t: Token): string {
  const f = t.flags;
  if (ALL_CAPS.test(t.text)) return "caps";
  if (f & PERSON) return "person";
  if (f & ORG) return "org";
  if (f & PLACE) return "place";
  if (f & FIRST) return "first";
  if (f & LAST) return "last";
  if (f & TITLE) return "title";
  return (f & KNOWN) === 0 ? "unknown" : "common";
}

/** A context word as a feature: lower-case words as themselves, names by their shape only. */
function contextWord(t: Token | undefined, broken: boolean): string {
  if (!t) return "none";
  if (broken) return "break";
  return t.name ? "Name" : t.lower;
}

/** A word's class, as the lexicon knows it. */
function wordClass(t: Token | undefined, broken: boolean): string {
  if (!t || broken) return "none";
  if (t.name) return "name";
  if ((t.flags & VERB) !== 0) return "verb";
  if ((t.flags & NOUN) !== 0 || (t.flags & ROLE) !== 0) return "noun";
  return (t.flags & KNOWN) === 0 ? "unknown" : "other";
}

/** What an article says about each name across its mentions. */
export interface ArticleView {
  /** Folded name -> how many mentions. */
  counts: Map<string, number>;
  /** Last words of names of two words or more that start with a given name or that the rules took for a person. */
  surnames: Set<string>;
  /** Words of names of two words or more. */
  partWords: Set<string>;
  /** Folded names the rules called a person / place / organisation somewhere in the article. */
  ruled: Map<string, Set<string>>;
}

export function articleView(candidates: Candidate[]): ArticleView {
  const view: ArticleView = { counts: new Map(), surnames: new Set(), partWords: new Set(), ruled: new Map() };
  for (const { mention: m, run } of candidates) {
    const key = foldKey(m.name);
    view.counts.set(key, (view.counts.get(key) ?? 0) + 1);
    if (m.kind) {
      const kinds = view.ruled.get(key) ?? new Set();
      kinds.add(m.kind);
      view.ruled.set(key, kinds);
    }
    if (run.length > 1) {
      for (const t of run) view.partWords.add(t.lower);
      if (m.kind === "person" || (run[0]!.flags & FIRST) !== 0) view.surnames.add(run[run.length - 1]!.lower);
    }
  }
  return view;
}

/** The features of one mention. */
export function featuresOf(c: Candidate, view: ArticleView): string[] {
  const { mention: m, run } = c;
  const out = ["bias", `rule=${m.kind ?? "none"}`];
  if (m.sure) out.push(`sure=${m.kind ?? "none"}`);
  if (m.work) out.push("work");
  if (c.region) out.push("region");
  if (c.inRegion) out.push("inRegion");
  if (c.listed) out.push("listed");
  if (c.attached) out.push("attached");
  if (m.country) {
    const form = matchPlace(run.map((t) => t.text).join(" "))?.form ?? "part";
    out.push(`country=${form}`);
    if (form === "demonym" && /s$/.test(run[run.length - 1]?.text ?? "")) out.push("country=demonyms"); // "Americans": people
  }
  const n = run.length;
  out.push(`n=${Math.min(n, 4)}`);
  if (m.initial) out.push("initial");
  if (m.gender) out.push("gendered");
  if (m.titledFrom !== undefined) out.push("titled");
  if (m.writtenFrom !== undefined || m.writtenTo !== undefined) out.push("affiliated");
  if (n === 1 && GROUP_ADJECTIVES.has(run[0]?.lower ?? "")) out.push("group");
  const first = run[0];
  const last = run[n - 1];
  if (!first || !last) return out;
  wordFlags("f:", first, out);
  if (n > 1) wordFlags("l:", last, out);
  out.push(`fl=${coarse(first)}_${n > 1 ? coarse(last) : "-"}`);
  if (c.lowerToo && n === 1) out.push("lowerToo");
  const { orgHeads, placeHeads } = lex();
  if (orgHeads.has(last.lower)) out.push("orgHead");
  if (ORG_SUFFIXES.has(last.lower)) out.push("orgSuffix");
  if (FACILITIES.has(last.lower) || (n > 2 && run.some((t, i) => t.text === "of" && FACILITIES.has(run[i - 1]!.lower)))) out.push("facility");
  if (n > 1 && run.every((t) => (t.flags & KNOWN) === 0)) out.push("allUnknown");
  if (placeHeads.has(last.lower)) out.push("placeHead");
  if (n > 1 && (last.flags & (KNOWN | NAMEISH)) === KNOWN) out.push(`lw=${last.lower}`);
  if (run.some((t) => !t.name)) out.push(`inner=${run.find((t) => !t.name)!.lower}`);
  if (last.suffix) out.push(`suffix=${last.suffix}`);
  if (last.possessive) out.push("possessive");
  const prev = contextWord(c.prev, first.broken);
  const next = contextWord(c.next, c.next?.broken ?? true);
  out.push(`p=${prev}`, `nx=${next}`, `p2=${contextWord(c.prev2, c.prev?.broken ?? true)}_${prev}`);
  // What the words around say of the name's place in the sentence: "people in America" (the name
  // ends a longer mention), "arrived in Dallas"; "Dallas chapter" (it modifies a noun); "Sweden had".
  if (c.prev && !first.broken && (c.prev.flags & FUNCTION) !== 0) out.push(`pp=${wordClass(c.prev2, c.prev.broken)}`);
  if (c.next && !c.next.broken) out.push(`nxc=${wordClass(c.next, false)}`);
  // Across the article.
  const key = foldKey(m.name);
  const count = view.counts.get(key) ?? 1;
  out.push(`seen=${Math.min(count, 3)}`);
  if (n === 1 && view.surnames.has(last.lower)) out.push("surnameOfPerson");
  else if (n === 1 && view.partWords.has(last.lower)) out.push("partOfLonger");
  for (const kind of view.ruled.get(key) ?? []) out.push(`ruledAlso=${kind}`);
  return out;
}
