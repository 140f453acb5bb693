// Incremental story clustering: a new article joins the most similar active story (TF-IDF cosine
// against the story's centroid) when that cosine is high (joinThreshold), or at least
// entityJoinThreshold and the article's lead person/organisation is one of the story's key actors
// (shared words alone do not make related news the same story); otherwise it starts a new one. Or
// the article is recognised as a near-duplicate of a recent article (MinHash). The work per article is bounded: candidates come from an inverted index over the
// stories active within the window, looked up with the article's top terms and capped. Stories that
// leave the window are evicted, so memory follows the window, not the store. All state is plain data
// (ClusterState) that the store persists and hands back; decisions are deterministic.
import { clusterConfig, type ClusterConfig } from "./config.js";
import { ENTITY_PREFIX, featuresWith, signatureSimilarity, type ArticleFeatures, type ClusterArticle } from "./features.js";
import type { ArticleSignature, ClusterState, StoryProfile } from "./state.js";

export type { ArticleSignature, ClusterState, StoryProfile } from "./state.js";

export type Assignment =
  | { kind: "near-duplicate"; articleId: number; storyId: number; similarity: number }
  | { kind: "join"; storyId: number; similarity: number }
  | { kind: "new"; bestSimilarity: number };

/** What changed since the last takeChanges(): absolute values, so writing them twice is harmless. */
export interface ClusterChanges {
  documents: number;
  /** New document frequency of every term that changed, sorted by term. */
  documentFrequencies: Array<[string, number]>;
  /** The new profile of every story that changed, by id. */
  stories: StoryProfile[];
  /** Signatures recorded, in order. */
  signatures: ArticleSignature[];
}

interface ActiveStory {
  profile: StoryProfile;
  /** profile.terms as entries, for the hot loops. */
  entries: Array<[string, number]>;
  /** Newest last. */
  signatures: ArticleSignature[];
}

interface Scored {
  storyId: number;
  similarity: number;
  /** The article's lead actor is one of the story's key actors. */
  agrees: boolean;
}

/** The article's heaviest person or organisation feature (weight before IDF; ties: first by key). */
function leadEntity(features: ArticleFeatures): string | undefined {
  let lead: [string, number] | undefined;
  for (const [term, w] of Object.entries(features.terms)) {
    if (term.startsWith(ENTITY_PREFIX) && (!lead || byWeightThenKey([term, w], lead) < 0)) lead = [term, w];
  }
  return lead?.[0];
}

const DAY_MS = 86_400_000;
/** Evicting scans the active stories; doing it once per hour of news time keeps it off the per-article path. */
const SWEEP_EVERY_MS = 3_600_000;

/** News times before this (ms) are outside memory once the newest article seen is `latestNewsAt`:
 * a store loading state on start-up need only hand back stories updated since then. */
export function activeSince(latestNewsAt: number, config: Partial<ClusterConfig> = {}): number {
  return horizonOf(latestNewsAt, clusterConfig(config));
}

function horizonOf(latestNewsAt: number, { windowDays, lateDays }: ClusterConfig): number {
  return latestNewsAt - (windowDays + lateDays) * DAY_MS;
}

function byWeightThenKey(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function copyProfile(p: StoryProfile): StoryProfile {
  return { ...p, terms: { ...p.terms } };
}

function copySignature(s: ArticleSignature): ArticleSignature {
  return { ...s, signature: [...s.signature] };
}

function timeOf(date: Date): number {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError("newsAt is not a valid date");
  return t;
}

export class StoryClusterer {
  readonly config: ClusterConfig;
  #documents = 0;
  readonly #df = new Map<string, number>();
  readonly #stories = new Map<number, ActiveStory>();
  /** Term -> ids of the active stories whose profile has it. */
  readonly #postings = new Map<string, Set<number>>();
  /** The newest news time seen: the clock that ages stories out. */
  #latest = Number.NEGATIVE_INFINITY;
  #lastSweep = Number.NEGATIVE_INFINITY;
  /** ln(1 + df) by df: IDF without a logarithm per term. */
  readonly #lnTable: number[] = [0];
  #changedTerms = new Set<string>();
  #changedStories = new Map<number, StoryProfile>();
  #newSignatures: ArticleSignature[] = [];

  constructor(config: Partial<ClusterConfig> = {}, state?: ClusterState) {
    this.config = clusterConfig(config);
    if (!state) return;
    this.#documents = state.documents;
    for (const [term, n] of state.documentFrequencies) this.#df.set(term, n);
    for (const profile of [...state.stories].sort((a, b) => a.id - b.id)) {
      this.#stories.set(profile.id, { profile: copyProfile(profile), entries: Object.entries(profile.terms), signatures: [] });
      this.#index(profile.id, [], Object.keys(profile.terms));
      this.#latest = Math.max(this.#latest, profile.updatedAt);
    }
    const signatures = [...state.recentArticles].sort((a, b) => a.newsAt - b.newsAt || a.articleId - b.articleId);
    for (const s of signatures) this.#stories.get(s.storyId)?.signatures.push(copySignature(s));
    for (const story of this.#stories.values()) this.#capSignatures(story);
    this.#sweep();
  }

  /** The features of an article under this clusterer's settings (title and entity weights, signature size). */
  features(article: Pick<ClusterArticle, "title" | "body" | "entities">): ArticleFeatures {
    return featuresWith(article, this.config);
  }

  /** Where the article belongs, given everything recorded so far. Changes nothing. */
  assign(features: ArticleFeatures, newsAt: Date): Assignment {
    const t = timeOf(newsAt);
    const vector = this.#articleVector(features);
    const candidates = this.#candidates(vector, t);
    const weights = new Map(vector);

    let duplicate: { articleId: number; storyId: number; similarity: number } | undefined;
    const horizon = horizonOf(this.#latest, this.config);
    for (const id of candidates) {
      for (const s of this.#stories.get(id)!.signatures) {
        if (s.newsAt < horizon) continue; // kept only until the next sweep
        const similarity = signatureSimilarity(features.signature, s.signature, this.config.signatureSize);
        if (
          similarity >= this.config.nearDuplicateThreshold &&
          (!duplicate || similarity > duplicate.similarity || (similarity === duplicate.similarity && s.articleId < duplicate.articleId))
        ) {
          duplicate = { articleId: s.articleId, storyId: s.storyId, similarity };
        }
      }
    }
    if (duplicate) return { kind: "near-duplicate", ...duplicate };

    const scored = this.#scored(features, weights, candidates);
    const { joinThreshold, entityJoinThreshold } = this.config;
    const low = Math.min(joinThreshold, entityJoinThreshold);
    for (const s of scored) {
      if (s.similarity < low) break;
      if (s.similarity >= joinThreshold || s.agrees) return { kind: "join", storyId: s.storyId, similarity: s.similarity };
    }
    return { kind: "new", bestSimilarity: scored[0]?.similarity ?? 0 };
  }

  /** The candidate stories for an article with their similarity, most similar first (ties: lower id):
   * what assign() chose from, e.g. to explain a decision. Changes nothing. */
  candidates(features: ArticleFeatures, newsAt: Date): Array<{ storyId: number; similarity: number }> {
    const vector = this.#articleVector(features);
    return this.#scored(features, new Map(vector), this.#candidates(vector, timeOf(newsAt))).map(({ storyId, similarity }) => ({ storyId, similarity }));
  }

  #scored(features: ArticleFeatures, weights: Map<string, number>, candidates: number[]): Scored[] {
    const lead = leadEntity(features);
    const scored = candidates.map((storyId): Scored => {
      const story = this.#stories.get(storyId)!;
      const similarity = this.#cosine(weights, story.entries);
      return { storyId, similarity, agrees: lead !== undefined && this.#keyEntities(story).includes(lead) };
    });
    return scored.sort((a, b) => b.similarity - a.similarity || a.storyId - b.storyId);
  }

  /** The story's keyEntities heaviest person/organisation features (centroid weight, before IDF). */
  #keyEntities(story: ActiveStory): string[] {
    const keys: Array<[string, number]> = [];
    for (const entry of story.entries) if (entry[0].startsWith(ENTITY_PREFIX)) keys.push(entry);
    return keys.sort(byWeightThenKey).slice(0, this.config.keyEntities).map(([term]) => term);
  }

  /** Adds the article to the story (a new one or an active one): document frequencies, the story's
   * centroid, the candidate index and the near-duplicate signatures. Returns the story's new profile. */
  record(articleId: number, storyId: number, features: ArticleFeatures, newsAt: Date): Readonly<StoryProfile> {
    const t = timeOf(newsAt);
    this.#documents++;
    for (const term of Object.keys(features.terms)) {
      this.#df.set(term, (this.#df.get(term) ?? 0) + 1);
      this.#changedTerms.add(term);
    }

    let story = this.#stories.get(storyId);
    if (!story) {
      story = { profile: { id: storyId, terms: {}, articles: 0, startedAt: t, updatedAt: t }, entries: [], signatures: [] };
      this.#stories.set(storyId, story);
    }
    const profile = story.profile;
    const before = Object.keys(profile.terms);

    // Each article adds its unit-length term vector, so a long article does not outweigh short ones.
    let norm = 0;
    for (const w of Object.values(features.terms)) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    const sum = new Map(story.entries);
    for (const [term, w] of Object.entries(features.terms)) sum.set(term, (sum.get(term) ?? 0) + w / norm);
    const lnN = Math.log(1 + this.#documents);
    const ranked = [...sum].map(([term, w]): [string, number] => [term, w * this.#idf(term, lnN)]);
    ranked.sort(byWeightThenKey);
    story.entries = ranked.slice(0, this.config.maxProfileTerms).map(([term]): [string, number] => [term, sum.get(term)!]);
    const terms: Record<string, number> = {};
    for (const [term, w] of story.entries) terms[term] = w;
    profile.terms = terms;
    profile.articles++;
    profile.startedAt = Math.min(profile.startedAt, t);
    profile.updatedAt = Math.max(profile.updatedAt, t);
    this.#index(storyId, before, Object.keys(terms));

    if (features.signature.length > 0) {
      const signature: ArticleSignature = { articleId, storyId, signature: [...features.signature], newsAt: t };
      story.signatures.push(signature);
      story.signatures.sort((a, b) => a.newsAt - b.newsAt || a.articleId - b.articleId);
      this.#capSignatures(story);
      this.#newSignatures.push(copySignature(signature));
    }

    // The live profile: takeChanges() copies it once per batch, not once per article.
    this.#changedStories.set(storyId, profile);
    if (t > this.#latest) this.#latest = t;
    if (this.#latest - this.#lastSweep >= SWEEP_EVERY_MS) this.#sweep();
    // Read-only and live (no copy per article): takeChanges() and state() hand out copies.
    return profile;
  }

  /** Everything the store needs to persist since the previous call (then forgets it). */
  takeChanges(): ClusterChanges {
    const changes: ClusterChanges = {
      documents: this.#documents,
      documentFrequencies: [...this.#changedTerms].sort().map((term) => [term, this.#df.get(term) ?? 0]),
      stories: [...this.#changedStories.values()].sort((a, b) => a.id - b.id).map(copyProfile),
      signatures: this.#newSignatures,
    };
    this.#changedTerms = new Set();
    this.#changedStories = new Map();
    this.#newSignatures = [];
    return changes;
  }

  /** A copy of the whole state, for persisting or building another clusterer. */
  state(): ClusterState {
    const stories = [...this.#stories.values()].sort((a, b) => a.profile.id - b.profile.id);
    return {
      documents: this.#documents,
      documentFrequencies: new Map(this.#df),
      stories: stories.map((s) => copyProfile(s.profile)),
      recentArticles: stories.flatMap((s) => s.signatures.map(copySignature)),
    };
  }

  /** Ids of the stories in memory (active, or recently so). */
  activeStoryIds(): number[] {
    return [...this.#stories.keys()].sort((a, b) => a - b);
  }

  /** Smoothed IDF, ln((1 + N) / (1 + df)) + 1: never zero, never infinite, and close to flat while few
   * documents are known. `lnN` is ln(1 + N), worked out once per call by the caller. */
  #idf(term: string, lnN: number): number {
    const df = this.#df.get(term) ?? 0;
    let ln = this.#lnTable[df];
    if (ln === undefined) {
      for (let i = this.#lnTable.length; i <= df; i++) this.#lnTable.push(Math.log(1 + i));
      ln = this.#lnTable[df]!;
    }
    return lnN - ln + 1;
  }

  /** The article's TF-IDF vector, unit length, heaviest terms first. */
  #articleVector(features: ArticleFeatures): Array<[string, number]> {
    const lnN = Math.log(1 + this.#documents);
    const vector = Object.entries(features.terms).map(([term, w]): [string, number] => [term, w * this.#idf(term, lnN)]);
    let norm = 0;
    for (const [, w] of vector) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const entry of vector) entry[1] /= norm;
    return vector.sort(byWeightThenKey);
  }

  /** Active stories sharing the article's top terms, best overlap first, at most maxCandidates. */
  #candidates(vector: Array<[string, number]>, t: number): number[] {
    const window = this.config.windowDays * DAY_MS;
    const overlap = new Map<number, number>();
    for (const [term, w] of vector.slice(0, this.config.queryTerms)) {
      for (const id of this.#postings.get(term) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + w);
    }
    // Stories past the horizon wait for the next sweep to leave memory; until then they are skipped,
    // so decisions never depend on when the last sweep ran (or on a restart, which sweeps at once).
    const horizon = horizonOf(this.#latest, this.config);
    const eligible = [...overlap].filter(([id]) => {
      const p = this.#stories.get(id)!.profile;
      return p.updatedAt >= t - window && p.startedAt <= t + window && p.updatedAt >= horizon;
    });
    eligible.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return eligible.slice(0, this.config.maxCandidates).map(([id]) => id);
  }

  /** Cosine of the unit-length article vector and the story's centroid under the current IDF. */
  #cosine(article: Map<string, number>, entries: Array<[string, number]>): number {
    const lnN = Math.log(1 + this.#documents);
    let norm = 0;
    let dot = 0;
    for (const [term, c] of entries) {
      const w = c * this.#idf(term, lnN);
      norm += w * w;
      const a = article.get(term);
      if (a !== undefined) dot += a * w;
    }
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  }

  #index(storyId: number, before: string[], after: string[]): void {
    const keep = new Set(after);
    for (const term of before) {
      if (keep.has(term)) continue;
      const ids = this.#postings.get(term);
      ids?.delete(storyId);
      if (ids?.size === 0) this.#postings.delete(term);
    }
    for (const term of after) {
      let ids = this.#postings.get(term);
      if (!ids) this.#postings.set(term, (ids = new Set()));
      ids.add(storyId);
    }
  }

  #capSignatures(story: ActiveStory): void {
    const extra = story.signatures.length - this.config.maxSignaturesPerStory;
    if (extra > 0) story.signatures.splice(0, extra);
  }

  /** Forgets the stories and signatures too old to matter for any article still expected. */
  #sweep(): void {
    this.#lastSweep = this.#latest;
    const horizon = horizonOf(this.#latest, this.config);
    for (const [id, story] of this.#stories) {
      if (story.profile.updatedAt < horizon) {
        this.#index(id, Object.keys(story.profile.terms), []);
        this.#stories.delete(id);
      } else {
        story.signatures = story.signatures.filter((s) => s.newsAt >= horizon);
      }
    }
  }
}
