// The sliced search over an engine that leaves out everything it may: the same answer as ranking
// every match, and the slices after the first ask only for what could still enter.
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/article.js";
import type { ArticleStore, TextMatch, TextMatchScope } from "../../../src/core/storage/index.js";
import { searchArticles } from "../../../src/core/storage/search.js";

const DAY = 86_400_000;
const NOW = new Date("2026-12-01T12:00:00Z");

/** Matches over `days` days, relevance in tiers as a weighted rank gives them (title, names, body). */
function matches(count: number, days: number, seed: number): TextMatch[] {
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: count }, (_, i) => {
    const tier = random();
    const relevance = (tier < 0.05 ? 0.6 : tier < 0.3 ? 0.25 : 0.06) * (0.6 + random() * 0.6);
    // Some share a relevance and a time, for the ties.
    const at = random() < 0.05 ? NOW.getTime() - DAY : NOW.getTime() - random() * days * DAY;
    return { articleId: i + 1, relevance: i % 17 === 0 ? 0.25 : relevance, newsAt: new Date(at) };
  });
}

/** An engine over `all` that leaves out every match below `atLeast`, and records the scopes asked. */
function engine(all: TextMatch[], maxRelevance: number): { store: ArticleStore; scopes: TextMatchScope[] } {
  const scopes: TextMatchScope[] = [];
  const store = {
    textMatchBounds: async () => ({ maxRelevance, oldestNewsAt: new Date(Math.min(...all.map((m) => m.newsAt.getTime()))) }),
    textMatches: async (_query: unknown, scope: TextMatchScope) => {
      scopes.push(scope);
      if (typeof scope === "number") throw new Error("search asks for slices");
      return all.filter(
        (m) =>
          (!scope.since || m.newsAt >= scope.since) && (!scope.until || m.newsAt < scope.until) && (scope.atLeast === undefined || m.relevance >= scope.atLeast),
      );
    },
    byIds: async (ids: number[]) => ids.map((id) => ({ id }) as Article),
  } as unknown as ArticleStore;
  return { store, scopes };
}

function byDefinition(all: TextMatch[], limit: number): number[] {
  const rank = (m: TextMatch): number => m.relevance * Math.pow(0.5, Math.max(0, NOW.getTime() - m.newsAt.getTime()) / DAY / 7);
  return [...all]
    .sort((a, b) => rank(b) - rank(a) || b.newsAt.getTime() - a.newsAt.getTime() || a.articleId - b.articleId)
    .slice(0, limit)
    .map((m) => m.articleId);
}

describe("searchArticles", () => {
  it("gives the answer of ranking every match when the engine leaves out what is below the relevance asked", async () => {
    let floors = 0;
    for (const [seed, count, days] of [[1, 3000, 100], [2, 300, 100], [3, 50, 10], [4, 5000, 20], [5, 40, 200]] as const) {
      const all = matches(count, days, seed);
      for (const limit of [20, 5]) {
        const { store, scopes } = engine(all, 0.7);
        const found = await searchArticles(store, { groups: [["x"]], match: "all" }, { limit, now: NOW });
        expect(found.map((a) => a.id)).toEqual(byDefinition(all, limit));
        // The first slice is asked whole; later ones only for what could still enter.
        expect(scopes[0]).toMatchObject({ atLeast: undefined });
        floors += scopes.filter((s) => typeof s !== "number" && s.atLeast !== undefined).length;
      }
    }
    expect(floors).toBeGreaterThan(3);
  });

  it("takes the first slice's matches from the bounds when the engine sends them, and asks only for the slices after", async () => {
    for (const [seed, count, days] of [[11, 3000, 100], [12, 40, 0.5]] as const) {
      const all = matches(count, days, seed);
      const { store, scopes } = engine(all, 0.7);
      const bounds = store.textMatchBounds.bind(store);
      const sending = {
        ...store,
        textMatchBounds: async (query: never, first?: Date) => ({ ...(await bounds(query)), firstMatches: all.filter((m) => !first || m.newsAt >= first) }),
      } as ArticleStore;
      const found = await searchArticles(sending, { groups: [["x"]], match: "all" }, { limit: 20, now: NOW });
      expect(found.map((a) => a.id)).toEqual(byDefinition(all, 20));
      // Every slice asked of textMatches is older than the first.
      for (const scope of scopes) expect(typeof scope !== "number" && scope.until).toBeTruthy();
      if (days < 1) expect(scopes).toEqual([]);
    }
  });

  it("misses an article when the engine's bound is too low: the bound is what keeps the answer exact", async () => {
    const all = matches(3000, 100, 7);
    // An old, very relevant match that a bound below its relevance stops the search before.
    all.push({ articleId: 9999, relevance: 0.7, newsAt: new Date(NOW.getTime() - 8 * DAY) });
    const right = await searchArticles(engine(all, 0.7).store, { groups: [["x"]], match: "all" }, { limit: 20, now: NOW });
    expect(right.map((a) => a.id)).toContain(9999);
    const wrong = await searchArticles(engine(all, 0.3).store, { groups: [["x"]], match: "all" }, { limit: 20, now: NOW });
    expect(wrong.map((a) => a.id)).not.toEqual(byDefinition(all, 20));
  });
});
