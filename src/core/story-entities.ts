// A story card's people, places and organisations: the entities of its articles merged by name
// across spellings and forms, only those the tagger is sure of, a few of each kind.
import type { Article, Entity, EntityKind } from "./article.js";
import { ALL_CAPS } from "./nlp/entities/tokens.js";
import { foldKey } from "./nlp/places.js";
import { singular } from "./text.js";
import { vote, winner } from "./votes.js";

/** A card names the few key people, places and organisations of each kind, not everyone mentioned. */
const MAX_CARD_ENTITIES_PER_KIND = 4;

interface NameTally {
  mentions: number;
  kinds: Map<EntityKind, number>;
  names: Map<string, number>;
  /** Kinds some article's tagger was sure of for this name. */
  sure: Set<EntityKind>;
}

/** A name as a key: folded, middle initials left out ("Barack H. Obama" is Barack Obama). */
function nameKey(name: string): string {
  const words = foldKey(name).split(" ");
  return words.filter((w, i) => i === 0 || i === words.length - 1 || !/^\p{L}\.?$/u.test(w)).join(" ");
}

/** Whether `short` names the institution `long` does, as singular words: the same words ("Tories",
 * "Tory"), or as many words that each start the other's ("Lib Dems", "Liberal Democrats"; several
 * words of three letters at least). Names of different lengths may share initials ("Moto The",
 * "Motorola": small words have none), but are never the same. */
function sameInstitution(short: string[], long: string[]): boolean {
  if (short.length !== long.length) return false;
  return short.every((w, i) => w === long[i]) || (short.length > 1 && short.every((w, i) => w.length >= 3 && long[i]!.startsWith(w)));
}

/** Counts another form's mentions, kinds and spellings under a name it is merged into. */
function foldTally(into: NameTally, from: NameTally): void {
  into.mentions += from.mentions;
  for (const [kind, n] of from.kinds) vote(into.kinds, kind, n);
  for (const [name, n] of from.names) vote(into.names, name, n);
  for (const kind of from.sure) into.sure.add(kind);
}

/** Words an acronym leaves out: "Federal Bureau of Investigation" is the FBI. */
const ACRONYM_SKIPS = new Set(["of", "the", "and", "for"]);

/** The initials an organisation's name is filed under: an acronym's letters ("IMF"), else the first
 * letter of each word but the small ones ("International Monetary Fund"), so the two meet. */
function initialsOf(words: string[], tally: NameTally): string {
  if (words.length > 1) return wordInitials(words);
  const name = winner(tally.names) ?? "";
  return ALL_CAPS.test(name) && name.length <= 6 ? words[0]! : words[0]![0]!;
}

function wordInitials(words: string[]): string {
  let initials = "";
  for (const w of words) if (!ACRONYM_SKIPS.has(w)) initials += w[0];
  return initials;
}

/** Whether `short` is the one-word acronym of `long` ("imf", "international monetary fund"). */
function isAcronymOf(short: string[], long: string[]): boolean {
  return short.length === 1 && long.length > 1 && short[0] === wordInitials(long);
}

/** Folds each name into a more mentioned organisation or place it is another form of, or into its
 * acronym and back ("Islamic State", "IS"). People are left alone: "Ed Balls" and "Edward Balls"
 * may be one man, "William" and "Williams" are not. Only names with the same initials can be forms
 * of one another, so each is compared with those only. */
function mergeInstitutionForms(merged: Map<string, NameTally>): void {
  const kept = new Map<string, Array<{ words: string[]; tally: NameTally }>>();
  for (const [key, tally] of [...merged].sort(([, a], [, b]) => b.mentions - a.mentions)) {
    const words = key.split(" ").map(singular);
    const initials = initialsOf(words, tally);
    let alike = kept.get(initials);
    if (!alike) kept.set(initials, (alike = []));
    const into = alike.find(
      (k) =>
        winner(k.tally.kinds) !== "person" &&
        (sameInstitution(words, k.words) || sameInstitution(k.words, words) || isAcronymOf(words, k.words) || isAcronymOf(k.words, words)),
    );
    if (!into) {
      alike.push({ words, tally });
      continue;
    }
    foldTally(into.tally, tally);
    merged.delete(key);
  }
}

/** A given name this long or longer may be the short form of a longer one. */
const MIN_SHORT_GIVEN_NAME = 3;

/** Folds a person into a more mentioned one of the story with the same other names and a given name
 * that starts the same way: "Steve Gerrard" is the "Steven Gerrard", "Rafa Benitez" the "Rafael
 * Benitez" of the other reports. */
function mergeShortGivenNames(merged: Map<string, NameTally>): void {
  const byRest = new Map<string, Array<[string, NameTally]>>();
  for (const [key, tally] of merged) {
    const space = key.indexOf(" ");
    if (space < 0 || winner(tally.kinds) !== "person") continue;
    const rest = key.slice(space);
    const group = byRest.get(rest);
    if (group) group.push([key, tally]);
    else byRest.set(rest, [[key, tally]]);
  }
  for (const group of byRest.values()) {
    if (group.length < 2) continue;
    const kept: Array<{ given: string; tally: NameTally }> = [];
    for (const [key, tally] of group.sort(([, a], [, b]) => b.mentions - a.mentions)) {
      const given = key.slice(0, key.indexOf(" "));
      const into = kept.find((k) => {
        const [short, long] = k.given.length <= given.length ? [k.given, given] : [given, k.given];
        return short.length >= MIN_SHORT_GIVEN_NAME && long.startsWith(short);
      });
      if (!into) {
        kept.push({ given, tally });
        continue;
      }
      foldTally(into.tally, tally);
      merged.delete(key);
    }
  }
}

/** Entities across the story's articles, merged by name whatever its case ("Isis", "ISIS") or middle
 * initials, and an organisation or place across its forms ("Tories", "Tory"), most mentioned first,
 * a few of each kind. Articles may disagree on a name's kind ("Chelsea" the club or a person) or
 * spelling: the one with the most mentions across the story wins.
 * A lone given name or surname that one other article spells out in full is that person ("Najib" and
 * "Najib Razak"), and so is a lone surname taken for an organisation ("Parry", "Rick Parry"); a name
 * that stays alone is named on the card only if mentioned more than once. A short given name is the
 * longer one of the same person ("Steve Gerrard", "Steven Gerrard"). */
export function storyEntities(articles: ReadonlyArray<Pick<Article, "entities">>): Entity[] {
  const merged = new Map<string, NameTally>();
  for (const entity of articles.flatMap((a) => a.entities)) {
    const key = nameKey(entity.name);
    const seen = merged.get(key) ?? { mentions: 0, kinds: new Map(), names: new Map(), sure: new Set() };
    seen.mentions += entity.mentions;
    // Entities stored before the tagger said how sure it was are taken as sure.
    if (entity.sure !== false) seen.sure.add(entity.kind);
    vote(seen.kinds, entity.kind, entity.mentions);
    vote(seen.names, entity.name, entity.mentions);
    merged.set(key, seen);
  }
  mergeInstitutionForms(merged);
  mergeShortGivenNames(merged);
  // Full names by their given name and by their surname; null when two people share it.
  const byGiven = new Map<string, NameTally | null>();
  const bySurname = new Map<string, NameTally | null>();
  const lone: Array<[string, NameTally, EntityKind]> = [];
  for (const [key, tally] of merged) {
    const kind = winner(tally.kinds);
    const space = key.indexOf(" ");
    if (space < 0) lone.push([key, tally, kind]);
    else if (kind === "person") {
      const given = key.slice(0, space);
      const surname = key.slice(key.lastIndexOf(" ") + 1);
      byGiven.set(given, byGiven.has(given) ? null : tally);
      bySurname.set(surname, bySurname.has(surname) ? null : tally);
    }
  }
  for (const [key, tally, kind] of lone) {
    // A surname the tagger took for a firm in an article that names no one in full ("Parry said").
    const given = kind === "person" ? byGiven.get(key) : undefined;
    const surname = kind === "place" ? undefined : bySurname.get(key);
    if (given === null || surname === null || (given && surname && given !== surname)) continue;
    const fuller = given ?? surname;
    if (!fuller) continue;
    fuller.mentions += tally.mentions;
    merged.delete(key);
  }
  const ranked = [...merged.values()]
    // Precision first: a name whose kind no article was sure of helps search, not the card.
    .filter((t) => t.sure.has(winner(t.kinds)))
    .map((t): Entity => ({ kind: winner(t.kinds), name: winner(t.names), mentions: t.mentions }))
    // A one-word "person" named once is more often a stray word than a key person ("Ed", "Kent").
    .filter((e) => e.kind !== "person" || e.name.includes(" ") || e.mentions > 1)
    .sort((a, b) => b.mentions - a.mentions);
  const kept = new Map<string, number>();
  return ranked.filter((e) => {
    const n = (kept.get(e.kind) ?? 0) + 1;
    kept.set(e.kind, n);
    return n <= MAX_CARD_ENTITIES_PER_KIND;
  });
}
