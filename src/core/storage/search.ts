// Ranking: the best text matches re-ranked by recency, the same over any engine. The engine scores
// text relevance (its own weights for title, body and entity names); how fast news ages and how many
// matches are weighed are the core's.
import type { Article } from "../article.js";
import type { ArticleStore, TextQuery } from "./articles.js";

const DAY_MS = 86_400_000;
/** Recency halves an article's relevance after this many days. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** How many best text matches are re-ranked by recency per result wanted (at least MIN_CANDIDATES). */
const CANDIDATES_PER_RESULT = 5;
const MIN_CANDIDATES = 100;

export interface SearchOptions {
  limit: number;
  /** The clock the recency boost is measured against. */
  now: Date;
}

/** Articles matching the query, best first: text relevance weighted by recency. */
export async function searchArticles(articles: ArticleStore, query: TextQuery, options: SearchOptions): Promise<Article[]> {
  const matches = await articles.textMatches(query, Math.max(options.limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES));
  const now = options.now.getTime();
  const best = matches
    .map(({ articleId, relevance, newsAt }) => {
      const ageDays = Math.max(0, now - newsAt.getTime()) / DAY_MS;
      return { articleId, at: newsAt.getTime(), rank: relevance * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS) };
    })
    .sort((a, b) => b.rank - a.rank || b.at - a.at)
    .slice(0, options.limit);
  return articles.byIds(best.map((b) => b.articleId));
}
