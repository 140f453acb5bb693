// The benchmark's growing store: articles made from a real corpus, as many as wanted, dated as a busy
// newsroom's intake would be. bench/store.ts fills its stores with them.
import type { ArticleInput } from "../src/core/article.js";

const DAY = 86_400_000;
/** A busy newsroom's intake: a few hundred feeds. The clustering window (7 days) then holds ~7,000. */
const ARTICLES_PER_DAY = 1000;

/**
 * Article number n, made from the corpus: in round r (n / corpus size), base article i keeps its
 * title and opening paragraph, and its paragraph k comes from article i + r * k. Each paragraph is
 * borrowed from a different article, so generated articles read like real news and share one
 * paragraph at most; about one in ten (short articles, where one paragraph is most of the text)
 * still come out as near-duplicates or duplicates, as wire copy does, so fewer are stored than
 * ingested. Dates advance with n, so a bigger store covers more days, not more articles per day.
 */
export function generated(base: ArticleInput[], n: number, last: number, now: number): ArticleInput {
  const i = n % base.length;
  const round = Math.floor(n / base.length);
  const a = base[i]!;
  const paragraphs = (article: ArticleInput) => article.body.split(/\n\s*\n/);
  const own = paragraphs(a);
  const body = own.map((paragraph, k) => {
    if (round === 0 || k === 0) return paragraph;
    const donor = paragraphs(base[(i + round * k) % base.length]!);
    return donor[k % donor.length]!;
  });
  return {
    ...a,
    title: round === 0 ? a.title : `${a.title} (${round})`,
    body: body.join("\n\n"),
    // The store grows as a real one does, over time: a steady ARTICLES_PER_DAY, the last one now.
    publishedAt: new Date(now - ((last - n) * DAY) / ARTICLES_PER_DAY),
  };
}

