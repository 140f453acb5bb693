// The story clusterer's state as plain data, and its stored forms: zod schemas for what the store reads
// back (story profiles as JSON) and signatures as compact bytes (signature-bytes.ts).
import { z } from "zod";

const newsTime = z.number().finite();

/** One article of a story's recent core or origin, as the join model reads it. */
export const CoreArticle = z.object({
  /** Its heaviest terms (TF-IDF when recorded, at most coreTerms), weights before IDF. */
  terms: z.record(z.string(), z.number().finite()),
  /** The content terms of its title. */
  headline: z.array(z.string()),
  /** Its title's terms that are not words of a person or organisation it names (ArticleFeatures.subject);
   * absent from a core article stored before newsbot kept them: its headline stands in. */
  subject: z.array(z.string()).optional(),
  /** News time, ms. */
  newsAt: newsTime,
});
export type CoreArticle = z.infer<typeof CoreArticle>;

/** A story as the clusterer sees it: its centroid, its recent and first articles, and when it was news. */
export const StoryProfile = z.object({
  id: z.number().int(),
  /** Centroid: the sum of the story's articles' unit-length term vectors (before IDF), each older one
   * multiplied by centroidDecay once per article since (so 1 keeps them all at full weight), trimmed to the
   * maxProfileTerms terms of highest TF-IDF weight, heaviest first. */
  terms: z.record(z.string(), z.number().finite()),
  articles: z.number().int().min(0),
  /** Content terms of the story's titles, most recently seen last, at most maxHeadlineTerms. Absent
   * from a profile stored before newsbot kept them: such a story skips the shared-headline check. */
  headline: z.array(z.string()).optional(),
  /** The story's latest articles (at most coreArticles), oldest first: what a new article is judged
   * against. Absent from a profile stored before newsbot kept them: the centroid stands in. */
  recent: z.array(CoreArticle).optional(),
  /** The story's first articles (at most originArticles): what it was about when it began. */
  origin: z.array(CoreArticle).optional(),
  /** Earliest news time of the story's articles, ms. */
  startedAt: newsTime,
  /** Latest news time of the story's articles, ms. */
  updatedAt: newsTime,
});
export type StoryProfile = z.infer<typeof StoryProfile>;

/** A recent article's near-duplicate signature. */
export const ArticleSignature = z.object({
  articleId: z.number().int(),
  storyId: z.number().int(),
  signature: z.array(z.number().int().min(0).max(0xffffffff)),
  /** News time, ms. */
  newsAt: newsTime,
});
export type ArticleSignature = z.infer<typeof ArticleSignature>;

export interface ClusterState {
  /** Articles recorded so far (the N of IDF). */
  documents: number;
  /** Term -> number of recorded articles that have it. */
  documentFrequencies: Map<string, number>;
  /** The stories in memory (active within the window, or recently so). */
  stories: StoryProfile[];
  /** The recent articles of those stories, at most maxSignaturesPerStory per story. */
  recentArticles: ArticleSignature[];
}
