// Country gazetteer: every surface form of every country (names, demonyms, capitals, endonyms),
// built once from the world-countries data, so "Syrian" or "Damascus" can be searched as Syria.
// The build (scripts/build.js) writes it beside the compiled module as a table (places.json), which
// the compiled code reads instead of deriving it again from world-countries' 1.4 MB at start-up.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import type { EntityKind } from "../article.js";

/** Where the build writes the gazetteer's table, beside this module (none beside the sources). */
export const PLACE_TABLE_FILE = new URL("./places.json", import.meta.url);

/** world-countries, loaded when the gazetteer is built from it. Its types declare an ES default
 * export, but its CommonJS module.exports is the array itself. */
const countries = (): readonly Country[] => createRequire(import.meta.url)("world-countries") as readonly Country[];

export interface Topic {
  canonical: string;
  kind: EntityKind;
  /** Every surface form worth searching for, including the canonical name. */
  terms: string[];
}

/** How a surface form names its country: capitals only count as a whole name, never as a prefix. */
export type PlaceForm = "name" | "demonym" | "capital";

export interface PlaceMatch {
  topic: Topic;
  form: PlaceForm;
}

// Forms news uses that world-countries 5.1 lacks: it has only "Türkiye"/"Turkiye" (no "Turkey"),
// no dotted abbreviations, no "Britain", no lone "America" (longer names stay whole: "South
// America", "Motion Picture Association of America"), and "Saudi" without a plural (below).
const HAND_ADDED: Record<string, string[]> = {
  TUR: ["Turkey"],
  GBR: ["Britain", "U.K."],
  USA: ["U.S.", "U.S.A.", "America"],
};
// Words for a country's people that it lacks: demonyms, so that before a name they are the country
// ("Briton Tim Henman": Tim Henman, of the United Kingdom), not the name's first word.
const HAND_ADDED_DEMONYMS: Record<string, string[]> = {
  TUR: ["Turks"],
  GBR: ["Briton", "Britons", "Brits"],
  SAU: ["Saudis"],
};

// Two-letter codes are mostly noise ("SY", "IN" is a word); these two are how news names the country.
const NEWS_CODES = new Set(["US", "UK"]);

// Endonyms that are also common English given names.
const NOT_PLACE_NAMES = new Set(["Maurice"]);

// Forms whose accent-free spelling is an everyday English word ("male"): matched only as written.
const AS_WRITTEN = new Set(["Malé"]);

const LATIN = /^[\p{Script=Latin}\p{M}\s'’.-]+$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;

const PLAIN = /^[a-z0-9'.&-]+(?: [a-z0-9'.&-]+)*$/;
// Entity extraction folds the same few thousand names over and over; NFKD is the costly part.
const folded = new Map<string, string>();

/** Lowercase, no diacritics, straight apostrophes, single spaces: the key for insensitive lookups. */
export function foldKey(s: string): string {
  const lower = s.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  let key = folded.get(s);
  if (key === undefined) {
    key = lower
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[’‘`]/g, "'")
      .replace(/\s+/g, " ")
      .trim();
    if (folded.size > 50_000) folded.clear();
    folded.set(s, key);
  }
  return key;
}

/** Plural of a demonym: Syrian -> Syrians, Iraqi -> Iraqis, Czech -> Czechs; none for Turkish, Chinese, Swiss, Dutch. */
function demonymPlural(d: string): string | undefined {
  if (/ech$/i.test(d)) return `${d}s`;
  if (/(ese|ish|sh|ch|ss|x|z|ois|i-kiribati|ni-vanuatu)$/i.test(d)) return undefined;
  return `${d}s`;
}

interface Candidate {
  topic: Topic;
  form: PlaceForm;
  /** Lower wins when two countries share a form: names beat alternatives beat demonyms beat capitals. */
  rank: number;
  country: Country;
}

interface Gazetteer {
  /** Folded key -> best match, for forms that are not all capitals. */
  folded: Map<string, PlaceMatch>;
  /** All-capitals forms ("US", "UAE"), case-sensitive so the pronoun "us" never matches; and AS_WRITTEN. */
  exact: Map<string, PlaceMatch>;
  topics: Topic[];
  maxWords: number;
  /** First words of the forms of two words or more, folded. */
  starts: Set<string>;
}

/** Deterministic preference between countries sharing a form (Congolese, Kingston, American). */
function better(a: Candidate, b: Candidate): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.country.unMember !== b.country.unMember) return a.country.unMember;
  if (a.country.independent !== b.country.independent) return a.country.independent === true;
  if (a.country.area !== b.country.area) return a.country.area > b.country.area;
  return a.country.cca3 < b.country.cca3;
}

function countryForms(c: Country): { form: PlaceForm; rank: number; text: string }[] {
  const out: { form: PlaceForm; rank: number; text: string }[] = [];
  const add = (form: PlaceForm, rank: number, text: string | undefined): void => {
    if (text) out.push({ form, rank, text: text.trim() });
  };
  add("name", 0, c.name.common);
  add("name", 1, c.name.official);
  for (const alt of c.altSpellings) {
    if (ALL_CAPS.test(alt) && alt.length === 2 && !NEWS_CODES.has(alt)) continue;
    // Catalogue inversions ("Korea, Republic of") and bracketed forms are not how text names a country.
    if (!LATIN.test(alt)) continue;
    add("name", 2, alt);
  }
  // Endonyms in Latin script (Türkiye, España, Cabo Verde): the country's own name, often used in English.
  const endonyms = new Set<string>();
  for (const lang of Object.keys(c.languages)) endonyms.add(c.translations[lang]?.common ?? "");
  for (const n of Object.values(c.name.native)) endonyms.add(n.common);
  for (const e of endonyms) if (e && LATIN.test(e) && !NOT_PLACE_NAMES.has(e)) add("name", 2, e);
  for (const h of HAND_ADDED[c.cca3] ?? []) add("name", 2, h);
  const eng = c.demonyms.eng;
  for (const d of eng ? [eng.m, eng.f] : []) {
    for (const one of d.split(/ or /)) {
      add("demonym", 3, one);
      add("demonym", 3, demonymPlural(one));
    }
  }
  for (const h of HAND_ADDED_DEMONYMS[c.cca3] ?? []) add("demonym", 3, h);
  for (const cap of c.capital) add("capital", 4, cap);
  return out;
}

function build(): Gazetteer {
  const best = new Map<string, Candidate>();
  const topics: Topic[] = [];
  let maxWords = 1;
  for (const c of countries()) {
    const forms = countryForms(c);
    const terms = [...new Set(forms.map((f) => f.text))];
    const topic: Topic = { canonical: c.name.common, kind: "place", terms };
    topics.push(topic);
    for (const f of forms) {
      const key = ALL_CAPS.test(f.text) || AS_WRITTEN.has(f.text) ? `=${f.text}` : foldKey(f.text);
      const cand: Candidate = { topic, form: f.form, rank: f.rank, country: c };
      const prev = best.get(key);
      if (!prev || better(cand, prev)) best.set(key, cand);
      maxWords = Math.max(maxWords, f.text.split(" ").length);
    }
  }
  const folded = new Map<string, PlaceMatch>();
  const exact = new Map<string, PlaceMatch>();
  const starts = new Set<string>();
  for (const [key, c] of best) {
    const space = key.indexOf(" ");
    if (space > 0) starts.add(key.slice(key.startsWith("=") ? 1 : 0, space).toLowerCase());
    const m: PlaceMatch = { topic: c.topic, form: c.form };
    if (key.startsWith("=")) exact.set(key.slice(1), m);
    else folded.set(key, m);
  }
  return { folded, exact, topics, maxWords, starts };
}

/** The gazetteer as JSON: its topics once, each match naming its topic by index. */
export interface PlaceTable {
  topics: Topic[];
  /** [key, topic index, form], for the folded map and the exact one. */
  folded: [string, number, PlaceForm][];
  exact: [string, number, PlaceForm][];
  maxWords: number;
  starts: string[];
}

function toTable(g: Gazetteer): PlaceTable {
  const index = new Map(g.topics.map((topic, i) => [topic, i]));
  const rows = (matches: Map<string, PlaceMatch>) => [...matches].map(([key, m]): [string, number, PlaceForm] => [key, index.get(m.topic)!, m.form]);
  return { topics: g.topics, folded: rows(g.folded), exact: rows(g.exact), maxWords: g.maxWords, starts: [...g.starts] };
}

function fromTable(table: PlaceTable): Gazetteer {
  const rows = (list: [string, number, PlaceForm][]) => new Map(list.map(([key, topic, form]): [string, PlaceMatch] => [key, { topic: table.topics[topic]!, form }]));
  return { folded: rows(table.folded), exact: rows(table.exact), topics: table.topics, maxWords: table.maxWords, starts: new Set(table.starts) };
}

/** The gazetteer built from world-countries, as the build writes it to PLACE_TABLE_FILE. */
export function placeTable(): PlaceTable {
  return toTable(build());
}

let gazetteer: Gazetteer | undefined;

/** Takes the gazetteer from a file placeTable() was written to (by default the build's, beside the
 * compiled module); false when there is no such file. */
export function loadPlaceTable(file: URL | string = PLACE_TABLE_FILE): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  gazetteer = fromTable(JSON.parse(text) as PlaceTable);
  return true;
}

function get(): Gazetteer {
  if (!gazetteer && !loadPlaceTable()) gazetteer = build();
  return gazetteer!;
}

/** The longest country form, in words; callers scanning token runs need not try longer prefixes. */
export function maxPlaceWords(): number {
  return get().maxWords;
}

/** Whether a country form of two words or more starts with this word ("United", "South"): callers
 * scanning token runs try longer prefixes only then. */
export function startsLongerPlace(word: string): boolean {
  return get().starts.has(foldKey(word));
}

/** A surface form exactly as written in text (all-capitals forms case-sensitive, others not). */
export function matchPlace(surface: string): PlaceMatch | undefined {
  const g = get();
  return g.exact.get(surface) ?? g.folded.get(foldKey(surface));
}

/** Every country topic, e.g. for building a search index. */
export function placeTopics(): readonly Topic[] {
  return get().topics;
}

/** Case- and diacritics-insensitive: "syria", "Syrian", "SYRIANS", "damascus" -> Syria; "turkey",
 * "türkiye", "turkiye", "Turkish", "Ankara" -> Türkiye; "iraqi" -> Iraq. Multi-word phrases too
 * ("united states", "u.s."). All-capitals forms stay case-sensitive: "US" is the country, "us" is not.
 * undefined when unknown. */
export function resolveTopic(phrase: string): Topic | undefined {
  const cleaned = phrase
    .trim()
    .replace(/^[\s"'“”‘’([]+|[\s"'“”‘’)\],;:!?]+$/gu, "")
    .replace(/\s+/g, " ");
  if (!cleaned) return undefined;
  const candidates = [cleaned, cleaned.replace(/['’]s$/u, ""), cleaned.replace(/^the /i, ""), cleaned.replace(/\.$/, "")];
  for (const c of candidates) {
    const m = matchPlace(c);
    if (m) return m.topic;
  }
  return undefined;
}
