// Incremental story clustering: a new article is either a near-duplicate of a recent article
// (MinHash), or joins the candidate story a logistic join model (join-model.ts) finds most probable,
// when that probability reaches joinThreshold, or starts a new story. The model reads what the
// article shares with the story's recent core (its latest coreArticles articles), its first articles
// and its centroid (JOIN_FEATURES), so a story that has moved on is judged by what it is now, not by
// everything it ever absorbed. An article with a body must also share a title word with the recent
// core's titles (headlineJoinThreshold). The work per article is bounded: candidates come from an
// inverted index over the stories active within the window, looked up with the article's top terms
// and capped. Stories that leave the window are evicted, so memory follows the window, not the store.
// All state is plain data (ClusterState) that the store persists and hands back; decisions are
// deterministic.
import { clusterConfig, type ClusterConfig } from "./config.js";
import {
  ENTITY_PREFIX,
  featureSettings,
  featuresWith,
  signatureSimilarity,
  type ArticleFeatures,
  type ClusterArticle,
  type PrecomputedFeatures,
} from "./features.js";
import { JOIN_BIAS, JOIN_WEIGHTS } from "./join-model.js";
import type { ArticleSignature, ClusterState, CoreArticle, StoryProfile } from "./state.js";
import { Vocabulary } from "./vocabulary.js";

export type { ArticleSignature, ClusterState, StoryProfile } from "./state.js";

export type Assignment =
  | { kind: "near-duplicate"; articleId: number; storyId: number; similarity: number }
  | {
      kind: "join";
      storyId: number;
      similarity: number;
      probability: number;
      /** Other stories the article is as sure to belong to (foldThreshold): the caller folds each into
       * storyId (fold(), and the store) before recording the article. */
      folds?: number[];
    }
  | { kind: "new"; bestSimilarity: number };

/** What changed since the last takeChanges(): absolute values, so writing them twice is harmless. */
export interface ClusterChanges {
  documents: number;
  /** New document frequency of every term that changed, sorted by term; 0 for a term forgotten
   * (see ClusterConfig.maxTerms). */
  documentFrequencies: Array<[string, number]>;
  /** The new profile of every story that changed, by id. */
  stories: StoryProfile[];
  /** Stories folded into another, [from, into], in the order folded: `from` is gone. */
  folded?: Array<[number, number]>;
}

/** An article of a story's recent core or origin: its heaviest terms (weights before IDF) and title terms, by id. */
interface CoreVector {
  ids: Int32Array;
  weights: Float64Array;
  headline: Int32Array;
  /** Its subject terms (ArticleFeatures.subject). */
  subject: Int32Array;
  newsAt: number;
  /** Its stored form (#coreArticle), made once: a core article never changes, and its terms outlive
   * a renumbering of the vocabulary. */
  stored?: CoreArticle;
}

/** What the join model reads of one candidate story, in JOIN_FEATURES order. */
export type JoinFeatures = number[];

export interface JoinCandidate {
  storyId: number;
  /** Cosine of the article and the story's centroid. */
  similarity: number;
  features: JoinFeatures;
  /** The join model's probability that the article belongs to the story. */
  probability: number;
  /** The story has titles to compare the article's with (false for a profile stored before newsbot
   * kept them: the headline check passes). */
  titled: boolean;
}

interface ActiveStory {
  id: number;
  articles: number;
  startedAt: number;
  updatedAt: number;
  /** The centroid (StoryProfile.terms) as term ids and weights, heaviest (TF-IDF at the last record) first. */
  ids: Int32Array;
  weights: Float64Array;
  /** Term ids of its keyEntities heaviest person/organisation features (centroid weight, before IDF). */
  keys: number[];
  /** Newest last. */
  signatures: ArticleSignature[];
  /** StoryProfile.headline as a set in the same order; undefined for a profile stored without it. */
  headline: Set<string> | undefined;
  /** The latest coreArticles articles, oldest first; empty for a profile stored without them. */
  recent: CoreVector[];
  /** The first originArticles articles. */
  origin: CoreVector[];
  /** #candidates()' tally: the overlap with the article it last looked up, valid while `tallied`
   * holds that look-up's mark. */
  overlap?: number;
  tallied?: number;
}

/** An article term under the current IDF; id is -1 for a term no recorded article has. */
interface WeightedTerm {
  term: string;
  id: number;
  weight: number;
}


/** The article's heaviest person or organisation feature (weight before IDF; ties: first by key). */
function leadEntity(features: ArticleFeatures): string | undefined {
  let lead: string | undefined;
  let leadWeight = 0;
  const { terms } = features;
  for (const term in terms) {
    if (!term.startsWith(ENTITY_PREFIX)) continue;
    const w = terms[term]!;
    if (lead === undefined || byWeightThenKey([term, w], [lead, leadWeight]) < 0) {
      lead = term;
      leadWeight = w;
    }
  }
  return lead;
}

/** Whether the article's title shares a word with the story's titles. An article without a title
 * word, or a story stored before titles were kept, has nothing to compare and passes. */
function sharesHeadline(features: ArticleFeatures, story: ActiveStory): boolean {
  const { headline } = story;
  if (!headline || headline.size === 0 || features.headline.length === 0) return true;
  return features.headline.some((word) => headline.has(word));
}

/** A logistic join model: one weight per JOIN_FEATURES entry, and a bias. */
export interface JoinModel {
  weights: readonly number[];
  bias: number;
}

/** What the join model reads of an article and a candidate story, in order (join-model.ts says what each is). */
export const JOIN_FEATURES = [
  "centroid",
  "recent",
  "best",
  "origin",
  "headline",
  "sharedWords",
  "rarestShared",
  "entities",
  "leadAgrees",
  "headlineOnlyHours",
  "size",
  "headlineOnly",
  "headlineOnlyRecent",
  "headlineOnlyHeadline",
] as const;

/** The model trained by bench/train-cluster.ts (src/core/cluster/join-model.ts). */
export const JOIN_MODEL: JoinModel = {
  weights: JOIN_FEATURES.map((name) => {
    const w = (JOIN_WEIGHTS as Record<string, number>)[name];
    if (w === undefined) throw new Error(`join-model.ts has no weight for ${name}`);
    return w;
  }),
  bias: JOIN_BIAS,
};

/** The join model's probability for one candidate's features. */
export function joinProbability(features: readonly number[], model: JoinModel = JOIN_MODEL): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * features[i]!;
  return 1 / (1 + Math.exp(-z));
}

const HOUR_MS = 3_600_000;

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

/** Code-unit order, as Array.prototype.sort() uses, for ties and for what the store is handed. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byWeightThenKey(a: readonly [string, number, ...unknown[]], b: readonly [string, number, ...unknown[]]): number {
  return b[1] - a[1] || byKey(a[0], b[0]);
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
  readonly #vocabulary = new Vocabulary((term) => term.startsWith(ENTITY_PREFIX));
  readonly #stories = new Map<number, ActiveStory>();
  /** Term id -> the active stories whose centroid has it. */
  readonly #postings = new Map<number, Set<ActiveStory>>();
  /** The newest news time seen: the clock that ages stories out. */
  #latest = Number.NEGATIVE_INFINITY;
  #lastSweep = Number.NEGATIVE_INFINITY;
  /** ln(1 + df) by df: IDF without a logarithm per term. */
  readonly #lnTable: number[] = [0];
  /** The article being scored, dense by term id (zero elsewhere): one array read per centroid term. */
  #scratch = new Float64Array(0);
  /** A second dense array for summing a story's core articles; zero between uses. */
  #sum = new Float64Array(0);
  /** Sets of term ids without a Set: an id is in the set marked `#mark` when its entry holds that
   * mark (#nextMark() empties both at once): the core's title terms and its terms in #scored(), the
   * centroid's terms after and before a change in #index(). */
  #titleMarks = new Int32Array(0);
  #termMarks = new Int32Array(0);
  #mark = 0;
  #changedTerms = new Set<number>();
  /** Terms forgotten since the last takeChanges(). */
  #forgottenTerms = new Set<string>();
  #changedStories = new Map<number, ActiveStory>();
  /** [from, into] of every fold since the last takeChanges(). */
  #folded: Array<[number, number]> = [];

  readonly #model: JoinModel;
  /** featureSettings(config), worked out on first use. */
  #featureSettings: string | undefined;

  /** `model` replaces the trained join model (for training it). */
  constructor(config: Partial<ClusterConfig> = {}, state?: ClusterState, model: JoinModel = JOIN_MODEL) {
    this.config = clusterConfig(config);
    this.#model = model;
    if (!state) return;
    this.#documents = state.documents;
    for (const [term, n] of state.documentFrequencies) this.#vocabulary.setDf(this.#vocabulary.intern(term), n);
    for (const profile of [...state.stories].sort((a, b) => a.id - b.id)) {
      const entries = Object.entries(profile.terms);
      const story: ActiveStory = {
        id: profile.id,
        articles: profile.articles,
        startedAt: profile.startedAt,
        updatedAt: profile.updatedAt,
        ids: Int32Array.from(entries, ([term]) => this.#vocabulary.intern(term)),
        weights: Float64Array.from(entries, ([, w]) => w),
        keys: [],
        signatures: [],
        headline: profile.headline && new Set(profile.headline),
        recent: (profile.recent ?? []).map((a) => this.#coreVector(a)),
        origin: (profile.origin ?? []).map((a) => this.#coreVector(a)),
      };
      story.keys = this.#keyEntities(story);
      this.#stories.set(profile.id, story);
      this.#index(profile.id, new Int32Array(0), story.ids);
      this.#latest = Math.max(this.#latest, profile.updatedAt);
    }
    const signatures = [...state.recentArticles].sort((a, b) => a.newsAt - b.newsAt || a.articleId - b.articleId);
    for (const s of signatures) this.#stories.get(s.storyId)?.signatures.push(copySignature(s));
    for (const story of this.#stories.values()) this.#capSignatures(story);
    this.#sweep();
  }

  /** The features of an article under this clusterer's settings (title and entity weights, signature
   * size): those it carries (`clusterFeatures`, made by enrichment) when they were made under the same
   * settings, the same features made elsewhere. */
  features(article: Pick<ClusterArticle, "title" | "body" | "entities"> & { clusterFeatures?: PrecomputedFeatures }): ArticleFeatures {
    const carried = article.clusterFeatures;
    if (carried && carried.settings === (this.#featureSettings ??= featureSettings(this.config))) return carried.features;
    return featuresWith(article, this.config);
  }

  /** Where the article belongs, given everything recorded so far. Changes nothing. */
  assign(features: ArticleFeatures, newsAt: Date): Assignment {
    const t = timeOf(newsAt);
    const vector = this.#articleVector(features);
    const candidates = this.#candidates(vector, t);

    let duplicate: { articleId: number; storyId: number; similarity: number } | undefined;
    const horizon = horizonOf(this.#latest, this.config);
    for (const id of candidates) {
      for (const s of this.#stories.get(id)!.signatures) {
        if (s.newsAt < horizon) continue; // kept only until the next sweep
        const similarity = signatureSimilarity(features.signature, s.signature, this.config.signatureSize, this.config.nearDuplicateThreshold);
        if (
          similarity >= this.config.nearDuplicateThreshold &&
          (!duplicate || similarity > duplicate.similarity || (similarity === duplicate.similarity && s.articleId < duplicate.articleId))
        ) {
          duplicate = { articleId: s.articleId, storyId: s.storyId, similarity };
        }
      }
    }
    if (duplicate) return { kind: "near-duplicate", ...duplicate };

    const scored = this.#scored(features, vector, candidates, t);
    if (features.signature.length === 0) {
      // A headline-only item: the join model decides (headlines are too short for one cosine to).
      const { headlineOnlyJoinThreshold, foldThreshold } = this.config;
      const [c] = scored;
      if (c && c.probability >= headlineOnlyJoinThreshold) {
        // One event told as two stories (it split early in the news): an item that belongs to both
        // at high confidence brings them together.
        const folds = scored
          .slice(1)
          .filter((o) => foldThreshold < 1 && o.probability >= foldThreshold && c.probability >= foldThreshold && this.#alike(c.storyId, o.storyId))
          .map((o) => o.storyId);
        return { kind: "join", storyId: c.storyId, similarity: c.similarity, probability: c.probability, ...(folds.length > 0 && { folds }) };
      }
    } else {
      const { joinThreshold, entityJoinThreshold, headlineJoinThreshold, subjectThreshold, subjectMinArticles } = this.config;
      const low = Math.min(joinThreshold, entityJoinThreshold);
      const byCosine = [...scored].sort((a, b) => b.similarity - a.similarity || a.storyId - b.storyId);
      for (const c of byCosine) {
        if (c.similarity < low) break;
        if (c.similarity < joinThreshold && c.features[8] !== 1) continue;
        const story = this.#stories.get(c.storyId)!;
        if (c.similarity < headlineJoinThreshold && !sharesHeadline(features, story)) continue;
        // The next event of a topic (the campaign's next speech) shares the topic's actors and words,
        // not what happened: once a story is big enough to drift, the title less its actors' names
        // must share a term with the same of the story's latest titles.
        if (c.similarity < subjectThreshold && story.articles >= subjectMinArticles && features.subject.length > 0 && !this.#sharesSubject(features, story)) continue;
        return { kind: "join", storyId: c.storyId, similarity: c.similarity, probability: c.probability };
      }
    }
    return { kind: "new", bestSimilarity: Math.max(0, ...scored.map((s) => s.similarity)) };
  }

  /** The candidate stories for an article with their similarity, join features and probability, most
   * probable first (ties: lower id): what assign() chose from, e.g. to explain a decision or to train
   * the join model. Changes nothing. */
  candidates(features: ArticleFeatures, newsAt: Date): JoinCandidate[] {
    const t = timeOf(newsAt);
    const vector = this.#articleVector(features);
    return this.#scored(features, vector, this.#candidates(vector, t), t);
  }

  #scored(features: ArticleFeatures, vector: WeightedTerm[], candidates: number[], t: number): JoinCandidate[] {
    const vocabulary = this.#vocabulary;
    const lead = leadEntity(features);
    const leadId = lead === undefined ? undefined : vocabulary.idOf(lead);
    this.#growDense();
    for (const { id, weight } of vector) if (id >= 0) this.#scratch[id] = weight;
    const lnN = Math.log(1 + this.#documents);
    // The title's terms by IDF: the headline feature is the IDF-weighted share found in the core's titles.
    const title = features.headline.map((term) => vocabulary.idOf(term) ?? -1);
    const titleIdf = title.map((id) => this.#idf(id, lnN));
    const titleTotal = titleIdf.reduce((a, b) => a + b, 0);
    const names = vector.filter(({ id }) => id >= 0 && vocabulary.isFlagged(id)).map(({ id }) => id);
    const headlineOnly = features.signature.length === 0 ? 1 : 0;
    const scored = candidates.map((storyId): JoinCandidate => {
      const story = this.#stories.get(storyId)!;
      const similarity = this.#cosine(story, lnN);
      const core = story.recent.length > 0 ? story.recent : undefined;
      const recent = core ? this.#coreCosine(core, lnN) : { centroid: similarity, best: similarity };
      const origin = story.origin.length > 0 ? this.#coreCosine(story.origin, lnN).centroid : similarity;
      let shared = 0;
      let sharedWords = 0;
      let rarest = 0;
      let sharedNames = 0;
      if (core) {
        // The core's title terms and terms, marked by term id with a mark of this candidate's own.
        const mark = this.#nextMark();
        const coreTitle = this.#titleMarks;
        const coreTerms = this.#termMarks;
        for (const a of core) {
          for (const id of a.headline) coreTitle[id] = mark;
          for (const id of a.ids) coreTerms[id] = mark;
        }
        title.forEach((id, i) => {
          if (id < 0 || coreTitle[id] !== mark) return;
          shared += titleIdf[i]!;
          sharedWords++;
          rarest = Math.max(rarest, titleIdf[i]!);
        });
        for (const id of names) if (coreTerms[id] === mark) sharedNames++;
      } else if (story.headline) {
        features.headline.forEach((term, i) => {
          if (!story.headline!.has(term)) return;
          shared += titleIdf[i]!;
          sharedWords++;
          rarest = Math.max(rarest, titleIdf[i]!);
        });
      }
      const headline = titleTotal > 0 ? shared / titleTotal : 0;
      const x: JoinFeatures = [
        similarity,
        recent.centroid,
        recent.best,
        origin,
        headline,
        Math.min(sharedWords, 3),
        rarest / (lnN + 1),
        Math.min(sharedNames, 3),
        leadId !== undefined && story.keys.includes(leadId) ? 1 : 0,
        // Only the headline-only training set is dated (the body one is not): time gaps are learnt for those alone.
        headlineOnly * Math.log1p(Math.max(0, t - story.updatedAt) / HOUR_MS),
        Math.log1p(story.articles),
        headlineOnly,
        headlineOnly * recent.centroid,
        headlineOnly * headline,
      ];
      return { storyId, similarity, features: x, probability: joinProbability(x, this.#model), titled: core !== undefined || story.headline !== undefined };
    });
    for (const { id } of vector) if (id >= 0) this.#scratch[id] = 0;
    return scored.sort((a, b) => b.probability - a.probability || a.storyId - b.storyId);
  }

  /** Cosine of the article (in #scratch, unit length) and the centroid of some of a story's articles
   * (the sum of their unit-length vectors under the current IDF), and the best of one article alone. */
  #coreCosine(articles: CoreVector[], lnN: number): { centroid: number; best: number } {
    const sum = this.#sum;
    const touched: number[] = [];
    const { dotSum, best } = this.#unitSum(articles, lnN, touched);
    let norm = 0;
    for (const id of touched) {
      norm += sum[id]! * sum[id]!;
      sum[id] = 0;
    }
    return { centroid: norm > 0 ? dotSum / Math.sqrt(norm) : 0, best };
  }

  /** Adds the articles' vectors under the current IDF, each unit length, into #sum (ids first met
   * pushed on `touched`, in that order; the caller zeroes them), and dots each with the article in
   * #scratch: the sum of those dots and the best one. */
  #unitSum(articles: ReadonlyArray<{ ids: Int32Array; weights: Float64Array }>, lnN: number, touched: number[]): { dotSum: number; best: number } {
    const scratch = this.#scratch;
    const sum = this.#sum;
    let best = 0;
    let dotSum = 0;
    for (const { ids, weights } of articles) {
      let norm = 0;
      let dot = 0;
      for (let i = 0; i < ids.length; i++) {
        const w = weights[i]! * this.#idf(ids[i]!, lnN);
        norm += w * w;
        dot += scratch[ids[i]!]! * w;
      }
      norm = Math.sqrt(norm);
      if (norm === 0) continue;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (sum[id] === 0) touched.push(id);
        sum[id]! += (weights[i]! * this.#idf(id, lnN)) / norm;
      }
      best = Math.max(best, dot / norm);
      dotSum += dot / norm;
    }
    return { dotSum, best };
  }

  /** A mark no entry of #titleMarks or #termMarks holds, nor any story's `tallied`: empty sets. */
  #nextMark(): number {
    if (this.#mark === 0x3fffffff) {
      this.#titleMarks.fill(0);
      this.#termMarks.fill(0);
      for (const story of this.#stories.values()) story.tallied = 0;
      this.#mark = 0;
    }
    return ++this.#mark;
  }

  /** #scratch and #sum (zero between uses), #titleMarks and #termMarks hold every term id. */
  #growDense(): void {
    const size = this.#vocabulary.size;
    if (this.#scratch.length < size) this.#scratch = new Float64Array(size * 2);
    if (this.#sum.length < size) this.#sum = new Float64Array(size * 2);
    this.#growMarks();
  }

  /** #titleMarks and #termMarks hold every term id. */
  #growMarks(): void {
    const size = this.#vocabulary.size;
    if (this.#titleMarks.length >= size) return;
    this.#titleMarks = new Int32Array(size * 2);
    this.#termMarks = new Int32Array(size * 2);
  }

  /** Whether the article's subject (its title less its actors' names) shares a term with the subjects
   * of the story's recent core. A story stored without its recent core passes. */
  #sharesSubject(features: ArticleFeatures, story: ActiveStory): boolean {
    if (story.recent.length === 0) return true;
    const lnN = Math.log(1 + this.#documents);
    const least = this.config.subjectRarity * (lnN + 1);
    // A topic's everyday word ("election", shared by every event of a campaign) says nothing of the event.
    const ids = features.subject.map((term) => this.#vocabulary.idOf(term) ?? -1).filter((id) => this.#idf(id, lnN) >= least);
    return story.recent.some((a) => a.subject.some((id) => ids.includes(id)));
  }

  /** A stored core article by term id. */
  #coreVector(article: CoreArticle): CoreVector {
    const entries = Object.entries(article.terms);
    return {
      ids: Int32Array.from(entries, ([term]) => this.#vocabulary.intern(term)),
      weights: Float64Array.from(entries, ([, w]) => w),
      headline: Int32Array.from(article.headline, (term) => this.#vocabulary.intern(term)),
      subject: Int32Array.from(article.subject ?? article.headline, (term) => this.#vocabulary.intern(term)),
      newsAt: article.newsAt,
    };
  }

  #coreArticle(vector: CoreVector): CoreArticle {
    if (vector.stored) return vector.stored;
    const terms: Record<string, number> = {};
    vector.ids.forEach((id, i) => (terms[this.#vocabulary.term(id)] = vector.weights[i]!));
    const term = (id: number) => this.#vocabulary.term(id);
    // Shared by every profile that lists it: frozen, so that no reader changes another's.
    const headline = Object.freeze(Array.from(vector.headline, term)) as string[];
    const subject = Object.freeze(Array.from(vector.subject, term)) as string[];
    vector.stored = Object.freeze({ terms: Object.freeze(terms), headline, subject, newsAt: vector.newsAt });
    return vector.stored;
  }

  /** The story's keyEntities heaviest person/organisation features (centroid weight, before IDF). */
  #keyEntities(story: ActiveStory): number[] {
    const vocabulary = this.#vocabulary;
    const keys: Array<[string, number, number]> = [];
    const { ids, weights } = story;
    for (let i = 0; i < ids.length; i++) if (vocabulary.isFlagged(ids[i]!)) keys.push([vocabulary.term(ids[i]!), weights[i]!, ids[i]!]);
    return keys.sort(byWeightThenKey).slice(0, this.config.keyEntities).map(([, , id]) => id);
  }

  /** Whether two stories' recent cores are alike enough to fold (foldSimilarity): the cosine of their
   * centroids (each core article unit length, under the current IDF). */
  #alike(a: number, b: number): boolean {
    const { foldSimilarity } = this.config;
    if (foldSimilarity <= 0) return true;
    const lnN = Math.log(1 + this.#documents);
    this.#growDense();
    const sum = this.#sum;
    // Each centroid in #sum in turn (#scratch holds no article here: the dots are 0 and unused).
    const core = (story: ActiveStory) => (story.recent.length > 0 ? story.recent : [story]);
    const xIds: number[] = [];
    this.#unitSum(core(this.#stories.get(a)!), lnN, xIds);
    const x = xIds.map((id) => {
      const w = sum[id]!;
      sum[id] = 0;
      return w;
    });
    const yIds: number[] = [];
    this.#unitSum(core(this.#stories.get(b)!), lnN, yIds);
    let dot = 0;
    let nx = 0;
    let ny = 0;
    xIds.forEach((id, i) => {
      nx += x[i]! * x[i]!;
      dot += x[i]! * sum[id]!;
    });
    for (const id of yIds) {
      ny += sum[id]! * sum[id]!;
      sum[id] = 0;
    }
    return nx > 0 && ny > 0 && dot / Math.sqrt(nx * ny) >= foldSimilarity;
  }

  /** Folds story `from` into story `into` (both active): one story from then on, as if its articles
   * had been recorded in `into`. The store moves the articles (StoryIndexStore.fold). */
  fold(into: number, from: number): void {
    const a = this.#stories.get(into);
    const b = this.#stories.get(from);
    if (!a || !b || into === from) throw new RangeError(`cannot fold story ${from} into ${into}: both must be active and distinct`);
    const before = a.ids;
    const sum = new Map<number, number>();
    a.ids.forEach((id, i) => sum.set(id, a.weights[i]!));
    b.ids.forEach((id, i) => sum.set(id, (sum.get(id) ?? 0) + b.weights[i]!));
    const lnN = Math.log(1 + this.#documents);
    const ranked = [...sum.keys()].map((id): [string, number, number] => [this.#vocabulary.term(id), sum.get(id)! * this.#idf(id, lnN), id]);
    ranked.sort(byWeightThenKey);
    const kept = ranked.slice(0, this.config.maxProfileTerms);
    a.ids = Int32Array.from(kept, ([, , id]) => id);
    a.weights = Float64Array.from(kept, ([, , id]) => sum.get(id)!);
    a.keys = this.#keyEntities(a);
    if (a.headline && b.headline) this.#rememberHeadline(a.headline, [...b.headline]);
    const byTime = (x: CoreVector, y: CoreVector) => x.newsAt - y.newsAt;
    a.recent = [...a.recent, ...b.recent].sort(byTime).slice(-this.config.coreArticles);
    a.origin = [...a.origin, ...b.origin].sort(byTime).slice(0, this.config.originArticles);
    a.signatures = [...a.signatures, ...b.signatures.map((s) => ({ ...s, storyId: into }))];
    a.signatures.sort((x, y) => x.newsAt - y.newsAt || x.articleId - y.articleId);
    this.#capSignatures(a);
    a.articles += b.articles;
    a.startedAt = Math.min(a.startedAt, b.startedAt);
    a.updatedAt = Math.max(a.updatedAt, b.updatedAt);
    this.#index(into, before, a.ids);
    this.#index(from, b.ids, new Int32Array(0));
    this.#stories.delete(from);
    this.#changedStories.delete(from);
    this.#changedStories.set(into, a);
    this.#folded.push([from, into]);
  }

  /** Adds the article to the story (a new one or an active one): document frequencies, the story's
   * centroid, the candidate index and the near-duplicate signatures. */
  record(articleId: number, storyId: number, features: ArticleFeatures, newsAt: Date): void {
    const t = timeOf(newsAt);
    const vocabulary = this.#vocabulary;
    this.#documents++;
    const articleTerms = Object.entries(features.terms).map(([term, w]): [number, number] => {
      const id = vocabulary.intern(term);
      vocabulary.setDf(id, vocabulary.df(id) + 1);
      this.#changedTerms.add(id);
      return [id, w];
    });

    let story = this.#stories.get(storyId);
    if (!story) {
      story = {
        id: storyId,
        articles: 0,
        startedAt: t,
        updatedAt: t,
        ids: new Int32Array(0),
        weights: new Float64Array(0),
        keys: [],
        signatures: [],
        headline: new Set(),
        recent: [],
        origin: [],
      };
      this.#stories.set(storyId, story);
    }
    const before = story.ids;

    // Each article adds its unit-length term vector, so a long article does not outweigh short ones.
    let norm = 0;
    for (const [, w] of articleTerms) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    // The new centroid's weights in #sum and its TF-IDF weights in #scratch (dense by term id, zero
    // again after), ranked by TF-IDF weight, then term.
    this.#growDense();
    const sum = this.#sum;
    const rank = this.#scratch;
    const inSum = this.#termMarks;
    const mark = this.#nextMark();
    const terms: number[] = [];
    const decay = this.config.centroidDecay;
    for (let i = 0; i < story.ids.length; i++) {
      const id = story.ids[i]!;
      sum[id] = story.weights[i]! * decay;
      inSum[id] = mark;
      terms.push(id);
    }
    for (const [id, w] of articleTerms) {
      if (inSum[id] !== mark) {
        inSum[id] = mark;
        terms.push(id);
      }
      sum[id] = sum[id]! + w / norm;
    }
    const lnN = Math.log(1 + this.#documents);
    for (const id of terms) rank[id] = sum[id]! * this.#idf(id, lnN);
    terms.sort((a, b) => rank[b]! - rank[a]! || byKey(vocabulary.term(a), vocabulary.term(b)));
    const kept = terms.slice(0, this.config.maxProfileTerms);
    story.ids = Int32Array.from(kept);
    story.weights = Float64Array.from(kept, (id) => sum[id]!);
    for (const id of terms) {
      sum[id] = 0;
      rank[id] = 0;
    }
    story.keys = this.#keyEntities(story);
    if (story.headline) this.#rememberHeadline(story.headline, features.headline);
    // The article's heaviest terms (TF-IDF now), for the story's recent core and origin.
    const heaviest = articleTerms
      .map(([id, w]): [string, number, number, number] => [vocabulary.term(id), w * this.#idf(id, lnN), id, w])
      .sort(byWeightThenKey)
      .slice(0, this.config.coreTerms);
    const core: CoreVector = {
      ids: Int32Array.from(heaviest, ([, , id]) => id),
      weights: Float64Array.from(heaviest, ([, , , w]) => w),
      headline: Int32Array.from(features.headline, (term) => vocabulary.intern(term)),
      subject: Int32Array.from(features.subject, (term) => vocabulary.intern(term)),
      newsAt: t,
    };
    story.recent.push(core);
    story.recent.sort((a, b) => a.newsAt - b.newsAt);
    if (story.recent.length > this.config.coreArticles) story.recent.splice(0, story.recent.length - this.config.coreArticles);
    if (story.origin.length < this.config.originArticles) story.origin.push(core);
    story.articles++;
    story.startedAt = Math.min(story.startedAt, t);
    story.updatedAt = Math.max(story.updatedAt, t);
    this.#index(storyId, before, story.ids);

    if (features.signature.length > 0) {
      const signature: ArticleSignature = { articleId, storyId, signature: [...features.signature], newsAt: t };
      story.signatures.push(signature);
      story.signatures.sort((a, b) => a.newsAt - b.newsAt || a.articleId - b.articleId);
      this.#capSignatures(story);
    }

    // takeChanges() writes the story's profile out once per batch, not once per article.
    this.#changedStories.set(storyId, story);
    if (t > this.#latest) this.#latest = t;
    if (this.#latest - this.#lastSweep >= SWEEP_EVERY_MS) this.#sweep();
  }

  /** Everything the store needs to persist since the previous call (then forgets it). */
  takeChanges(): ClusterChanges {
    const vocabulary = this.#vocabulary;
    // A term forgotten and then seen again is reported with its new count.
    const frequencies = new Map<string, number>([...this.#forgottenTerms].map((term) => [term, 0]));
    for (const id of this.#changedTerms) frequencies.set(vocabulary.term(id), vocabulary.df(id));
    const changes: ClusterChanges = {
      documents: this.#documents,
      documentFrequencies: [...frequencies].sort(([a], [b]) => byKey(a, b)),
      stories: [...this.#changedStories.values()].sort((a, b) => a.id - b.id).map((story) => this.#profile(story)),
      folded: this.#folded,
    };
    this.#folded = [];
    this.#changedTerms = new Set();
    this.#forgottenTerms = new Set();
    this.#changedStories = new Map();
    return changes;
  }

  /** A copy of the whole state, for persisting or building another clusterer. */
  state(): ClusterState {
    const stories = [...this.#stories.values()].sort((a, b) => a.id - b.id);
    return {
      documents: this.#documents,
      documentFrequencies: new Map(this.#vocabulary.frequencies()),
      stories: stories.map((s) => this.#profile(s)),
      recentArticles: stories.flatMap((s) => s.signatures.map(copySignature)),
    };
  }

  /** Ids of the stories in memory (active, or recently so). */
  activeStoryIds(): number[] {
    return [...this.#stories.keys()].sort((a, b) => a - b);
  }

  #profile(story: ActiveStory): StoryProfile {
    const terms: Record<string, number> = {};
    story.ids.forEach((id, i) => (terms[this.#vocabulary.term(id)] = story.weights[i]!));
    const headline = story.headline && [...story.headline];
    return {
      id: story.id,
      terms,
      articles: story.articles,
      ...(headline && { headline }),
      recent: story.recent.map((a) => this.#coreArticle(a)),
      origin: story.origin.map((a) => this.#coreArticle(a)),
      startedAt: story.startedAt,
      updatedAt: story.updatedAt,
    };
  }

  /** Adds an article's title words to a story's, a word seen again moving to the end, the oldest
   * dropped past maxHeadlineTerms. */
  #rememberHeadline(headline: Set<string>, words: readonly string[]): void {
    for (const word of words) {
      headline.delete(word);
      headline.add(word);
    }
    for (const word of headline) {
      if (headline.size <= this.config.maxHeadlineTerms) break;
      headline.delete(word);
    }
  }

  /** Smoothed IDF, ln((1 + N) / (1 + df)) + 1: never zero, never infinite, and close to flat while few
   * documents are known. `lnN` is ln(1 + N), worked out once per call by the caller. */
  #idf(id: number, lnN: number): number {
    const df = id < 0 ? 0 : this.#vocabulary.df(id);
    let ln = this.#lnTable[df];
    if (ln === undefined) {
      for (let i = this.#lnTable.length; i <= df; i++) this.#lnTable.push(Math.log(1 + i));
      ln = this.#lnTable[df]!;
    }
    return lnN - ln + 1;
  }

  /** The article's TF-IDF vector, unit length, heaviest terms first. */
  #articleVector(features: ArticleFeatures): WeightedTerm[] {
    const lnN = Math.log(1 + this.#documents);
    const vector = Object.entries(features.terms).map(([term, w]): WeightedTerm => {
      const id = this.#vocabulary.idOf(term) ?? -1;
      return { term, id, weight: w * this.#idf(id, lnN) };
    });
    let norm = 0;
    for (const { weight } of vector) norm += weight * weight;
    norm = Math.sqrt(norm) || 1;
    for (const entry of vector) entry.weight /= norm;
    return vector.sort((a, b) => b.weight - a.weight || byKey(a.term, b.term));
  }

  /** Active stories sharing the article's top terms, best overlap first, at most maxCandidates. */
  #candidates(vector: WeightedTerm[], t: number): number[] {
    const window = this.config.windowDays * DAY_MS;
    // Each story's overlap is tallied on the story itself: a common term is posted for thousands.
    const mark = this.#nextMark();
    const touched: ActiveStory[] = [];
    for (const { id, weight } of vector.slice(0, this.config.queryTerms)) {
      const stories = this.#postings.get(id);
      if (!stories) continue;
      for (const story of stories) {
        if (story.tallied !== mark) {
          story.tallied = mark;
          story.overlap = 0;
          touched.push(story);
        }
        story.overlap! += weight;
      }
    }
    // Stories past the horizon wait for the next sweep to leave memory; until then they are skipped,
    // so decisions never depend on when the last sweep ran (or on a restart, which sweeps at once).
    const horizon = horizonOf(this.#latest, this.config);
    // The best maxCandidates by overlap, then lower id (a total order: the same stories, in the same
    // order, as sorting them all), kept in order as they are met: thousands share a common term.
    const max = this.config.maxCandidates;
    const best: number[] = [];
    const bestOverlap: number[] = [];
    for (const story of touched) {
      const { id } = story;
      const w = story.overlap!;
      const n = best.length;
      if (n === max && (w < bestOverlap[n - 1]! || (w === bestOverlap[n - 1]! && id > best[n - 1]!))) continue;
      if (story.updatedAt < t - window || story.startedAt > t + window || story.updatedAt < horizon) continue;
      let i = n;
      while (i > 0 && (w > bestOverlap[i - 1]! || (w === bestOverlap[i - 1]! && id < best[i - 1]!))) i--;
      best.splice(i, 0, id);
      bestOverlap.splice(i, 0, w);
      if (best.length > max) {
        best.pop();
        bestOverlap.pop();
      }
    }
    return best;
  }

  /** Cosine of the article (in #scratch, unit length) and the story's centroid under the current IDF. */
  #cosine(story: ActiveStory, lnN: number): number {
    const { ids, weights } = story;
    const scratch = this.#scratch;
    let norm = 0;
    let dot = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const w = weights[i]! * this.#idf(id, lnN);
      norm += w * w;
      dot += scratch[id]! * w;
    }
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  }

  #index(storyId: number, before: Int32Array, after: Int32Array): void {
    const story = this.#stories.get(storyId)!;
    // The terms it keeps and those it had, as marked sets (see #titleMarks).
    this.#growMarks();
    const mark = this.#nextMark();
    const keep = this.#titleMarks;
    const had = this.#termMarks;
    for (const id of after) keep[id] = mark;
    for (const id of before) had[id] = mark;
    // A recorded article changes a few of a story's terms: those it had stay posted as they are.
    for (const id of before) {
      if (keep[id] === mark) continue;
      const stories = this.#postings.get(id);
      stories?.delete(story);
      if (stories?.size === 0) this.#postings.delete(id);
    }
    for (const id of after) {
      if (had[id] === mark) continue;
      let stories = this.#postings.get(id);
      if (!stories) this.#postings.set(id, (stories = new Set()));
      stories.add(story);
    }
  }

  #capSignatures(story: ActiveStory): void {
    const extra = story.signatures.length - this.config.maxSignaturesPerStory;
    if (extra > 0) story.signatures.splice(0, extra);
  }

  /** Forgets the stories and signatures too old to matter for any article still expected, and the
   * rarest terms when there are too many. */
  #sweep(): void {
    this.#lastSweep = this.#latest;
    const horizon = horizonOf(this.#latest, this.config);
    for (const [id, story] of this.#stories) {
      if (story.updatedAt < horizon) {
        this.#index(id, story.ids, new Int32Array(0));
        this.#stories.delete(id);
      } else {
        story.signatures = story.signatures.filter((s) => s.newsAt >= horizon);
      }
    }
    if (this.#vocabulary.size > this.config.maxTerms) this.#forgetRareTerms();
  }

  /** Forgets terms until a quarter of maxTerms is free: the lowest document frequencies first, the
   * earliest seen first among equals, never a term of an active story's centroid. A forgotten term
   * seen again counts from one; its IDF barely moves, as it was rare either way. */
  #forgetRareTerms(): void {
    const vocabulary = this.#vocabulary;
    const size = vocabulary.size;
    const inStory = new Uint8Array(size);
    for (const story of this.#stories.values()) {
      for (const id of story.ids) inStory[id] = 1;
      for (const a of [...story.recent, ...story.origin]) for (const id of [...a.ids, ...a.headline, ...a.subject]) inStory[id] = 1;
    }
    const candidates: number[] = [];
    for (let id = 0; id < size; id++) if (!inStory[id]) candidates.push(id);
    // A stable sort: among equal frequencies, ids stay in the order the terms were first seen.
    candidates.sort((a, b) => vocabulary.df(a) - vocabulary.df(b));
    const forgotten = new Uint8Array(size);
    for (const id of candidates.slice(0, size - Math.floor(this.config.maxTerms * 0.75))) {
      forgotten[id] = 1;
      this.#forgottenTerms.add(vocabulary.term(id));
    }
    const remap = vocabulary.compact((id) => forgotten[id] === 0);
    const moved = (ids: Iterable<number>): number[] => [...ids].flatMap((id) => (remap[id]! >= 0 ? [remap[id]!] : []));
    this.#changedTerms = new Set(moved(this.#changedTerms));
    this.#postings.clear();
    for (const story of this.#stories.values()) {
      story.ids = Int32Array.from(story.ids, (id) => remap[id]!);
      // The origin may share its vectors with the recent core: remap each vector once.
      for (const a of new Set([...story.recent, ...story.origin])) {
        a.ids = Int32Array.from(a.ids, (id) => remap[id]!);
        a.headline = Int32Array.from(a.headline, (id) => remap[id]!);
        a.subject = Int32Array.from(a.subject, (id) => remap[id]!);
      }
      story.keys = moved(story.keys);
      this.#index(story.id, new Int32Array(0), story.ids);
    }
    this.#scratch = new Float64Array(vocabulary.size * 2);
    this.#sum = new Float64Array(vocabulary.size * 2);
    this.#titleMarks = new Int32Array(vocabulary.size * 2);
    this.#termMarks = new Int32Array(vocabulary.size * 2);
  }
}
