// The entity tagger's lexicon: compromise's word tags flattened to bit flags, plus news word lists.
import { createRequire } from "node:module";
import type nlpType from "compromise";

// compromise takes a second to load: required on first use, so commands that never tag entities
// (a search, a re-run that finds every article stored already) start without it.
const require = createRequire(import.meta.url);

export const FIRST = 1; // a given name
export const LAST = 2; // a surname
export const PERSON = 4; // a known person ("barack obama")
export const ORG = 8;
export const PLACE = 16;
export const PROPER = 32;
export const TITLE = 64; // Mr, President, Minister: a rank that precedes a name
export const ROLE = 2048; // compromise's "Actor" nouns (analyst, singer, human): a title only before a given name
export const FUNCTION = 128; // the, his, however: never the start of a name
export const TIME = 256; // months, weekdays
export const KNOWN = 512; // in the lexicon at all
export const HONORIFIC = 1024; // Mr, Dr, Sir: a person follows, even if the name is also a word ("Mr Brown")
export const MALE = 4096; // a man's given name, or a title only a man bears (Mr, Sir, King)
export const FEMALE = 8192; // a woman's given name, or a title only a woman bears (Mrs, Ms, Queen)
export const GENDER = MALE | FEMALE;
export const VERB = 16384; // a verb form: "said", "arrived", "puts"
export const NOUN = 32768; // a common noun: "people", "team", "headquarters"
export const NAMEISH = FIRST | LAST | PERSON | ORG | PLACE | PROPER;

const TAG_FLAGS: Record<string, number> = {
  FirstName: FIRST,
  MaleName: FIRST | MALE,
  FemaleName: FIRST | FEMALE,
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
  Verb: VERB,
  Infinitive: VERB,
  PastTense: VERB,
  PresentTense: VERB,
  Participle: VERB,
  Copula: VERB,
  Modal: VERB,
  Singular: NOUN,
  Plural: NOUN,
  Noun: NOUN,
  Uncountable: NOUN,
};

// Not countries, so no data package applies: words compromise's lexicon lacks or mis-tags for news.
const TITLE_WORDS = [
  "envoy", "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "pope", "premier", "fm",
  "pm", "mp", "mep", "msp", "mla", "chancellor", "secretary", "president", "vice", "chief", "chairman",
  "chairwoman", "ambassador", "mayor", "judge", "sheikh", "ayatollah", "imam", "emir", "king", "queen",
  "prince", "princess", "sir", "lord", "lady", "dame", "miss", "coach", "manager", "striker",
  "midfielder", "defender", "goalkeeper", "skipper", "boss", "director", "commissioner", "commander",
  "leader", "deputy", "officer", "minister", "attorney", "justice", "bishop", "archbishop", "cardinal",
  "father", "colonel", "captain", "sergeant", "lieutenant", "major", "admiral", "marshal", "detective",
  "inspector", "superintendent", "constable", "professor", "doctor", "rabbi", "cleric", "diplomat",
  "treasurer", "mr", "mrs", "ms", "dr",
];
// Given names that are also everyday words, which compromise does not list as given names ("Bill
// Clinton", "Frank Lampard", "Will Young"). Not "Joy", "Pearl" or "Art": "Joy Division", "Pearl
// Harbor", "Art Deco".
const GIVEN_NAME_WORDS = ["bill", "will", "frank", "ray", "guy", "dean", "robin", "max", "rod", "sandy", "gene"];
// Titles that say whether the person is a man or a woman: "Mrs Obama" is not "Barack Obama".
const MALE_TITLES = ["mr", "sir", "lord", "king", "prince"];
const FEMALE_TITLES = ["mrs", "ms", "miss", "lady", "dame", "queen", "princess"];
// Runs ending in these name events and documents, not people, places or organisations.
export const NOT_ENTITY_HEADS = new Set([
  "election", "elections", "cup", "championship", "championships", "festival", "awards", "award", "prize",
  "war", "summit", "day", "week", "year", "act", "bill", "games", "olympic", "olympics", "christmas",
  "easter", "ramadan", "thanksgiving", "plan", "doctrine", "trophy", "slam", "slams",
]);
// Faiths and peoples news uses as adjectives ("Shiite leaders", "Kurdish forces"): never an entity
// on their own. compromise's lexicon does not know them and the country data names none of them.
export const GROUP_ADJECTIVES = new Set([
  "shiite", "shia", "sunni", "alawite", "druze", "kurdish", "kurds", "yazidi", "muslim", "muslims", "jewish",
  "jew", "jews", "christian", "christians", "catholic", "protestant", "orthodox", "coptic", "evangelical",
  "hindu", "sikh", "buddhist", "islamist", "islamists", "jihadist", "jihadists", "salafist", "arab", "arabs",
  // Peoples of a country's nations and regions ("English clubs", "Catalan voters").
  "english", "scottish", "scots", "welsh", "cornish", "catalan", "basque", "flemish",
  // And of regions ("Middle Eastern oil").
  "middle eastern", "latin american",
]);
// "Northern Ireland", "West Java": a compass word before a place is part of the place's name.
export const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"]);
const ORG_EXTRA = [
  "party", "movement", "framework", "front", "alliance", "league", "brigade", "brigades", "forces",
  "guard", "parliament", "congress", "senate", "assembly", "court", "cabinet", "fc", "united",
  "rovers", "athletic", "nations", "organisation", "exchange", "network", "commons", "lords",
  "studios", "records", "pictures", "bros", "telecom", "trust", "charity", "commission", "group",
  "federation", "foundation", "council", "ministry", "agency", "office", "institute", "club", "chambers",
  "chamber", "liga", "hebdo", "convention",
];
const PLACE_EXTRA = ["strip", "sea", "ocean", "square", "heights", "isle", "states", "republic"];
// Regions of the world that no country data names and compromise does not know as places.
const REGIONS = [
  "middle east", "far east", "near east", "latin america", "southeast asia", "south east asia", "balkans",
  "scandinavia", "caribbean", "sahel", "horn of africa",
];
// Place words that come first in French, Spanish and Italian names: "Stade de France", "Rue de
// Charonne", "Gare du Nord", "Boulevard Voltaire", "Plaza Mayor".
export const LEADING_PLACE_HEADS = new Set([
  "stade", "rue", "gare", "boulevard", "place", "pont", "porte", "palais", "quai", "ile", "île", "parc",
  "jardin", "jardins", "plaza", "calle", "piazza", "estadio", "stadio", "lac", "mont", "musée", "cité",
]);
const MONTHS_DAYS =
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday";
// All-capital tokens that are not organisations.
const NOT_ACRONYMS = [
  "TV VCR PVR GDP CEO CFO MP MPS MEP MEPS PM AM DVD DVDS CD CDS PC PCS HIV AIDS SARS VAT ID IT OK GMT BST PIN SMS PHD",
  "VIP IPO MW GB KB MB AD BC DJ DNA RSS PDA PDAS CCTV ISP ISPS WMD LP EP AGM FM II III IV VI",
  // Technology and trade terms: what a device has or does, not who makes it.
  "AI RAM CPU GPU LTE GPRS ADSL LAN NFC MIMO GPS USB SIM HD HDR UHD HDTV LCD LED OLED AMOLED VHS UMD DRM MMS OS UI SDK",
  "OEM CGI IP PR PPI R&B AWOL LGBT BSE",
].join(" ");
export const NAME_PARTICLES = new Set(["de", "da", "di", "du", "del", "della", "dos", "das", "van", "von", "der", "den", "ter", "bin", "ibn", "bint", "le", "la"]);
// Words after which a lone capitalised word names a place.
export const PLACE_PREPS = new Set(["in", "from", "near", "across", "outside", "inside", "towards", "into"]);

export interface Lexicon {
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

/** The lexicon tables, built from compromise's model on first use. */
export function lex(): Lexicon {
  if (lexicon) return lexicon;
  const nlp = require("compromise") as typeof nlpType;
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
  for (const w of GIVEN_NAME_WORDS) set(w, FIRST);
  for (const w of MALE_TITLES) set(w, MALE);
  for (const w of FEMALE_TITLES) set(w, FEMALE);
  for (const w of MONTHS_DAYS.split(" ")) set(w, TIME);
  for (const w of REGIONS) set(w, PLACE);
  // compromise lists these places as people; alone, news means the place ("Whitney Houston" is still
  // a person: a given name before it says so).
  for (const w of ["sydney", "houston", "kent"]) flags.set(w, KNOWN | PLACE);
  lexicon = {
    flags,
    orgHeads: new Set([...Object.keys(model.two.orgWords), ...ORG_EXTRA]),
    placeHeads: new Set([...Object.keys(model.two.placeWords), ...PLACE_EXTRA]),
    notAcronyms: new Set(NOT_ACRONYMS.split(" ")),
  };
  return lexicon;
}

/** MALE or FEMALE when the flags say one and not the other, else 0. */
export function genderOf(flags: number): number {
  const g = flags & GENDER;
  return g === GENDER ? 0 : g;
}

/** Lexicon flags of a lowercased word or phrase (a hyphenated word also as spaced words); 0 if unknown. */
export function flagsOf(lower: string): number {
  const f = lex().flags;
  return f.get(lower) ?? (lower.includes("-") ? (f.get(lower.replace(/-/g, " ")) ?? 0) : 0);
}
