// The entity tagger's classifier: a run of name words -> mentions of people, places and organisations.
import type { EntityKind } from "../../article.js";
import { matchPlace, maxPlaceWords, startsLongerPlace } from "../places.js";
import {
  COMPASS,
  FIRST,
  FUNCTION,
  GROUP_ADJECTIVES,
  HONORIFIC,
  KNOWN,
  LAST,
  LEADING_PLACE_HEADS,
  NAME_PARTICLES,
  NAMEISH,
  NOT_ENTITY_HEADS,
  ORG,
  PERSON,
  PLACE,
  PLACE_PREPS,
  ROLE,
  TITLE,
  flagsOf,
  genderOf,
  lex,
} from "./lexicon.js";
import { ALL_CAPS, ARABIC_SURNAME, join, type Span, type Token } from "./tokens.js";

export interface Mention {
  /** undefined: a lone word whose kind is settled by its other mentions (or it is dropped). */
  kind: EntityKind | undefined;
  name: string;
  pos: number;
  /** Where the mention ends in the article (its last word, without a possessive or "-based"). */
  end: number;
  tokens: number;
  initial: boolean;
  /** Countries resolve at once; their name is already canonical. */
  country: boolean;
  /** The kind comes from the lexicon, a title or an acronym, not from a guess. */
  sure: boolean;
  /** For lone words: context that says place ("in Idlib", "the Idlib region"). */
  placeCue: boolean;
  /** MALE or FEMALE when a title says so ("Mrs Obama"), else 0: which full name a surname is short for. */
  gender: number;
  /** A lone word after "the" ("the Alpha"): no one's surname alone, though it may modify a noun ("the Obama administration"). */
  definite?: boolean;
  /** The title of a film, book or show ("the film The Aviator"): no person, place or organisation. */
  work?: boolean;
  /** The entity model is sure of the kind (model.ts): a card may show it. */
  confident?: boolean;
  /** Where the mention starts with the title before the name ("Professor Chomsky"), when it has one. */
  titledFrom?: number;
  /** The mention as news annotators mark it, when wider than the name: with the title, the
   * affiliation before a role word ("Facebook creator Mark Zuckerberg") or after "of" ("Michael Tien of NPP"). */
  writtenFrom?: number;
  writtenTo?: number;
  /** The kind of the entity the article's mentions made of it (assemble.ts); undefined: dropped. */
  resolved?: EntityKind;
  /** The entity it was merged into is sure: a card shows it (assemble.ts). */
  onCard?: boolean;
}

/** Where the mention starts and ends as written (see writtenFrom). */
export function writtenSpan(m: Mention): { start: number; end: number } {
  return { start: m.writtenFrom ?? m.titledFrom ?? m.pos, end: m.writtenTo ?? m.end };
}

/** Where a run of tokens ends in the article. */
function endOf(run: Token[]): number {
  const last = run[run.length - 1];
  return last ? last.pos + last.text.length : 0;
}

/** Words before the title of a work: "the film Million Dollar Baby", "her novel Small Island". */
const WORK_WORDS = new Set([
  "film", "films", "movie", "movies", "drama", "comedy", "thriller", "musical", "documentary", "sitcom",
  "soap", "series", "album", "novel", "book", "opera", "ballet",
]);

/** Words before the name of a craft or a storm (2: may be followed by another such word, "Space
 * Shuttle", "Tropical Storm"). */
const CRAFT_WORDS = new Map([
  ["space", 2], ["tropical", 2], ["shuttle", 1], ["cyclone", 1], ["hurricane", 1], ["typhoon", 1], ["storm", 1],
  ["hms", 1], ["uss", 1], ["rms", 1], ["mv", 1],
]);

/** Verbs that follow a subject: after one, the word before ended its noun phrase. */
const AUXILIARIES = new Set(["is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "may", "might", "should", "must", "does", "did"]);
/** "Elizabeth II", "Henry VIII": part of a name. */
const ROMAN_NUMERAL = /^[IVX]+$/;
const PLURAL_ACRONYM = /^\p{Lu}{2,}s$/u;
const DIGIT = /\p{N}/u;
/** Letters after a name say what the person is, not who ("Ruth Kelly MP", "Philippe Sands QC"). A
 * seat is also a party's ("the Labour MP"); silk and honours only a person's. */
const SEATS = new Set(["MP", "MSP", "MEP", "MLA", "MPs", "MSPs", "MEPs", "MLAs"]);
const HONOURS = new Set(["QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE"]);

/** Words for land and water that name a place with "of" after them ("Bay of Biscay", "City of London");
 * not "House of Representatives" or "Islamic State of Iraq". */
const GEOGRAPHIC_HEADS = new Set([
  "gulf", "bay", "sea", "strait", "straits", "isle", "island", "islands", "lake", "cape", "city", "district",
  "province", "county", "region", "valley", "coast", "river", "mount",
]);

/** Words for what someone does or is: "sprinter", "protester", "Frenchman", "heiress". */
const AGENT_NOUN = /^\p{Lu}\p{Ll}{2,}(?:er|ers|or|ors|man|men|woman|ess|ist|ists)$/u;

/** A kind of party before a member's name: "Conservative Michael Howard", "Liberal Democrat Charles Kennedy". */
const PARTY_MEMBER = new Set(["conservative", "liberal", "democrat", "republican", "socialist", "communist", "green"]);

function describesPerson(t: Token): boolean {
  return PARTY_MEMBER.has(t.lower) || (AGENT_NOUN.test(t.text) && (t.flags & (FIRST | LAST | PERSON | ORG | PLACE | TITLE | ROLE)) === 0);
}

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
    if (t.text === "of" && len === i && i > 0 && run[i + 1]?.text === "State") {
      len = ++i + 1; // "Secretary of State", "Minister of State": the rank, not a state
      continue;
    }
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

/** Title words that are part of an institution's name, not a person's title: what follows ends in an
 * organisation or place word or an event ("Premier League", "Major League"), and no Mr, Mrs, Dr or
 * given name says a person ("Mr Hill", "Housing Minister Keith Hill"). */
function titleOfInstitution(titles: Token[], rest: Token[]): boolean {
  const last = rest[rest.length - 1];
  if (titles.length === 0 || !last) return false;
  if (titles.some((t) => (t.flags & HONORIFIC) !== 0) || ((rest[0]?.flags ?? 0) & FIRST) !== 0) return false;
  const { orgHeads, placeHeads } = lex();
  return orgHeads.has(last.lower) || placeHeads.has(last.lower) || NOT_ENTITY_HEADS.has(last.lower);
}

/** A stadium word before a plain name is a club ("Stade Toulousain", "Stade Français"); before
 * "de" it is the stadium ("Stade de France"). */
function isClub([first, second]: Token[]): boolean {
  return first?.lower === "stade" && second !== undefined && !NAME_PARTICLES.has(second.text);
}

function isNameWord(t: Token): boolean {
  return (t.flags & KNOWN) === 0 || (t.flags & (FIRST | LAST | PERSON | ORG | PLACE)) === FIRST;
}

/** A country's mention: its name is already canonical. */
function countryMention(name: string, ts: Token[]): Mention {
  return { kind: "place", name, pos: ts[0]?.pos ?? 0, end: endOf(ts), tokens: ts.length, initial: false, country: true, sure: true, placeCue: false, gender: 0 };
}

/** Words the gazetteer or the lexicon know as a name ("Northern Ireland", "New York"). */
function isKnownName(ts: Token[]): boolean {
  return matchPlace(join(ts)) !== undefined || (flagsOf(ts.map((t) => t.lower).join(" ")) & NAMEISH) !== 0;
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
  if (!first || !last || NOT_ENTITY_HEADS.has(last.lower) || (n === 1 && SEATS.has(first.text))) return null;
  const phrase = n === 1 ? first.lower : run.map((t) => t.lower).join(" ");
  if (n > 1 && GROUP_ADJECTIVES.has(phrase)) return null; // "Middle Eastern"
  if (n === 1 && PLURAL_ACRONYM.test(first.text)) return null; // "PCs", "DVDs": things, not a name
  const whole = n === 1 ? first.flags : flagsOf(phrase);
  const prevLower = prev && !first.broken ? prev.lower : "";
  // compromise tags some cities as people ("Sydney", "Santa Monica"); "in Sydney" settles it, unless
  // a given name starts it ("in Whitney Houston's voice").
  if (whole & PERSON && (n === 1 || (first.flags & FIRST) === 0) && PLACE_PREPS.has(prevLower)) return { kind: "place", sure: false, placeCue: false };
  if (whole & PERSON) return { kind: "person", sure: true, placeCue: false };
  if (whole & ORG) return { kind: "organisation", sure: true, placeCue: false };
  if (whole & PLACE) return { kind: "place", sure: true, placeCue: false };
  if (n === 1 && ALL_CAPS.test(first.text)) return notAcronyms.has(first.text) ? null : { kind: "organisation", sure: true, placeCue: false };
  // No one's name ends in an acronym or a model number; products and firms do ("Windows XP", "Deloitte
  // LLP", "Qualcomm MSM8974").
  if (n > 1 && ((isAcronym(last) && !ROMAN_NUMERAL.test(last.text)) || DIGIT.test(last.text))) return { kind: "organisation", sure: false, placeCue: false };
  if (titled) return { kind: "person", sure: true, placeCue: false };
  const nextLower = next && !next.broken ? next.lower : "";
  if (nextLower === "led" || last.suffix === "led") return { kind: "organisation", sure: false, placeCue: false }; // "Kataib Hezbollah led by"
  if (n === 1) {
    const placeCue = (placeHeads.has(nextLower) && !next?.name) || (PLACE_PREPS.has(prevLower) && (first.flags & KNOWN) === 0);
    return { kind: undefined, sure: false, placeCue };
  }
  const headBeforeOf = run.some((t, i) => (t.text === "of" || t.text === "for") && orgHeads.has(run[i - 1]?.lower ?? ""));
  if (orgHeads.has(last.lower) || headBeforeOf) return { kind: "organisation", sure: false, placeCue: false };
  // "Gulf of Mexico", "Strait of Hormuz": a word for land or water before "of".
  // "State of Texas" too, but not "Islamic State of Iraq".
  const placeHeadBeforeOf = run.some((t, i) => t.text === "of" && GEOGRAPHIC_HEADS.has(run[i - 1]?.lower ?? "")) || (first.lower === "state" && run[1]?.text === "of");
  if (placeHeads.has(last.lower) || placeHeadBeforeOf) return { kind: "place", sure: false, placeCue: false };
  // "Rue de Charonne", "Gare du Nord", "Boulevard Voltaire": the place word comes first.
  if (LEADING_PLACE_HEADS.has(first.lower)) return { kind: isClub(run) ? "organisation" : "place", sure: false, placeCue: false };
  if ((first.flags & FIRST) !== 0 || (last.flags & LAST) !== 0) return { kind: "person", sure: false, placeCue: false };
  // "Asharq Al-Awsat", "Al Jazeera": a capitalised Al after another word is part of a title, not a surname.
  if (run.slice(1).some((t) => /^Al\b/.test(t.text))) return { kind: "organisation", sure: false, placeCue: false };
  if (run.some((t) => NAME_PARTICLES.has(t.text) || ARABIC_SURNAME.test(t.text))) return { kind: "person", sure: false, placeCue: false };
  if (COMPASS.has(first.lower) && (matchPlace(join(run.slice(1))) || (last.flags & PLACE) !== 0)) {
    return { kind: "place", sure: false, placeCue: false };
  }
  // "in Sharm el-Sheikh", but not "from AC Milan": an acronym starts the name of a firm or a club.
  if (PLACE_PREPS.has(prevLower) && !isAcronym(first)) return { kind: "place", sure: false, placeCue: false };
  if (prevLower === "the") return { kind: "organisation", sure: false, placeCue: false };
  // Capitalised ordinary words ("Coordination Framework") name an institution; unknown words a
  // person, with a given name among them ("Saddam Hussein": Hussein is a name, not an ordinary word).
  // A word known as someone's name, then unknown words: "Warren Beatty", "Lee Bowyer" ("Franz
  // Ferdinand", "Tate Britain" end in known words and stay as they are).
  const personLed = (first.flags & (PERSON | ORG | PLACE)) === PERSON && run.slice(1).every((t) => (t.flags & KNOWN) === 0);
  const kind = !isAcronym(first) && (personLed || run.every(isNameWord)) ? "person" : "organisation";
  return { kind, sure: false, placeCue: false };
}

/** One run of capitalised words -> zero or more mentions (a country prefix, then the name). */
export function mentionsOf(span: Span, lowerWords: Set<string>, out: Mention[]): void {
  const { orgHeads } = lex();
  let run = span.run;
  let prev = span.prev;
  let initial = run[0]?.initial ?? false;

  // Grammar, not names: "The", "However", and a sentence's first word if the article uses it in lower
  // case ("Northern Ireland", "New York", "Liberal Democrat MPs" stay whole).
  while (run.length > 0) {
    const t = run[0];
    // A title stays for the title logic below ("Mrs Obama" at the start of a sentence).
    if (!t || ALL_CAPS.test(t.text) || matchPlace(t.text) || isKnownName(run) || (COMPASS.has(t.lower) && run.length > 1) || (t.flags & TITLE) !== 0) break;
    if (t.lower === "air" && run.length === 2 && matchPlace(run[1]?.text ?? "")) break; // "Air France cut jobs": the airline
    const f = t.flags;
    const grammatical = (f & FUNCTION) !== 0 && (f & NAMEISH) === 0;
    const commonStart = initial && run.length > 1 && (f & NAMEISH) === 0 && ((f & KNOWN) !== 0 || lowerWords.has(t.lower));
    if (!grammatical && !commonStart) break;
    if (!grammatical && run.length > 2 && isKnownName(run.slice(0, 2))) break;
    // "Home Office", "Labour Party": what is left would be a head word alone, which names nothing.
    if (!grammatical && run.length === 2 && orgHeads.has(run[1]!.lower) && (run[1]!.flags & NAMEISH) === 0) break;
    run = run.slice(1);
    prev = t; // "In Sydney": the dropped word is still context
    initial = false;
  }
  if (run.length === 0) return;
  // "the film The Aviator": a title, whatever its words (without the "The" just stripped).
  if (span.prev !== undefined && !span.run[0]!.broken && WORK_WORDS.has(span.prev.lower)) {
    out.push({ kind: undefined, name: join(run), pos: run[0]!.pos, end: endOf(run), tokens: run.length, initial: false, country: false, sure: false, placeCue: false, gender: 0, work: true });
    return;
  }
  // "Space Shuttle Atlantis", "Cyclone Phailin", "HMS Victory": a craft or a storm, named like a
  // person but none; its name alone ("Atlantis") is the same thing wherever the article repeats it.
  const craft = CRAFT_WORDS.get(run[0]!.lower) === 2 && run.length > 2 && CRAFT_WORDS.has(run[1]!.lower) ? 2 : CRAFT_WORDS.has(run[0]!.lower) ? 1 : 0;
  if (craft > 0 && run.length > craft && (run[craft]!.flags & (TITLE | ROLE)) === 0) {
    const named = run.slice(craft);
    out.push({ kind: undefined, name: join(named), pos: run[0]!.pos, end: endOf(run), tokens: run.length, initial: false, country: false, sure: false, placeCue: false, gender: 0, work: true });
    return;
  }
  // "Sprinter Mark Lewis-Francis", "Frenchman Cyril Saulnier", "Liberal Democrat Charles Kennedy":
  // words for what someone is, before a given name and a surname, describe the person (titles are
  // left to the title logic below).
  let described = 0;
  while (described < 2 && run.length - described > 2 && describesPerson(run[described]!)) described++;
  if (described > 0 && (run[described]!.flags & FIRST) !== 0) {
    prev = run[described - 1];
    run = run.slice(described);
    initial = false;
  }
  // "Guy Mansfield QC" is a person whatever the words before say; a seat is dropped after a name of
  // two words or more, or after a known organisation ("the Labour MP" names the party, not a person
  // called Labour).
  let lettered = false;
  while (run.length > 1) {
    const end = run[run.length - 1]!.text;
    if (HONOURS.has(end)) lettered = true;
    else if (!SEATS.has(end) || (run.length <= 2 && (flagsOf(run[0]!.lower) & ORG) === 0)) break;
    run = run.slice(0, -1);
  }

  const whole = matchPlace(join(run));
  if (whole) return void out.push(countryMention(whole.topic.canonical, run));

  // "Syrian President Bashar al-Assad", "Russian Foreign Ministry": the country, then what follows.
  let countryFrom: number | undefined;
  const longest = startsLongerPlace(run[0]!.text) ? Math.min(maxPlaceWords(), run.length - 1) : 1;
  for (let k = longest; k >= 1; k--) {
    const m = matchPlace(join(run.slice(0, k)));
    if (!m) continue;
    const rest = run.slice(k);
    const titled = titleLength(rest) > 0;
    // A capital is the place only before a title ("London Mayor Sadiq Khan"); else it starts a name ("Paris Hilton").
    if (m.form === "capital" && !titled) continue;
    const isOrg = !titled && rest.some((t) => orgHeads.has(t.lower));
    if (m.form !== "demonym" && !titled && !isOrg) break; // "Jordan Henderson"
    out.push(countryMention(m.topic.canonical, run.slice(0, k)));
    // The institution keeps its country ("Russian Foreign Ministry"), a bare common word does not ("British TV").
    if (isOrg && (rest.length > 1 || ((rest[0]?.flags ?? 0) & KNOWN) === 0)) {
      const pos = run[0]?.pos ?? 0;
      out.push({ kind: "organisation", name: join(run), pos, end: endOf(run), tokens: run.length, initial: false, country: false, sure: false, placeCue: false, gender: 0 });
      return;
    }
    // "US President Barack Obama": as written, the person's mention starts at the country; not at a
    // nationality, an adjective ("Syrian President Bashar al-Assad").
    if (titled && m.form !== "demonym") countryFrom = run[0]!.pos;
    run = rest;
    initial = false;
    break;
  }

  // "IMF Managing Director Christine Lagarde", "FBI Director James Comey", "New York Senator Charles
  // Schumer": the organisation or the place, then the person its title introduces.
  for (let k = 1; k < run.length - 1; k++) {
    const head = run.slice(0, k);
    const rest = run.slice(k);
    const tl = titleLength(rest);
    if (tl === 0 || tl >= rest.length || titleOfInstitution(rest.slice(0, tl), rest.slice(tl))) continue; // "FA Premier League"
    const last = head[k - 1]!;
    const acronym = k === 1 && isAcronym(last) && !lex().notAcronyms.has(last.text);
    const flags = flagsOf(head.map((t) => t.lower).join(" "));
    const known = (flags & ORG) !== 0;
    const place = !known && (flags & PLACE) !== 0 && (flags & (FIRST | LAST | PERSON)) === 0;
    // A lone head word is a portfolio, not an institution ("Education Secretary Ruth Kelly").
    if (!acronym && !known && !place && !(k > 1 && orgHeads.has(last.lower))) continue;
    const pos = head[0]?.pos ?? 0;
    const kind = place ? "place" : "organisation";
    out.push({ kind, name: join(head), pos, end: endOf(head), tokens: k, initial: false, country: false, sure: acronym || known || place, placeCue: false, gender: 0 });
    // As written, the person's mention starts there, as after a country ("US President Barack Obama").
    countryFrom ??= pos;
    run = rest;
    initial = false;
    break;
  }

  const first = span.run[0];
  const prevTitle = prev !== undefined && first !== undefined && !first.broken && (prev.flags & (TITLE | ROLE)) !== 0;
  let tl = titleLength(run);
  const rest = run.slice(tl);
  const restLast = rest[rest.length - 1];
  if (titleOfInstitution(run.slice(0, tl), rest)) tl = 0;
  const titles = run.slice(0, tl);
  const honorific = titles.some((t) => (t.flags & HONORIFIC) !== 0);
  const gender = genderOf(titles.reduce((g, t) => g | t.flags, prevTitle && tl === 0 ? (prev?.flags ?? 0) : 0));
  // A title before one ordinary word proves nothing ("Human Rights", "Chancellor Brown"): the word is
  // kept only if the article names it elsewhere. "Mr Brown" is a person all the same.
  const weak =
    tl > 0 && !honorific && rest.length === 1 && restLast !== undefined &&
    (((restLast.flags & KNOWN) !== 0 && (restLast.flags & NAMEISH) === 0) || lowerWords.has(restLast.lower));
  // A title's portfolio is no one's name, though it may be a place: "Secretary of State for Culture",
  // "Envoy for Syria", "Minister for Europe Denis MacShane" (a name after it starts at a given name).
  let name = tl;
  if (tl > 0 && run[tl]?.text === "for") {
    name = run.findIndex((t, i) => i > tl && (t.flags & FIRST) !== 0);
    const portfolio = run.slice(tl + 1, name < 0 ? undefined : name);
    const place = matchPlace(join(portfolio));
    if (place) out.push(countryMention(place.topic.canonical, portfolio));
    if (name < 0) return;
  }
  // The mention as written starts at its title when the title is part of the name's run ("Professor
  // Chomsky", "President Barack Obama"); the name itself does not.
  // At a sentence's start only a title proper ("President Obama has"), not a role ("Analyst Mike Blythe").
  const titledFrom = tl > 0 && name === tl && (!run[0]!.initial || (run[0]!.flags & TITLE) !== 0) ? run[0]!.pos : undefined;
  run = run.slice(name);
  // Connectors left by a stripped title ("Envoy for ...") and lone initials are not names.
  while (run.length > 0 && !run[0]?.name) run = run.slice(1);
  if (run.length === 0 || (run.length === 1 && (run[0]?.text.length ?? 0) < 2)) return;
  if (tl > 0) initial = false;
  // A role word before an institution describes it: "champion Manchester United", "partner Mitsubishi
  // Motors"; before a given name, a person all the same ("actress Nathalie Press").
  const describesInstitution = tl === 0 && orgHeads.has(run[run.length - 1]?.lower ?? "") && ((run[0]?.flags ?? 0) & FIRST) === 0;
  let c = classify(run, lettered || (!weak && (tl > 0 || (prevTitle && !describesInstitution))), tl > 0 ? undefined : prev, span.next);
  if (!c) return;
  // "Chelsea boss Jose Mourinho": a lone name that is no common word, then a rank in lower case and a
  // person, is where the person holds the rank.
  const { next, nextButOne } = span;
  const word = run[0]!;
  if (
    c.kind === undefined && run.length === 1 && ((word.flags & KNOWN) === 0 || (word.flags & NAMEISH) !== 0) &&
    next !== undefined && !next.broken && !next.name && (next.flags & TITLE) !== 0 &&
    nextButOne !== undefined && !nextButOne.broken && (nextButOne.flags & FIRST) !== 0
  ) {
    c = { kind: "organisation", sure: false, placeCue: false };
  }
  // "the Alpha is", "the Alpha, both": the word ends its phrase. "the Abdeslam brothers" does not.
  const after = span.next;
  const endsPhrase = !after || after.broken || (after.flags & FUNCTION) !== 0 || AUXILIARIES.has(after.lower);
  const definite = run.length === 1 && tl === 0 && prev?.lower === "the" && run[0]?.broken === false && endsPhrase;
  out.push({ kind: c.kind, name: join(run), pos: run[0]?.pos ?? 0, end: endOf(run), tokens: run.length, initial, country: false, sure: c.sure, placeCue: c.placeCue, gender, definite, titledFrom, writtenFrom: titledFrom === undefined ? undefined : countryFrom });
}
