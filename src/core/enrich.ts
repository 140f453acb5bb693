// Enrichment: what newsbot works out about an article before storing it (dedupe keys, summary,
// entities, reading time). Pure and deterministic, so re-ingesting gives the same result.
import { createHash } from "node:crypto";
import normalizeUrl from "normalize-url";
import type { ArticleInput, Entity } from "./article.js";
import { precomputedFeatures, type PrecomputedFeatures } from "./cluster/features.js";
import { summarize } from "./nlp/summary.js";
import { findEntities } from "./nlp/entities.js";
import type { DedupeKeys, NewArticle } from "./storage/index.js";
import { clipAtWord, countWords } from "./text.js";

const WORDS_PER_MINUTE = 230;
/** NLP reads the start of a very long page: no news article is longer, and a 2 MB dump must not stall ingest. */
const MAX_NLP_CHARS = 100_000;
/** A summary "sentence" longer than this is run-on text with no full stops: it is cut at a word. */
const MAX_SUMMARY_SENTENCE_CHARS = 400;
/** The start of the body NLP reads: cut after the last full stop (or at a word) before the limit,
 * so that no half sentence reaches the summary. */
function nlpPart(body: string): string {
  if (body.length <= MAX_NLP_CHARS) return body;
  const head = body.slice(0, MAX_NLP_CHARS);
  const end = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"), head.lastIndexOf("\n\n"));
  return end > MAX_NLP_CHARS / 2 ? head.slice(0, end + 1) : clipAtWord(body, MAX_NLP_CHARS);
}

/** Tracking parameters that make one article look like many. */
const TRACKING_PARAMS = [/^utm_\w+/i, /^(fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|at_medium|at_campaign)$/i];

/** The URL two links to the same article share: lowercase host, no tracking, no fragment, sorted query. */
export function canonicalUrl(url: string): string {
  return normalizeUrl(url, {
    stripHash: true,
    stripWWW: true,
    removeQueryParameters: TRACKING_PARAMS,
    sortQueryParameters: true,
    removeTrailingSlash: true,
    forceHttps: true,
  });
}

/** Text without case, accents, punctuation or spacing differences: only letters, digits and spaces. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A hash of the body that ignores case, accents, punctuation and spacing: republished copy matches. */
export function contentHash(body: string): string {
  return createHash("sha256").update(fold(body)).digest("hex");
}

/** A headline-only item has no text to compare: every empty body hashes alike, so its headline and
 * link stand in (the NUL separators cannot occur in folded text, so no body hashes the same). */
function headlineHash(title: string, canonical: string | undefined): string {
  return createHash("sha256").update(`headline\0${fold(title)}\0${canonical ?? ""}`).digest("hex");
}

/** Minutes to read the text; 0 when there is none (a headline-only article). */
export function readingMinutes(text: string): number {
  const words = countWords(text);
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** The outlet naming itself ("told Asharq Al-Awsat") is a byline, not one of the story's entities. */
function withoutOutlet(entities: Entity[], source: string | undefined): Entity[] {
  const outlet = source?.toLowerCase();
  return outlet ? entities.filter((e) => e.name.toLowerCase() !== outlet) : entities;
}

/** The cheap part: enough to tell whether the article is stored already. */
export function dedupeKeys(input: ArticleInput): DedupeKeys {
  const canonical = input.url ? canonicalUrl(input.url) : undefined;
  return { canonicalUrl: canonical, contentHash: input.body ? contentHash(input.body) : headlineHash(input.title, canonical) };
}

export function enrich(input: ArticleInput, storedAt: Date, keys: DedupeKeys = dedupeKeys(input)): NewArticle {
  const text = { title: input.title, body: nlpPart(input.body) };
  return {
    ...input,
    ...keys,
    storedAt,
    summary: summarize(text).map((sentence) => clipAtWord(sentence, MAX_SUMMARY_SENTENCE_CHARS)),
    entities: withoutOutlet(findEntities(text), input.source),
    readingMinutes: readingMinutes(input.body),
  };
}

/** An enriched article that carries its story-clustering features (the clusterer takes them instead
 * of making them when its settings match: see StoryClusterer.features). */
export type EnrichedArticle = NewArticle & { clusterFeatures?: PrecomputedFeatures };

/** enrich(), and the article's clustering features under the default settings: what ingest's
 * enrichment threads make, so that the main thread, which places articles in stories one at a time,
 * need not tokenize, stem and hash them itself. Pure and deterministic as enrich() is. */
export function enrichForIngest(input: ArticleInput, storedAt: Date, keys: DedupeKeys = dedupeKeys(input)): EnrichedArticle {
  const article = enrich(input, storedAt, keys);
  return { ...article, clusterFeatures: precomputedFeatures(article) };
}
