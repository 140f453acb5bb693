// The entity tagger's last step: mentions merged under one name and kind each, most-mentioned first.
import type { Entity, EntityKind } from "../../article.js";
import { foldKey, matchPlace, maxPlaceWords } from "../places.js";
import type { Mention } from "./classify.js";
import { FIRST, GROUP_ADJECTIVES, KNOWN, flagsOf, genderOf } from "./lexicon.js";
import { join, type Token } from "./tokens.js";
import { singular } from "../../text.js";
import { vote, winner } from "../../votes.js";

interface Found {
  kind: EntityKind;
  name: string;
  mentions: number;
  first: number;
  sure: boolean;
}

/** A family name first, then a hyphenated given name: "Ban Ki-moon", "Kim Jong-un". */
const FAMILY_NAME_FIRST = /^\S+ \p{Lu}\p{Ll}{1,4}-\p{Ll}{1,5}$/u;

/** A surname ("al-Sudani", "Al-Sudani", "Blair") or a shorter form of a fuller name ("George Bush"). */
function isShortFormOf(short: string[], long: PersonName): boolean {
  if (short.length === 1 && FAMILY_NAME_FIRST.test(long.name)) return short[0] === long.words[0]; // "Mr Ban"
  const { words } = long;
  if (short.length >= words.length || short[short.length - 1] !== words[words.length - 1]) return false;
  let i = 0;
  for (const w of words) if (w === short[i]) i++;
  return i === short.length;
}

interface PersonName {
  name: string;
  words: string[];
  /** MALE or FEMALE when the given name says so, else 0. */
  gender: number;
}

function personName(name: string): PersonName {
  const words = foldKey(name).split(" ");
  return { name, words, gender: words.length > 1 ? genderOf(flagsOf(words[0] ?? "")) : 0 };
}

/** A lone given name ("Michelle smiled") is the one person of the article with that given name, if
 * there is exactly one. Only names the lexicon knows as given names: a word it does not know may be
 * the first word of a product or a place the tagger took for a person ("Galaxy", "Hollywood"). */
function givenNameOf(words: string[], people: PersonName[]): string | undefined {
  const [word] = words;
  if (words.length !== 1 || word === undefined || (flagsOf(word) & FIRST) === 0) return undefined;
  const named = people.filter((p) => p.words.length > 1 && p.words[0] === word);
  return named.length === 1 ? named[0]?.name : undefined;
}

/** Full names that only a headline spells out ("Michelle Obama makes Vogue cover" over a body that
 * says "Mrs Obama"): a known given name followed by the surname of someone the body names. */
function headlineNames(headlines: Token[][], people: PersonName[]): PersonName[] {
  const surnames = new Set(people.map((p) => p.words[p.words.length - 1]));
  const known = new Set(people.map((p) => p.words.join(" ")));
  const found: PersonName[] = [];
  for (const tokens of headlines) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [given, surname] = [tokens[i]!, tokens[i + 1]!];
      if (!given.name || !surname.name || surname.broken || (given.flags & FIRST) === 0) continue;
      const person = personName(join([given, surname]));
      if (!surnames.has(person.words[1]) || known.has(person.words.join(" "))) continue;
      known.add(person.words.join(" "));
      found.push(person);
    }
  }
  return found;
}

/** Organisations differ only by a plural ("Social Democrat", "Social Democrats"): the folded name
 * with its last word singular. */
function organisationKey(folded: string): string {
  const space = folded.lastIndexOf(" ");
  return folded.slice(0, space + 1) + singular(folded.slice(space + 1));
}

/** A name found again in a headline-style line. */
export interface HeadlineMention {
  kind: EntityKind;
  /** The entity's name. */
  name: string;
  pos: number;
  end: number;
}

/** The article's entities from its mentions, plus names found again in its headline-style lines
 * (pushed to `inHeadlines` when given). An entity is sure when one of its body's mentions is.
 * Sets each mention's `resolved` kind and `onCard`. */
export function assemble(all: Mention[], headlines: Token[][], inHeadlines?: HeadlineMention[]): Entity[] {
  // A work's title names no one, wherever the article repeats it ("The Aviator won five Oscars").
  const works = new Set(all.filter((m) => m.work).map((m) => foldKey(m.name)));
  const mentions = works.size > 0 ? all.filter((m) => !works.has(foldKey(m.name))) : all;
  const found = new Map<string, Found>();
  const add = (kind: EntityKind, name: string, pos: number, sure: boolean): string => {
    const folded = foldKey(name);
    const key = `${kind}:${kind === "organisation" ? organisationKey(folded) : folded}`;
    const f = found.get(key);
    if (!f) found.set(key, { kind, name, mentions: 1, first: pos, sure });
    else {
      f.mentions++;
      f.first = Math.min(f.first, pos);
      f.sure ||= sure;
    }
    return key;
  };
  const entityOf = new Map<Mention, string>();

  // "the Alpha is": a surname alone never takes the article, so a guessed full name ending in that
  // word, with no known given name first and no title ("Mr Alpha"), is a product or a firm ("Galaxy Alpha").
  const definite = new Set(mentions.filter((m) => m.definite).map((m) => foldKey(m.name)));
  const titled = new Set(mentions.filter((m) => m.kind === "person" && m.sure).map((m) => foldKey(m.name)));
  const isThing = ({ words }: PersonName): boolean => {
    const last = words[words.length - 1]!;
    return words.length > 1 && definite.has(last) && (flagsOf(words[0]!) & FIRST) === 0 && !titled.has(words.join(" ")) && !titled.has(last);
  };
  const named = [...new Set(mentions.filter((m) => m.kind === "person" && !(m.initial && m.tokens === 1)).map((m) => m.name))].map(personName);
  const things = named.filter(isThing);
  const thingKeys = new Set(things.map((t) => t.words.join(" ")));

  // People under their fullest name: shorter forms point at the longest name they are part of, the
  // first named when several share a surname, unless a title says otherwise ("Mrs Obama" is not
  // "Barack Obama" when the article also names "Michelle Obama").
  const people = named.filter((p) => !isThing(p)).sort((a, b) => b.words.length - a.words.length);
  people.push(...headlineNames(headlines, people));
  const fullName = (words: string[], gender = 0): string | undefined => {
    const fuller = people.filter((p) => isShortFormOf(words, p));
    if (fuller.length === 0) return givenNameOf(words, people);
    if (gender === 0) return fuller[0]?.name;
    return (fuller.find((p) => p.gender === gender) ?? fuller.find((p) => p.gender === 0))?.name;
  };

  // One kind per name: the lexicon's when it has one, else the most frequent guess ("the Lib Dems"
  // reads as an organisation, a bare "Lib Dems" as a person).
  const votes = new Map<string, Map<EntityKind, number>>();
  for (const m of mentions) {
    if (m.country || m.kind === undefined) continue;
    const key = foldKey(m.name);
    const v = votes.get(key) ?? new Map<EntityKind, number>();
    vote(v, m.kind, m.sure ? 1000 : 1);
    votes.set(key, v);
  }
  const kindOf = (m: Mention): EntityKind | undefined => {
    const key = foldKey(m.name);
    if (thingKeys.has(key)) return "organisation";
    const v = votes.get(key);
    return v ? winner(v) : undefined;
  };

  const surfaces = new Map<string, { kind: EntityKind; name: string }>();
  const pending = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.country) {
      entityOf.set(m, add("place", m.name, m.pos, m.confident === true));
      m.resolved = "place";
      continue;
    }
    const words = foldKey(m.name).split(" ");
    const longer = m.kind === "person" || m.tokens === 1 ? fullName(words, m.gender) : undefined;
    if (longer) {
      entityOf.set(m, add("person", longer, m.pos, m.confident === true && m.kind === "person"));
      m.resolved = "person";
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
    entityOf.set(m, add(kind, m.name, m.pos, m.confident === true && m.kind === kind));
    m.resolved = kind;
    surfaces.set(foldKey(m.name), { kind, name: m.name });
  }
  for (const p of people) surfaces.set(p.words.join(" "), { kind: "person", name: fullName(p.words) ?? p.name });
  // "the Alpha" alone is the Galaxy Alpha, when only one such name ends in it.
  for (const thing of things) {
    const last = thing.words[thing.words.length - 1]!;
    const alone = things.every((t) => t === thing || t.words[t.words.length - 1] !== last);
    if (alone && !surfaces.has(last)) surfaces.set(last, { kind: "organisation", name: thing.name });
  }

  // Lone words: kept when the article names them elsewhere, when their kind is sure (lexicon, title,
  // acronym), or when a word the lexicon doesn't know recurs mid-sentence ("Rosneft", "Yukos").
  for (const [key, group] of pending) {
    if (GROUP_ADJECTIVES.has(key)) continue;
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
    for (const m of group) {
      entityOf.set(m, add(kind, known?.name ?? (mid[0] ?? m).name, m.pos, m.confident === true && m.kind === kind));
      m.resolved = kind;
    }
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
        // A country the body names as something else is that ("Belgium 3 – 0 Panama": the teams).
        const s = place
          ? (surfaces.get(foldKey(place.topic.canonical)) ?? { kind: "place" as const, name: place.topic.canonical })
          : (surfaces.get(foldKey(text)) ?? (person ? { kind: "person" as const, name: person } : undefined));
        if (!s) continue;
        add(s.kind, s.name, run[0]?.pos ?? 0, false);
        const last = run[k - 1]!;
        inHeadlines?.push({ kind: s.kind, name: s.name, pos: run[0]!.pos, end: last.pos + last.text.length });
        matched = k;
      }
      i += Math.max(matched, 1);
    }
  }
  // News introduces a person by their full name: a one-word "person" the article never names in full
  // ("Chelsea boss Jose Mourinho ... Chelsea") is more often a club, a firm or a place than a
  // mononym. Not for a card; still a name for search and clustering.
  for (const entity of found.values()) if (entity.kind === "person" && !entity.name.includes(" ")) entity.sure = false;
  // A mention is on the card when its entity is, whichever of its mentions the model was sure of.
  for (const [m, key] of entityOf) m.onCard = found.get(key)!.sure;
  return [...found.values()]
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
    // Sure is the default: only an unsure entity says so.
    .map(({ kind, name, mentions: count, sure }) => (sure ? { kind, name, mentions: count } : { kind, name, mentions: count, sure }));
}
