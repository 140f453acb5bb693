// What the story clusterer knows about one article: weighted terms (stemmed words, title words
// boosted, entities as their own features) and a MinHash signature of its word shingles (for
// near-duplicates). Pure and deterministic; IDF is applied later, by the clusterer, from its state.
import { stemmer } from "stemmer";
import type { Entity } from "../article.js";
import { foldKey } from "../nlp/places.js";
import { STOP_WORDS } from "../nlp/stopwords.js";
import { clusterConfig, type ClusterConfig } from "./config.js";

export interface ClusterArticle {
  title: string;
  body: string;
  entities: Entity[];
  newsAt: Date;
}

export interface ArticleFeatures {
  /** Term -> weight before IDF: 1 + ln(body count), plus titleWeight per title occurrence; person and
   * organisation features are `e:<folded name>`, places `p:<folded name>`. */
  terms: Record<string, number>;
  /** Bottom-k MinHash sketch of the body's word shingles: up to signatureSize unsigned 32-bit hash
   * values, ascending; empty when the body has no words. */
  signature: number[];
  /** The distinct content terms of the title (stemmed, as in terms), in title order: what the headline
   * is about, for the clusterer's shared-headline check. */
  headline: string[];
  /** The headline's terms that are not words of a person or organisation the article names: what
   * happened rather than who did it ("Howard unveils Tory asylum plans": unveil, asylum, plan). The
   * actors of a topic recur in the headlines of all its events; what they did does not. */
  subject: string[];
}

/** Clustering reads the start of a very long page: no news article is longer. */
const MAX_TEXT_CHARS = 50_000;
/** Reporting words every news article uses, whatever it is about; the NLTK list lacks them. Early on,
 * before document frequencies can tell, they would otherwise look like topic words. */
const REPORTING_WORDS = new Set(["said", "says", "say", "told", "tell", "according", "would", "could", "also", "mr", "mrs", "ms"]);
/** Word-like tokens: letters and digits, with inner apostrophes. */
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const LEADING_DIGIT = /^\p{N}/u;
/** Feature prefix of a person or organisation (the key actors of a story). */
export const ENTITY_PREFIX = "e:";
/** Feature prefix of a place: the setting, not an actor, so kept apart from ENTITY_PREFIX. */
export const PLACE_PREFIX = "p:";
/** Copies are told apart by their first words; a 7,000-word page need not hash every shingle. */
const MAX_SHINGLED_WORDS = 1500;

/** Lowercase, no diacritics, straight apostrophes. */
function fold(text: string): string {
  return text.slice(0, MAX_TEXT_CHARS).normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’‘`]/g, "'").toLowerCase();
}

const stems = new Map<string, string>();

function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size > 100_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** The words of a text, folded: lowercase, no diacritics, straight apostrophes. */
function tokensOf(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/** The content term of a folded token (see contentTerms), or undefined when it is none. */
function contentTermOf(token: string): string | undefined {
  const word = token.includes("'") ? token.replace(/'s$/, "") : token;
  if (word.length < 2 || STOP_WORDS.has(word) || REPORTING_WORDS.has(word) || LEADING_DIGIT.test(word)) return undefined;
  return stem(word.includes("'") ? word.replace(/'/g, "") : word);
}

function contentTermsOf(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const term = contentTermOf(token);
    if (term !== undefined) out.push(term);
  }
  return out;
}

/** How many times each content term occurs among the tokens, in order of first occurrence (as counting
 * contentTermsOf's terms would give): each distinct token is filtered and stemmed once. */
function contentTermCounts(tokens: string[]): Map<string, number> {
  const perToken = new Map<string, number>();
  for (const token of tokens) perToken.set(token, (perToken.get(token) ?? 0) + 1);
  // A term first occurs where the first of its tokens first occurs, so tokens in order of first
  // occurrence add terms in theirs.
  const counts = new Map<string, number>();
  for (const [token, n] of perToken) {
    const term = contentTermOf(token);
    if (term !== undefined) counts.set(term, (counts.get(term) ?? 0) + n);
  }
  return counts;
}

/** The content terms of a text: stop words, numbers (and tokens starting with a digit: 13th, 5pm) and
 * single letters dropped, the rest Porter-stemmed. Letter-led codes (mh370, s5, g7) are kept. */
export function contentTerms(text: string): string[] {
  return contentTermsOf(tokensOf(text));
}

/** FNV-1a, 32-bit. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers that mixes every bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A bottom-k MinHash sketch (Broder 1997; Cohen & Kaplan 2007): the `size` smallest hash values of
 * the distinct shingles of `words` consecutive words, ascending. One hash per shingle instead of one
 * per shingle and permutation, and a text with fewer shingles keeps them all (then the estimate is
 * exact). Shingles use every word: function words and numbers are part of what makes two copies the
 * same copy. Only the first MAX_SHINGLED_WORDS words are read. */
export function minHash(text: string, size: number, words: number): number[] {
  return sketchOf(tokensOf(text), size, words);
}

function sketchOf(allTokens: string[], size: number, words: number): number[] {
  const tokens = allTokens.slice(0, MAX_SHINGLED_WORDS);
  if (tokens.length === 0) return [];
  const hashes = tokens.map(fnv1a);
  const n = Math.min(words, tokens.length);
  const shingles = new Uint32Array(hashes.length - n + 1);
  for (let i = 0; i < shingles.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + n; j++) h = Math.imul(h ^ hashes[j]!, 0x01000193);
    shingles[i] = mix(h);
  }
  shingles.sort();
  const sketch: number[] = [];
  for (let i = 0; i < shingles.length && sketch.length < size; i++) {
    if (i === 0 || shingles[i] !== shingles[i - 1]) sketch.push(shingles[i]!);
  }
  return sketch;
}

/** Estimated Jaccard similarity of two shingle sets from their bottom-k sketches of `size` values: the
 * share of the `size` smallest values of the union that are in both (exact when both texts had fewer
 * shingles than that). 0 when either is empty. Both sketches must come from the same settings.
 * With `atLeast`, an estimate below it may come back as 0, given up on as soon as it cannot reach
 * it: most pairs are far apart, and the near-duplicate check only asks whether they reach its threshold. */
export function signatureSimilarity(a: readonly number[], b: readonly number[], size: number, atLeast = 0): number {
  if (a.length === 0 || b.length === 0) return 0;
  const k = size;
  // Each step adds one to the union and at most one to both, so the estimate ends at most at
  // (both + k - union) / k: below atLeast * k, give up.
  const floor = atLeast * k;
  let i = 0;
  let j = 0;
  let union = 0;
  let both = 0;
  while (union < k && (i < a.length || j < b.length)) {
    if (both + k - union < floor) return 0;
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    union++;
  }
  return both / union;
}

/** Features read the start of a very long page, as the rest of the NLP does: a 2 MB dump costs no more. */
const MAX_FEATURE_CHARS = 100_000;

let defaults: ClusterConfig | undefined;

/** The article's features under the given settings (only the title, entity and place weights and the
 * signature settings matter here); StoryClusterer.features() passes its own. */
export function articleFeatures(
  article: Pick<ClusterArticle, "title" | "body" | "entities">,
  config?: Partial<ClusterConfig>,
): ArticleFeatures {
  const settings = config ? clusterConfig(config) : (defaults ??= clusterConfig());
  return featuresWith(article, settings);
}

/** Features worked out before the clusterer asks for them (by an enrichment thread, beside the rest
 * of the article's NLP), with the settings they were made under: the clusterer takes them only when
 * its own settings give the same features (featureSettings), so they are the features it would make. */
export interface PrecomputedFeatures {
  settings: string;
  features: ArticleFeatures;
}

/** The settings features depend on, as a key: two configurations with the same key give the same
 * features for every article. */
export function featureSettings({ titleWeight, entityWeight, placeWeight, signatureSize, shingleWords }: ClusterConfig): string {
  return `${titleWeight}/${entityWeight}/${placeWeight}/${signatureSize}/${shingleWords}`;
}

/** The article's features under the default settings, for a clusterer to take instead of making them. */
export function precomputedFeatures(article: Pick<ClusterArticle, "title" | "body" | "entities">): PrecomputedFeatures {
  const settings = (defaults ??= clusterConfig());
  return { settings: featureSettings(settings), features: featuresWith(article, settings) };
}

/** articleFeatures with settings already validated. */
export function featuresWith(article: Pick<ClusterArticle, "title" | "body" | "entities">, settings: ClusterConfig): ArticleFeatures {
  const { titleWeight, entityWeight, placeWeight, signatureSize, shingleWords } = settings;
  const body = tokensOf(article.body.slice(0, MAX_FEATURE_CHARS));
  const counts = contentTermCounts(body);
  const weights = new Map<string, number>();
  for (const [term, n] of counts) weights.set(term, 1 + Math.log(n));
  const title = contentTerms(article.title);
  if (titleWeight > 0) for (const term of title) weights.set(term, (weights.get(term) ?? 0) + titleWeight);
  for (const entity of article.entities) {
    const place = entity.kind === "place";
    const weight = place ? placeWeight : entityWeight;
    if (weight <= 0) continue;
    // "Fukushima-Daiichi" and "Fukushima Daiichi", "Kilroy-Silk" and "Kilroy Silk" are one name.
    const key = (place ? PLACE_PREFIX : ENTITY_PREFIX) + foldKey(entity.name).replace(/-/g, " ");
    weights.set(key, (weights.get(key) ?? 0) + weight * (1 + Math.log(entity.mentions)));
  }
  const terms: Record<string, number> = {};
  for (const [term, w] of weights) terms[term] = w;
  const headline = [...new Set(title)];
  const names = new Set(article.entities.filter((e) => e.kind !== "place").flatMap((e) => contentTerms(e.name)));
  return { terms, signature: sketchOf(body, signatureSize, shingleWords), headline, subject: headline.filter((term) => !names.has(term)) };
}
