// Named entities per article: people, places and organisations under canonical names. A fast
// capitalised-span tagger that reads compromise's lexicon (first names, surnames, known orgs and
// places, organisation/place head words) and the country gazetteer. Running compromise's own
// pipeline costs ~17 ms per article (its tokenizer alone ~1.5 ms), ten times the ingest budget.
import nlp from "compromise";
import type { Entity, EntityKind } from "../article.js";
import { foldKey, matchPlace, maxPlaceWords } from "./places.js";

// ---------------------------------------------------------------- lexicon, flattened to bit flags

const FIRST = 1; // a given name
const LAST = 2; // a surname
const PERSON = 4; // a known person ("barack obama")
const ORG = 8;
const PLACE = 16;
const PROPER = 32;
const TITLE = 64; // Mr, President, Minister: a rank that precedes a name
const ROLE = 2048; // compromise's "Actor" nouns (analyst, singer, human): a title only before a given name
const FUNCTION = 128; // the, his, however: never the start of a name
const TIME = 256; // months, weekdays
const KNOWN = 512; // in the lexicon at all
const HONORIFIC = 1024; // Mr, Dr, Sir: a person follows, even if the name is also a word ("Mr Brown")
const NAMEISH = FIRST | LAST | PERSON | ORG | PLACE | PROPER;

const TAG_FLAGS: Record<string, number> = {
  FirstName: FIRST,
  MaleName: FIRST,
  FemaleName: FIRST,
  LastName: LAST,
  Person: PERSON,
  Organization: ORG,
  SportsTeam: ORG,
  Place: PLACE,
  City: PLACE,
  Country: PLACE,
  Region: PLACE,
  ProperNoun: PROPER,
  Honorific: TITLE | HONORIFIC,
  Actor: ROLE,
  Determiner: FUNCTION,
  Pronoun: FUNCTION,
  Possessive: FUNCTION,
  Conjunction: FUNCTION,
  Preposition: FUNCTION,
  QuestionWord: FUNCTION,
  Month: TIME,
  WeekDay: TIME,
};

// Not countries, so no data package applies: words compromise's lexicon lacks or mis-tags for news.
const TITLE_WORDS = [
  "envoy", "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "pope", "premier", "fm",
  "pm", "mp", "mep", "chancellor", "secretary", "president", "vice", "chief", "chairman", "chairwoman",
  "ambassador", "mayor", "judge", "sheikh", "ayatollah", "imam", "emir", "king", "queen",
  "prince", "princess", "sir", "lord", "lady", "dame", "miss", "coach", "manager", "striker",
  "midfielder", "defender", "goalkeeper", "skipper", "boss", "director", "commissioner", "commander",
  "leader", "deputy", "officer", "minister", "attorney", "justice", "bishop", "archbishop", "cardinal",
  "father", "colonel", "captain", "sergeant", "lieutenant", "major", "admiral", "marshal", "detective",
  "inspector", "superintendent", "constable", "professor", "doctor", "rabbi", "cleric", "diplomat",
  "treasurer", "mr", "mrs", "ms", "dr",
];
// Runs ending in these name events and documents, not people, places or organisations.
const NOT_ENTITY_HEADS = new Set([
  "election", "elections", "cup", "championship", "championships", "festival", "awards", "award", "prize",
  "war", "summit", "day", "week", "year", "act", "bill", "games", "olympic", "olympics", "christmas",
  "easter", "ramadan", "thanksgiving",
]);
// "Northern Ireland", "West Java": a compass word before a place is part of the place's name.
const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"]);
const ORG_EXTRA = [
  "party", "movement", "framework", "front", "alliance", "league", "brigade", "brigades", "forces",
  "guard", "parliament", "congress", "senate", "assembly", "court", "cabinet", "fc", "united",
  "rovers", "athletic", "nations", "organisation", "exchange", "network", "commons", "lords",
  "studios", "records", "pictures", "bros", "telecom", "trust", "charity", "commission", "group",
  "federation", "foundation", "council", "ministry", "agency", "office", "institute", "club", "chambers",
  "chamber",
];
const PLACE_EXTRA = ["strip", "sea", "ocean", "square", "heights", "isle", "states", "republic"];
const MONTHS_DAYS =
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday";
// All-capital tokens that are not organisations.
const NOT_ACRONYMS =
  "TV VCR PVR GDP CEO CFO MP MPS MEP MEPS PM AM DVD DVDS CD CDS PC PCS HIV AIDS SARS VAT ID IT OK GMT BST PIN SMS PHD VIP IPO MW GB KB MB AD BC DJ DNA RSS PDA PDAS CCTV ISP ISPS WMD LP EP AGM FM II III IV VI";
const NAME_PARTICLES = new Set(["de", "da", "di", "du", "del", "della", "dos", "das", "van", "von", "der", "den", "ter", "bin", "ibn", "bint", "le", "la"]);
// Words after which a lone capitalised word names a place.
const PLACE_PREPS = new Set(["in", "from", "near", "across", "outside", "inside", "towards", "into"]);

interface Lexicon {
  flags: Map<string, number>;
  orgHeads: Set<string>;
  placeHeads: Set<string>;
  notAcronyms: Set<string>;
}

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]>; frozenLex?: Record<string, string | string[]> };
  two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
}

let lexicon: Lexicon | undefined;

function lex(): Lexicon {
  if (lexicon) return lexicon;
  const model = nlp.model() as unknown as CompromiseModel;
  const flags = new Map<string, number>();
  const addAll = (entries: Record<string, string | string[]>): void => {
    for (const [word, tags] of Object.entries(entries)) {
      let f = flags.get(word) ?? KNOWN;
      for (const t of Array.isArray(tags) ? tags : [tags]) f |= TAG_FLAGS[t] ?? 0;
      flags.set(word, f);
    }
  };
  addAll(model.one.lexicon);
  addAll(model.one.frozenLex ?? {});
  const set = (word: string, f: number): void => void flags.set(word, (flags.get(word) ?? KNOWN) | f);
  for (const w of TITLE_WORDS) set(w, TITLE);
  for (const w of MONTHS_DAYS.split(" ")) set(w, TIME);
  lexicon = {
    flags,
    orgHeads: new Set([...Object.keys(model.two.orgWords), ...ORG_EXTRA]),
    placeHeads: new Set([...Object.keys(model.two.placeWords), ...PLACE_EXTRA]),
    notAcronyms: new Set(NOT_ACRONYMS.split(" ")),
  };
  return lexicon;
}

function flagsOf(lower: string): number {
  const f = lex().flags;
  return f.get(lower) ?? (lower.includes("-") ? (f.get(lower.replace(/-/g, " ")) ?? 0) : 0);
}

// ---------------------------------------------------------------- tokens

interface Token {
  text: string; // possessive and "-based"/"-led" suffixes stripped
  lower: string;
  pos: number; // offset in the article (title first)
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
const ARABIC_SURNAME = /^(?:al|el|ad|as|ash|at|az|an|ar|ul|ud)-\p{Lu}/u;
const LOWER_SUFFIX = /^(.+?)-(\p{Ll}[\p{Ll}-]*)$/u;
const SENTENCE_GAP = /[.!?:;“"‘(•]|^\s*['’]/;
const ALL_CAPS = /^\p{Lu}[\p{Lu}&]+$/u;
const CONTRACTION = /['’](?:re|ll|ve|d|t|m)$/iu; // "You're", "Don't"

function tokenize(line: string, offset: number): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of line.matchAll(TOKEN)) {
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
    const compound = text.includes("-") && !arabic ? LOWER_SUFFIX.exec(text) : null;
    if (compound?.[1] && compound[2]) [text, suffix] = [compound[1], compound[2]];
    const prev = out[out.length - 1];
    // "Mr. Smith": the full stop after a title abbreviation neither ends the sentence nor the name.
    const afterTitleDot = prev !== undefined && gap === ". " && (prev.flags & HONORIFIC) !== 0;
    const lower = text.toLowerCase();
    const flags = flagsOf(lower);
    out.push({
      text,
      lower,
      pos: offset + start,
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
function isHeadline(tokens: Token[], line: string): boolean {
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

interface Span {
  run: Token[];
  prev?: Token;
  next?: Token;
}

/** Maximal runs of name tokens, joined across "of"/"for" after an organisation or place head word
 * ("Ministry of Defence"), name particles ("Charles de Gaulle") and "and" inside a country name. */
function spans(tokens: Token[]): Span[] {
  const { orgHeads, placeHeads } = lex();
  const out: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first?.name || first.time) {
      i++;
      continue;
    }
    const run = [first];
    let j = i + 1;
    for (;;) {
      const t = tokens[j];
      const last = run[run.length - 1];
      if (!t || t.broken || !last) break;
      if (t.name && (!t.time || (last.flags & FIRST) !== 0)) {
        run.push(t);
        j++;
        continue;
      }
      const after = tokens[j + 1];
      if (!after || after.broken || !after.name || after.time) break;
      const joins =
        NAME_PARTICLES.has(t.text) ||
        ((t.text === "of" || t.text === "for") && (orgHeads.has(last.lower) || placeHeads.has(last.lower))) ||
        (t.text === "and" && matchPlace(`${last.text} and ${after.text}`) !== undefined);
      if (!joins) break;
      run.push(t, after);
      j += 2;
    }
    out.push({ run, prev: tokens[i - 1], next: tokens[j] });
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------- classification

interface Mention {
  /** undefined: a lone word whose kind is settled by its other mentions (or it is dropped). */
  kind: EntityKind | undefined;
  name: string;
  pos: number;
  tokens: number;
  initial: boolean;
  /** Countries resolve at once; their name is already canonical. */
  country: boolean;
  /** The kind comes from the lexicon, a title or an acronym, not from a guess. */
  sure: boolean;
  /** For lone words: context that says place ("in Idlib", "the Idlib region"). */
  placeCue: boolean;
}

const join = (ts: Token[]): string => ts.map((t) => t.text).join(" ");

function isAcronym(t: Token): boolean {
  return ALL_CAPS.test(t.text) && t.text.length <= 6 && (t.flags & TITLE) === 0;
}

/** How many leading tokens are a title ("Prime Minister", "Presidential Special Envoy", "FM"). */
function titleLength(run: Token[], titles = TITLE | ROLE): number {
  let len = 0;
  let role = false;
  for (let i = 0; i < run.length; i++) {
    const t = run[i];
    if (!t) break;
    const f = t.flags;
    if ((f & titles) !== 0 || (t.lower === "general" && len === i && i > 0)) {
      len = i + 1; // "Attorney General", "Secretary General"
      role ||= (f & TITLE) === 0 && (f & ROLE) !== 0;
      continue;
    }
    if ((f & (FIRST | LAST | PERSON | ORG | PLACE)) !== 0 || ARABIC_SURNAME.test(t.text) || isAcronym(t)) break;
  }
  // "Analyst Michael Blythe" but not "Human Rights Watch".
  if (role && titles !== TITLE && ((run[len]?.flags ?? 0) & FIRST) === 0) return titleLength(run, TITLE);
  return len;
}

/** What a cleaned run names; null when it names nothing (an event, "TV"). */
function classify(
  run: Token[],
  titled: boolean,
  prev: Token | undefined,
  next: Token | undefined,
): { kind: EntityKind | undefined; sure: boolean; placeCue: boolean } | null {
  const { orgHeads, placeHeads, notAcronyms } = lex();
  const n = run.length;
  const first = run[0];
  const last = run[n - 1];
  if (!first || !last || NOT_ENTITY_HEADS.has(last.lower)) return null;
  const whole = n === 1 ? first.flags : flagsOf(run.map((t) => t.lower).join(" "));
  const prevLower = prev && !first.broken ? prev.lower : "";
  // compromise tags some cities as people ("Sydney", "Houston"); "in Sydney" settles it.
  if (whole & PERSON && n === 1 && PLACE_PREPS.has(prevLower)) return { kind: "place", sure: false, placeCue: false };
  if (whole & PERSON) return { kind: "person", sure: true, placeCue: false };
  if (whole & ORG) return { kind: "organisation", sure: true, placeCue: false };
  if (whole & PLACE) return { kind: "place", sure: true, placeCue: false };
  if (n === 1 && ALL_CAPS.test(first.text)) return notAcronyms.has(first.text) ? null : { kind: "organisation", sure: true, placeCue: false };
  if (titled) return { kind: "person", sure: true, placeCue: false };
  const nextLower = next && !next.broken ? next.lower : "";
  if (nextLower === "led" || last.suffix === "led") return { kind: "organisation", sure: false, placeCue: false }; // "Kataib Hezbollah led by"
  if (n === 1) {
    const placeCue = (placeHeads.has(nextLower) && !next?.name) || (PLACE_PREPS.has(prevLower) && (first.flags & KNOWN) === 0);
    return { kind: undefined, sure: false, placeCue };
  }
  const headBeforeOf = run.some((t, i) => (t.text === "of" || t.text === "for") && orgHeads.has(run[i - 1]?.lower ?? ""));
  if (orgHeads.has(last.lower) || headBeforeOf) return { kind: "organisation", sure: false, placeCue: false };
  if (placeHeads.has(last.lower)) return { kind: "place", sure: false, placeCue: false };
  if ((first.flags & FIRST) !== 0 || (last.flags & LAST) !== 0) return { kind: "person", sure: false, placeCue: false };
  // "Asharq Al-Awsat", "Al Jazeera": a capitalised Al after another word is part of a title, not a surname.
  if (run.slice(1).some((t) => /^Al\b/.test(t.text))) return { kind: "organisation", sure: false, placeCue: false };
  if (run.some((t) => NAME_PARTICLES.has(t.text) || ARABIC_SURNAME.test(t.text))) return { kind: "person", sure: false, placeCue: false };
  if (COMPASS.has(first.lower) && (matchPlace(join(run.slice(1))) || (last.flags & PLACE) !== 0)) {
    return { kind: "place", sure: false, placeCue: false };
  }
  if (PLACE_PREPS.has(prevLower)) return { kind: "place", sure: false, placeCue: false };
  if (prevLower === "the") return { kind: "organisation", sure: false, placeCue: false };
  // Capitalised ordinary words ("Coordination Framework") name an institution; unknown words a person.
  const kind = run.every((t) => (t.flags & KNOWN) === 0) ? "person" : "organisation";
  return { kind, sure: false, placeCue: false };
}

/** One run of capitalised words -> zero or more mentions (a country prefix, then the name). */
function mentionsOf(span: Span, lowerWords: Set<string>, out: Mention[]): void {
  const { orgHeads } = lex();
  let run = span.run;
  let prev = span.prev;
  let initial = run[0]?.initial ?? false;
  const country = (name: string, pos: number): void =>
    void out.push({ kind: "place", name, pos, tokens: 1, initial: false, country: true, sure: true, placeCue: false });

  // Grammar, not names: "The", "However", and a sentence's first word if the article uses it in lower
  // case ("Northern Ireland", "New York" stay whole).
  const known = (ts: Token[]): boolean =>
    matchPlace(join(ts)) !== undefined || (flagsOf(ts.map((t) => t.lower).join(" ")) & NAMEISH) !== 0;
  while (run.length > 0) {
    const t = run[0];
    if (!t || ALL_CAPS.test(t.text) || matchPlace(t.text) || known(run) || (COMPASS.has(t.lower) && run.length > 1)) break;
    const f = t.flags;
    const grammatical = (f & FUNCTION) !== 0 && (f & NAMEISH) === 0;
    const commonStart = initial && run.length > 1 && (f & NAMEISH) === 0 && ((f & KNOWN) !== 0 || lowerWords.has(t.lower));
    if (!grammatical && !commonStart) break;
    run = run.slice(1);
    prev = t; // "In Sydney": the dropped word is still context
    initial = false;
  }
  if (run.length === 0) return;

  const whole = matchPlace(join(run));
  if (whole) return country(whole.topic.canonical, run[0]?.pos ?? 0);

  // "Syrian President Bashar al-Assad", "Russian Foreign Ministry": the country, then what follows.
  for (let k = Math.min(maxPlaceWords(), run.length - 1); k >= 1; k--) {
    const m = matchPlace(join(run.slice(0, k)));
    if (!m || m.form === "capital") continue;
    const rest = run.slice(k);
    const titled = titleLength(rest) > 0;
    const isOrg = !titled && rest.some((t) => orgHeads.has(t.lower));
    if (m.form !== "demonym" && !titled && !isOrg) break; // "Jordan Henderson"
    country(m.topic.canonical, run[0]?.pos ?? 0);
    // The institution keeps its country ("Russian Foreign Ministry"), a bare common word does not ("British TV").
    if (isOrg && (rest.length > 1 || ((rest[0]?.flags ?? 0) & KNOWN) === 0)) {
      const pos = run[0]?.pos ?? 0;
      out.push({ kind: "organisation", name: join(run), pos, tokens: run.length, initial: false, country: false, sure: false, placeCue: false });
      return;
    }
    run = rest;
    initial = false;
    break;
  }

  const first = span.run[0];
  const prevTitle = prev !== undefined && first !== undefined && !first.broken && (prev.flags & (TITLE | ROLE)) !== 0;
  let tl = titleLength(run);
  const rest = run.slice(tl);
  const restLast = rest[rest.length - 1];
  // Not a title when an institution follows ("Premier League", "Major League").
  if (restLast && (orgHeads.has(restLast.lower) || lex().placeHeads.has(restLast.lower) || NOT_ENTITY_HEADS.has(restLast.lower))) {
    tl = 0;
  }
  // A title before one ordinary word proves nothing ("Human Rights", "Chancellor Brown"): the word is
  // kept only if the article names it elsewhere. "Mr Brown" is a person all the same.
  const honorific = run.slice(0, tl).some((t) => (t.flags & HONORIFIC) !== 0);
  const weak =
    tl > 0 && !honorific && rest.length === 1 && restLast !== undefined &&
    (((restLast.flags & KNOWN) !== 0 && (restLast.flags & NAMEISH) === 0) || lowerWords.has(restLast.lower));
  run = run.slice(tl);
  // Connectors left by a stripped title ("Envoy for ...") and lone initials are not names.
  while (run.length > 0 && !run[0]?.name) run = run.slice(1);
  if (run.length === 0 || (run.length === 1 && (run[0]?.text.length ?? 0) < 2)) return;
  if (tl > 0) initial = false;
  const c = classify(run, !weak && (tl > 0 || prevTitle), tl > 0 ? undefined : prev, span.next);
  if (!c) return;
  out.push({ kind: c.kind, name: join(run), pos: run[0]?.pos ?? 0, tokens: run.length, initial, country: false, sure: c.sure, placeCue: c.placeCue });
}

// ---------------------------------------------------------------- merging

interface Found {
  kind: EntityKind;
  name: string;
  mentions: number;
  first: number;
}

/** A surname ("al-Sudani", "Al-Sudani", "Blair") or a shorter form of a fuller name ("George Bush"). */
function isShortFormOf(short: string[], long: string[]): boolean {
  if (short.length >= long.length || short[short.length - 1] !== long[long.length - 1]) return false;
  let i = 0;
  for (const w of long) if (w === short[i]) i++;
  return i === short.length;
}

/** Organisations differ only by a plural ("Liberal Democrat", "Liberal Democrats"). */
function keyOf(kind: EntityKind, name: string): string {
  const key = foldKey(name);
  return `${kind}:${kind === "organisation" ? key.replace(/s$/, "") : key}`;
}

function assemble(mentions: Mention[], headlines: Token[][]): Entity[] {
  const found = new Map<string, Found>();
  const add = (kind: EntityKind, name: string, pos: number): void => {
    const key = keyOf(kind, name);
    const f = found.get(key);
    if (!f) found.set(key, { kind, name, mentions: 1, first: pos });
    else {
      f.mentions++;
      f.first = Math.min(f.first, pos);
    }
  };

  // People under their fullest name: shorter forms point at the longest name they are part of.
  const people = [...new Set(mentions.filter((m) => m.kind === "person" && !(m.initial && m.tokens === 1)).map((m) => m.name))]
    .map((name) => ({ name, words: foldKey(name).split(" ") }))
    .sort((a, b) => b.words.length - a.words.length);
  const fullName = (words: string[]): string | undefined => people.find((p) => isShortFormOf(words, p.words))?.name;

  // One kind per name: the lexicon's when it has one, else the most frequent guess ("the Lib Dems"
  // reads as an organisation, a bare "Lib Dems" as a person).
  const votes = new Map<string, Map<EntityKind, number>>();
  for (const m of mentions) {
    if (m.country || m.kind === undefined) continue;
    const key = foldKey(m.name);
    const v = votes.get(key) ?? new Map<EntityKind, number>();
    v.set(m.kind, (v.get(m.kind) ?? 0) + (m.sure ? 1000 : 1));
    votes.set(key, v);
  }
  const kindOf = (m: Mention): EntityKind | undefined => {
    const v = votes.get(foldKey(m.name));
    return v ? [...v].reduce((a, b) => (b[1] > a[1] ? b : a))[0] : undefined;
  };

  const surfaces = new Map<string, { kind: EntityKind; name: string }>();
  const pending = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.country) {
      add("place", m.name, m.pos);
      continue;
    }
    const words = foldKey(m.name).split(" ");
    const longer = m.kind === "person" || m.tokens === 1 ? fullName(words) : undefined;
    if (longer) {
      add("person", longer, m.pos);
      continue;
    }
    const kind = kindOf(m);
    if (kind === undefined || (m.initial && m.tokens === 1)) {
      const key = words.join(" ");
      const group = pending.get(key);
      if (group) group.push(m);
      else pending.set(key, [m]);
      continue;
    }
    add(kind, m.name, m.pos);
    surfaces.set(foldKey(m.name), { kind, name: m.name });
  }
  for (const p of people) surfaces.set(p.words.join(" "), { kind: "person", name: fullName(p.words) ?? p.name });

  // Lone words: kept when the article names them elsewhere, when their kind is sure (lexicon, title,
  // acronym), or when a word the lexicon doesn't know recurs mid-sentence ("Rosneft", "Yukos").
  for (const [key, group] of pending) {
    const known = surfaces.get(key);
    const sure = group.find((m) => m.sure && m.kind !== undefined);
    const mid = group.filter((m) => !m.initial);
    const places = group.filter((m) => m.placeCue).length;
    const unknown = (flagsOf(key) & KNOWN) === 0;
    const guessed = group.find((m) => m.kind !== undefined && !m.initial)?.kind;
    const kind =
      known?.kind ??
      sure?.kind ??
      (places * 2 > group.length ? "place" : (guessed ?? (mid.length >= 2 && unknown ? "organisation" : undefined)));
    if (!kind) continue;
    for (const m of group) add(kind, known?.name ?? (mid[0] ?? m).name, m.pos);
    surfaces.set(key, { kind, name: known?.name ?? (mid[0] ?? group[0])?.name ?? key });
  }

  // Headline-style lines: only countries and names already found, longest first.
  const maxWords = Math.max(maxPlaceWords(), ...people.map((p) => p.words.length));
  for (const tokens of headlines) {
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let k = Math.min(maxWords, tokens.length - i); k >= 1 && matched === 0; k--) {
        const run = tokens.slice(i, i + k);
        if (run.some((t, j) => !t.name || (j > 0 && t.broken))) continue;
        const text = join(run);
        const place = matchPlace(text);
        const person = fullName(foldKey(text).split(" "));
        const s = place
          ? { kind: "place" as const, name: place.topic.canonical }
          : (surfaces.get(foldKey(text)) ?? (person ? { kind: "person" as const, name: person } : undefined));
        if (!s) continue;
        add(s.kind, s.name, run[0]?.pos ?? 0);
        matched = k;
      }
      i += Math.max(matched, 1);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
    .map(({ kind, name, mentions: count }) => ({ kind, name, mentions: count }));
}

/** People, places and organisations in an article, under canonical names, most-mentioned first
 * (ties: first appearance). Places that are countries/demonyms/capitals resolve to the country (an
 * article saying "Syrian" and "Damascus" has the place Syria with 2 mentions). */
export function findEntities(article: { title: string; body: string }): Entity[] {
  const lines: Token[][] = [];
  const headlines: Token[][] = [];
  const lowerWords = new Set<string>();
  let offset = 0;
  for (const line of `${article.title}\n${article.body}`.split("\n")) {
    const tokens = tokenize(line, offset);
    offset += line.length + 1;
    if (tokens.length === 0) continue;
    for (const t of tokens) if (!t.name) lowerWords.add(t.lower);
    (isHeadline(tokens, line) ? headlines : lines).push(tokens);
  }
  const mentions: Mention[] = [];
  for (const tokens of lines) for (const span of spans(tokens)) mentionsOf(span, lowerWords, mentions);
  return assemble(mentions, headlines);
}
