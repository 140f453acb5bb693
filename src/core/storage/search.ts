// Ranking: text matches re-ranked by recency, the same over any engine. The engine scores text
// relevance (its own weights for title, body and entity names); how fast news ages is the core's.
//
// An article's rank is its relevance halved for every RECENCY_HALF_LIFE_DAYS of age, and the answer is
// the best ranks among ALL the matches. Ranking every match of a common word at 100k articles costs
// more than the answer is worth, so the newest matches are ranked first: the engine also says how
// relevant any match could at most be, and an article older than a slice's start ranks at most that
// bound times the decay at the start. Once the slice's last wanted rank beats that, no older article
// can enter the answer; otherwise the slice is widened just far enough that none could. The answer
// is the same as ranking every match, in the same order (the contract suite compares the two).
import type { Article } from "../article.js";
import type { ArticleStore, TextMatch, TextQuery } from "./articles.js";

const DAY_MS = 86_400_000;
/** Recency halves an article's relevance after this many days. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** The newest slice searched first: most answers are settled within it. */
const FIRST_SLICE_DAYS = 1;
/** Over-estimates the bound by a hair, so floating-point rounding never lets an older article in. */
const ROUNDING_MARGIN = 1 + 1e-9;
/** Lowers the relevance a slice is asked for by more than the ranks' rounding. */
const RELEVANCE_MARGIN = 1 + 1e-6;

export interface SearchOptions {
  limit: number;
  /** The clock the recency boost is measured against. */
  now: Date;
}

interface Ranked {
  articleId: number;
  at: number;
  rank: number;
}

/** How much of its relevance an article `ageMs` old keeps. */
function recency(ageMs: number): number {
  return Math.pow(0.5, Math.max(0, ageMs) / DAY_MS / RECENCY_HALF_LIFE_DAYS);
}

/** Best first: rank, then the newer, then the lower id. */
function ranked(matches: TextMatch[], now: number, limit: number): Ranked[] {
  return matches
    .map(({ articleId, relevance, newsAt }) => ({ articleId, at: newsAt.getTime(), rank: relevance * recency(now - newsAt.getTime()) }))
    .sort((a, b) => b.rank - a.rank || b.at - a.at || a.articleId - b.articleId)
    .slice(0, limit);
}

/** A news time a little before which an article needs a relevance above `fewAbove` to rank `last`. */
function splitAt(now: number, last: number, fewAbove: number): number {
  return now - (RECENCY_HALF_LIFE_DAYS * Math.log2((fewAbove * RELEVANCE_MARGIN) / last) * 1.01 + 1 / 24) * DAY_MS;
}

/** Articles matching the query, best first: text relevance weighted by recency. */
export async function searchArticles(articles: ArticleStore, query: TextQuery, options: SearchOptions): Promise<Article[]> {
  return articles.byIds((await bestMatches(articles, query, options)).map((b) => b.articleId));
}

/** The `limit` best ranked matches, searching the newest slice first and widening it while an older
 * article could still rank among them. */
async function bestMatches(articles: ArticleStore, query: TextQuery, options: SearchOptions): Promise<Ranked[]> {
  const now = options.now.getTime();
  // The first slice's matches may come with the bounds: from its start on, they are the same whether
  // or not it holds every match.
  const { maxRelevance, oldestNewsAt, firstMatches, fewAbove } = await articles.textMatchBounds(query, new Date(now - FIRST_SLICE_DAYS * DAY_MS));
  if (oldestNewsAt === undefined) return [];
  const bound = maxRelevance * ROUNDING_MARGIN;
  // Of each slice, only its `limit` best ranked can be among the answer.
  const keep = { limit: options.limit, now: options.now, halfLifeDays: RECENCY_HALF_LIFE_DAYS };
  // Slices follow one another back in time: each query ranks only matches not ranked yet.
  const found: TextMatch[] = [];
  let until: Date | undefined;
  let days = FIRST_SLICE_DAYS;
  // The rank the answer's last article has at least: 0 until `limit` matches are found.
  let last = 0;
  for (;;) {
    const since = now - days * DAY_MS;
    const whole = since <= oldestNewsAt.getTime();
    // A match older than `until` ranks at most its relevance times the recency at `until`: unless
    // its relevance is at least `last` over that, it ranks below the last article and cannot enter
    // (`last` only rises). The engine may leave such matches out of the slice.
    const atLeast = until && last > 0 ? last / recency(now - until.getTime()) / RELEVANCE_MARGIN : undefined;
    const first = until === undefined ? firstMatches : undefined;
    // Where an older article needs more than `fewAbove` to enter, that part of the slice is asked apart.
    const split = atLeast !== undefined && fewAbove !== undefined && atLeast <= fewAbove ? splitAt(now, last, fewAbove) : undefined;
    const older = split !== undefined && split > since && split < until!.getTime() ? new Date(split) : undefined;
    const scopes = older
      ? [
          { since: older, until, atLeast, best: keep },
          { since: whole ? undefined : new Date(since), until: older, atLeast: last / recency(now - older.getTime()) / RELEVANCE_MARGIN, best: keep },
        ]
      : [{ since: whole ? undefined : new Date(since), until, atLeast, best: keep }];
    found.push(...(first ?? (await Promise.all(scopes.map((scope) => articles.textMatches(query, scope)))).flat()));
    const best = ranked(found, now, options.limit);
    if (whole) return best;
    last = best.length === options.limit ? best.at(-1)!.rank : 0;
    // Every article not searched is older than `since`: its rank is below bound * recency(days).
    if (last > bound * recency(days * DAY_MS)) return best;
    // Widen to where bound * recency < last (the last rank can only rise as the slice grows), or
    // four times as far while too few match to say.
    const enough = last > 0 ? RECENCY_HALF_LIFE_DAYS * Math.log2(bound / last) * 1.01 + 1 / 24 : 0;
    until = new Date(since);
    days = Math.max(enough, days * (last > 0 ? 1.25 : 4));
  }
}
