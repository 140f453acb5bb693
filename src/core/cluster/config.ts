// Story clustering settings: every threshold, weight and bound of the clusterer, with its default.
// Joining is decided by a logistic join model (join-model.ts, trained by bench/train-cluster.ts on the
// tuning halves of Google News' labels and WikiRef); joinThreshold, coreArticles,
// headlineJoinThreshold, headlineOnlyJoinThreshold and the fold settings were chosen on those tuning
// halves (`npm run bench:cluster -- --sweep`), the
// headline check also by watching the largest story of BBC and WikiRef articles stored together
// (`npm run bench:story-summary`). The other settings bound the work and memory.
import { z } from "zod";

const positive = z.number().positive();
const unit = z.number().min(0).max(1);
const count = z.number().int().positive();

export const ClusterConfig = z.object({
  /** Cosine (TF-IDF article vs. story centroid) at or above which an article with a body joins the
   * story on shared words alone. */
  joinThreshold: unit.default(0.14),
  /** Lower cosine at which an article with a body still joins a story when its lead actor agrees: the
   * article's heaviest person or organisation feature (by weight before IDF) is among the story's
   * keyEntities heaviest ones (centroid weight). Shared words alone never join below joinThreshold. */
  entityJoinThreshold: unit.default(0.09),
  /** Cosine below which an article with a body joins a story only when its title shares a content word
   * with one of the story's titles (the latest maxHeadlineTerms title words). 0 turns the check off. */
  headlineJoinThreshold: unit.default(0.25),
  /** Cosine below which an article with a body joins a story only when its title, less the names of
   * the people and organisations it mentions, shares a term with the same of the story's recent core
   * (coreArticles): the actors of a topic recur in the headlines of all its events, what they did does
   * not. 0 turns the check off. */
  subjectThreshold: unit.default(1),
  /** The subject check counts only terms at least this rare: IDF over the highest IDF possible
   * (ln(1 + N) + 1), so 0 counts every term. */
  subjectRarity: unit.default(0.5),
  /** The subject check applies to a story of at least this many articles. */
  subjectMinArticles: count.default(10),
  /** The join model's probability (src/core/cluster/join-model.ts) at or above which a headline-only
   * item joins its most probable candidate story; below it, the item starts a new story. */
  headlineOnlyJoinThreshold: unit.default(0.65),
  /** The join model's probability at or above which a headline-only item that belongs to two stories
   * folds them into one (the most probable): one event that split early in the news. 1 never folds. */
  foldThreshold: unit.default(0.95),
  /** The cosine of two stories' recent cores (their centroids, each core article unit length) at or
   * above which a headline-only item may fold them (foldThreshold). 0 leaves it to the item alone. */
  foldSimilarity: unit.default(0.1),
  /** How many of a story's latest articles make its recent core, the join model's main evidence. */
  coreArticles: count.default(4),
  /** How many of a story's first articles are kept as its origin. */
  originArticles: count.default(3),
  /** Terms kept of each core article (its heaviest by TF-IDF when recorded). */
  coreTerms: count.default(40),
  /** How many of a story's title words the shared-headline check remembers (the most recent). */
  maxHeadlineTerms: count.default(100),
  /** How much of a story's centroid each new article keeps (the centroid is multiplied by it before
   * the article is added): a story is matched against its recent core, about 1 / (1 - decay) articles,
   * not against everything it ever absorbed. 1 keeps every article at full weight. */
  centroidDecay: z.number().gt(0).max(1).default(1),
  /** How many of a story's heaviest person/organisation features count as its key actors. */
  keyEntities: count.default(3),
  /** MinHash Jaccard estimate at or above which an article is the same copy as a stored one. */
  nearDuplicateThreshold: unit.default(0.5),
  /** A story whose last article is older than this (relative to the new article's news time) is not
   * a candidate; nor is a story whose first article is this much newer than the article. */
  windowDays: positive.default(7),
  /** How late (in news time, behind the newest article seen) an article may arrive and still find the
   * stories it belongs to: stories are evicted from memory after windowDays + lateDays. */
  lateDays: z.number().min(0).default(2),
  /** Added to a term's weight for each time it appears in the title. */
  titleWeight: z.number().min(0).default(4),
  /** Weight of a person or organisation feature (e:name) with one mention; more mentions grow it
   * logarithmically. */
  entityWeight: z.number().min(0).default(3),
  /** The same for a place: a country is the setting of many unrelated events, so it says less. */
  placeWeight: z.number().min(0).default(0.5),
  /** Terms whose document frequency is kept in memory (and in the store). Past it, the rarest terms
   * no active story has are forgotten until a quarter of the room is free: a bot that runs for years
   * meets new names every day, and most are never seen again. */
  maxTerms: count.default(500_000),
  /** Terms kept in a story's centroid (the highest TF-IDF weights). */
  maxProfileTerms: count.default(200),
  /** The article's top-weighted terms that look up candidate stories in the inverted index. */
  queryTerms: count.default(30),
  /** Candidate stories compared in full (cosine and near-duplicate signatures). */
  maxCandidates: count.default(20),
  /** Recent article signatures kept per story for near-duplicate checks. */
  maxSignaturesPerStory: count.default(16),
  /** MinHash values per signature. */
  signatureSize: z.number().int().min(16).max(512).default(128),
  /** Words per shingle for the MinHash signature. */
  shingleWords: z.number().int().min(1).max(12).default(4),
});
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** Full settings from a partial one; a bad value throws a ZodError naming the setting. */
export function clusterConfig(config: Partial<ClusterConfig> = {}): ClusterConfig {
  return ClusterConfig.parse(config);
}
