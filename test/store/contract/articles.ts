// Articles and search: what every engine stores and answers, with the core's ingest and ranking on top.
import { describe, expect, it } from "vitest";
import type { ArticleStore, PlacedArticle, TextMatch, TextMatchScope, TextQuery } from "../../../src/core/storage/index.js";
import { Ingest } from "../../../src/core/storage/ingest.js";
import { searchArticles } from "../../../src/core/storage/search.js";
import { article, DAY, engines, HOUR, NOW, type EngineFactory } from "./engine.js";

const WORDS = "oil price market vote budget talks storm quake peace court trial strike bank rate film award music league cup match".split(" ");
/** Filler words, so that each of WORDS is in some articles only. */
const FILLER = Array.from({ length: 150 }, (_, i) => `zu${"bdfgklmnprst"[i % 12]}${"aeiou"[Math.floor(i / 12) % 5]}${"kmnrt"[Math.floor(i / 60)]}o`);
const NAMES = ["Syria", "Iraq", "Chelsea", "Tony Blair", "Google"];

/** `count` articles of a few words, in batches of 500, ids mostly following news time over 150 days:
 * one in ten is older news stored late, one in a hundred is dated up to a day after NOW. */
function generatedArticles(count: number, firstId: number, storyId: number): PlacedArticle[] {
  let seed = 22;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Common words first: the first of WORDS is in most articles, the last in a few.
  const words = (n: number): string => Array.from({ length: n }, () => (random() < 0.25 ? WORDS[Math.floor(random() ** 2 * WORDS.length)] : pick(FILLER))).join(" ");
  return Array.from({ length: count }, (_, i) => {
    const age = random() < 0.1 ? random() * 150 * DAY : random() < 0.01 ? -random() * DAY : ((count - i) / count) * 150 * DAY + random() * DAY;
    const newsAt = new Date(NOW.getTime() - age);
    const names = random() < 0.3 ? [pick(NAMES)] : [];
    const title = `${words(2 + Math.floor(random() * 4))} ${i}`;
    return {
      ...article({ title, body: words(10 + Math.floor(random() * 50)), entities: names.map((name) => ({ kind: "place" as const, name, mentions: 1 })) }),
      id: firstId + i,
      storyId,
      newsAt,
      signature: [1],
    };
  });
}

/** The best `limit` of every match by the ranking's definition: relevance halved every 7 days of age,
 * then the newer, then the lower id. */
function rankedByDefinition(matches: TextMatch[], now: Date, limit: number): number[] {
  const rank = (m: TextMatch): number => m.relevance * Math.pow(0.5, Math.max(0, now.getTime() - m.newsAt.getTime()) / DAY / 7);
  return [...matches]
    .sort((a, b) => rank(b) - rank(a) || b.newsAt.getTime() - a.newsAt.getTime() || a.articleId - b.articleId)
    .slice(0, limit)
    .map((m) => m.articleId);
}

export function articleContract(factory: EngineFactory): void {
  const open = engines(factory);

  describe("articles", () => {
    it("stores an article with its enrichment and reads it back", async () => {
      const { storage } = await open();
      const [outcome] = await new Ingest(storage).addArticles([
        article({
          title: "Talks in Moscow",
          url: "https://example.com/a",
          canonicalUrl: "https://example.com/a",
          source: "Example",
          imageCaption: "Delegates meet.",
          publishedAt: new Date(NOW.getTime() - DAY),
          entities: [{ kind: "place", name: "Syria", mentions: 3 }],
        }),
      ]);
      expect(outcome).toMatchObject({ status: "added" });
      const [stored] = await storage.articles.between(new Date(NOW.getTime() - 2 * DAY), NOW);
      expect(stored).toMatchObject({
        title: "Talks in Moscow",
        url: "https://example.com/a",
        canonicalUrl: "https://example.com/a",
        source: "Example",
        imageCaption: "Delegates meet.",
        contentHash: "hash-Talks in Moscow",
        summary: ["Talks in Moscow summary."],
        entities: [{ kind: "place", name: "Syria", mentions: 3 }],
        readingMinutes: 1,
        copies: [],
      });
      expect(stored?.id).toBe(outcome!.status === "added" ? outcome!.articleId : undefined);
      expect(stored?.publishedAt?.toISOString()).toBe("2026-11-26T08:00:00.000Z");
      expect(stored?.storedAt.toISOString()).toBe(NOW.toISOString());
      expect(await storage.articles.byIds([stored!.id, 999])).toEqual([stored]);
      expect(await storage.articles.knownTopics(10)).toEqual([{ name: "Syria", kind: "place", articles: 1 }]);
      expect(await storage.articles.count()).toBe(1);
    });

    it("counts an undated article from when it was stored, and a future date as the arrival time", async () => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([
        article({ title: "Undated", storedAt: new Date(NOW.getTime() - 2 * DAY) }),
        article({ title: "From the future", publishedAt: new Date(NOW.getTime() + 3 * DAY) }),
      ]);
      const lastDay = await storage.articles.between(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 1));
      expect(lastDay.map((a) => a.title)).toEqual(["From the future"]);
      const threeDays = await storage.articles.between(new Date(NOW.getTime() - 3 * DAY), new Date(NOW.getTime() + 1));
      expect(threeDays.map((a) => a.title)).toEqual(["From the future", "Undated"]);
    });

    it("skips an article with the same canonical URL or the same content, also within one batch", async () => {
      const { storage } = await open();
      const outcomes = await new Ingest(storage).addArticles([
        article({ title: "One", canonicalUrl: "https://example.com/1" }),
        article({ title: "One again", canonicalUrl: "https://example.com/1" }),
        article({ title: "Two", contentHash: "same" }),
        article({ title: "Two republished", contentHash: "same" }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["added", "duplicate", "added", "duplicate"]);
      expect(outcomes[1]).toEqual({ status: "duplicate", matchedOn: "url", articleId: outcomes[0]!.articleId });
      expect(outcomes[3]).toEqual({ status: "duplicate", matchedOn: "content", articleId: outcomes[2]!.articleId });
      expect(await storage.articles.count()).toBe(2);
    });

    it("tells which articles are stored already, by URL before content", async () => {
      const { storage } = await open();
      const [one] = await new Ingest(storage).addArticles([article({ title: "One", canonicalUrl: "https://example.com/1", contentHash: "h1" })]);
      const found = await storage.articles.findDuplicates([
        { canonicalUrl: "https://example.com/1", contentHash: "other" },
        { contentHash: "h1" },
        { canonicalUrl: "https://example.com/2", contentHash: "h2" },
      ]);
      expect(found).toEqual([
        { status: "duplicate", articleId: one!.articleId, matchedOn: "url" },
        { status: "duplicate", articleId: one!.articleId, matchedOn: "content" },
        undefined,
      ]);
    });

    it("rolls back the whole batch when one article cannot be stored", async () => {
      const { storage } = await open();
      // The database refuses the second article (no reading time) after the first was written.
      const broken = { ...article({ title: "Broken" }), readingMinutes: null as unknown as number };
      await expect(new Ingest(storage).addArticles([article({ title: "Fine" }), broken])).rejects.toThrow();
      expect(await storage.articles.count()).toBe(0);
      expect(await storage.articles.knownTopics(10)).toEqual([]);
    });

    it("reads a story's articles newest first, a few at most, and counts its coverage", async () => {
      const { storage } = await open();
      const ingest = new Ingest(storage);
      const [first] = await ingest.addArticles([article({ title: "Quake hits Peru", source: "Wire", publishedAt: new Date(NOW.getTime() - 2 * DAY) })]);
      const storyId = first!.status === "added" ? first!.storyId : -1;
      const placed = { ...article({ title: "Quake rescue goes on", source: "Post", publishedAt: new Date(NOW.getTime() - DAY) }), storyId };
      await storage.ingest(async (tx) => {
        const next = await tx.articles.nextIds();
        expect(next).toEqual({ article: first!.articleId + 1, story: storyId + 1 });
        await tx.articles.store({
          stories: [],
          articles: [{ ...placed, id: next.article, newsAt: placed.publishedAt!, signature: [1, 2, 3], outlet: "Post" }],
          copies: [{ ...article({ title: "Quake rescue goes on (copy)", source: "Post" }), articleId: first!.articleId, storyId, outlet: "Post" }],
        });
      });
      const stories = await storage.articles.ofStories([storyId, 404], 5);
      expect(stories.get(storyId)?.map((a) => a.title)).toEqual(["Quake rescue goes on", "Quake hits Peru"]);
      expect(stories.get(404)).toEqual([]);
      expect((await storage.articles.ofStories([storyId], 1)).get(storyId)).toHaveLength(1);
      expect(stories.get(storyId)?.[1]?.copies.map((c) => c.title)).toEqual(["Quake rescue goes on (copy)"]);
      // Three reports (two articles and a copy) from two outlets.
      expect((await storage.articles.coverage([storyId, 404])).get(storyId)).toEqual({ reports: 3, outlets: 2 });
    });
  });

  describe("search", () => {
    it("matches folded diacritics and stems, and ranks title matches and recent articles first", async () => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([
        article({ title: "Old elections in Türkiye", storedAt: new Date(NOW.getTime() - 60 * DAY) }),
        article({ title: "Markets", body: "Analysts expect an election in Turkiye next year." }),
        article({ title: "Turkiye election called" }),
      ]);
      const hits = await searchArticles(storage.articles, { groups: [["turkiye"], ["election"]], match: "all" }, { limit: 10, now: NOW });
      expect(hits.map((a) => a.title)).toEqual(["Turkiye election called", "Markets", "Old elections in Türkiye"]);
    });

    it("finds an article by the names of its entities", async () => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([
        article({ title: "Talks resume", body: "Delegates met again.", entities: [{ kind: "place", name: "Damascus", mentions: 1 }] }),
        article({ title: "Budget passed" }),
      ]);
      const matches = await storage.articles.textMatches({ groups: [["damascus"]], match: "all" }, {});
      expect((await storage.articles.byIds(matches.map((m) => m.articleId))).map((a) => a.title)).toEqual(["Talks resume"]);
      expect(matches[0]!.relevance).toBeGreaterThan(0);
      expect(matches[0]!.newsAt.toISOString()).toBe(NOW.toISOString());
    });

    it("needs every group for match all and any group for match any; a group's terms are alternatives", async () => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([article({ title: "Syria talks" }), article({ title: "Iraq budget" })]);
      const search = (groups: string[][], match: "all" | "any") => searchArticles(storage.articles, { groups, match }, { limit: 10, now: NOW });
      expect(await search([["syria"], ["iraq"]], "all")).toEqual([]);
      expect((await search([["syria"], ["iraq"]], "any")).map((a) => a.title).sort()).toEqual(["Iraq budget", "Syria talks"]);
      expect((await search([["syria", "iraq"]], "all")).map((a) => a.title).sort()).toEqual(["Iraq budget", "Syria talks"]);
      expect((await search([["syria talks"]], "all")).map((a) => a.title)).toEqual(["Syria talks"]);
      expect(await search([["talks syria"]], "all")).toEqual([]);
    });

    it("matches a phrase inside one field: the title, the entity names or the body, never across two", async () => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([
        article({ title: "Meeting with Tony", body: "Castle talks went on.", entities: [{ kind: "place", name: "Blair Castle", mentions: 1 }] }),
        article({ title: "Quiet day in Damascus", body: "Rebels met in the old city, Tony Blair said." }),
      ]);
      const titles = async (term: string) =>
        (await searchArticles(storage.articles, { groups: [[term]], match: "all" }, { limit: 10, now: NOW })).map((a) => a.title).sort();
      expect(await titles("tony blair")).toEqual(["Quiet day in Damascus"]);
      expect(await titles("blair castle")).toEqual(["Meeting with Tony"]);
      expect(await titles("with tony")).toEqual(["Meeting with Tony"]);
      expect(await titles("damascus rebels")).toEqual([]);
      expect(await titles("castle castle")).toEqual([]);
      expect(await titles("castle talks")).toEqual(["Meeting with Tony"]);
      expect(
        await storage.articles.matching({ groups: [["tony castle", "damascus rebels"], ["quiet day"]], match: "any" }, [1, 2, 3]).then((ids) => ids.size),
      ).toBe(1);
    });

    it("ranks the newest slice first and widens it only while an older article could enter: the same answer as ranking every match", async () => {
      const { storage } = await open();
      await storage.ingest(async (tx) => {
        const next = await tx.articles.nextIds();
        await tx.articles.store({
          stories: [{ id: next.story, headline: "Generated", createdAt: NOW, updatedAt: NOW }],
          articles: generatedArticles(3000, next.article, next.story),
          copies: [],
        });
      });
      // Counts the scopes search asks for: how often the answer was settled on a slice.
      const scopes: TextMatchScope[] = [];
      // (An engine may send the first slice with the bounds.)
      const counted = new Proxy(storage.articles, {
        get: (target, property: keyof ArticleStore) =>
          property === "textMatches"
            ? (query: TextQuery, scope: TextMatchScope) => (scopes.push(scope), target.textMatches(query, scope))
            : property === "textMatchBounds"
              ? async (query: TextQuery, first?: Date) => {
                  const bounds = await target.textMatchBounds(query, first);
                  if (bounds.firstMatches) scopes.push({ since: first });
                  return bounds;
                }
              : (target[property] as (...args: unknown[]) => unknown).bind(target),
      });
      const queries: TextQuery[] = [
        ...WORDS.filter((_, i) => i % 2 === 0).map((word) => ({ groups: [[word]], match: "all" as const })),
        ...NAMES.map((name) => ({ groups: [[name]], match: "all" as const })),
        { groups: [["oil"], ["price"]], match: "all" },
        { groups: [["oil price"]], match: "all" },
        { groups: [["syria", "iraq"], ["talks"]], match: "all" },
        { groups: [["storm"], ["quake"], ["court"]], match: "any" },
        { groups: [["film award"], ["music"]], match: "any" },
        { groups: [["tony blair"], ["vote", "budget"], ["bank"]], match: "all" },
        { groups: [["nowhere"]], match: "all" },
        // Alternatives no article has, beside ones many have; a phrase of them; every group as alternatives.
        { groups: [["oil", "zuxqo", "vote", "zuxqo zuyqo", "market"]], match: "all" },
        { groups: [["Syria", "Damascus zuxqo", "zuyqo"]], match: "all" },
        { groups: [["tony blair", "the of"]], match: "all" },
        { groups: [["storm"], ["quake", "zuxqo"], ["court zuyqo"]], match: "any" },
      ];
      let slices = 0;
      let compared = 0;
      for (const now of [NOW, new Date(NOW.getTime() - 60 * DAY)]) {
        for (const limit of [20, 5]) {
          for (const query of queries) {
            const every = await storage.articles.textMatches(query, {});
            const { maxRelevance } = await storage.articles.textMatchBounds(query);
            for (const m of every) expect(m.relevance).toBeLessThanOrEqual(maxRelevance);
            scopes.length = 0;
            const found = await searchArticles(counted, query, { limit, now });
            expect(found.map((a) => a.id)).toEqual(rankedByDefinition(every, now, limit));
            const last = scopes.at(-1);
            if (last !== undefined && typeof last !== "number" && last.since) slices++;
            compared += found.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
      // Most answers never read the whole store.
      expect(slices).toBeGreaterThan(queries.length * 2);
      // A slice holds exactly the matches from its start on, with the relevance the whole store gives them.
      const query: TextQuery = { groups: [["oil", "vote"]], match: "all" };
      const since = new Date(NOW.getTime() - 20 * DAY);
      const every = new Map((await storage.articles.textMatches(query, {})).map((m) => [m.articleId, m]));
      const slice = await storage.articles.textMatches(query, { since });
      expect(slice.map((m) => m.articleId).sort((a, b) => a - b)).toEqual(
        [...every.values()].filter((m) => m.newsAt >= since).map((m) => m.articleId).sort((a, b) => a - b),
      );
      for (const m of slice) expect(m.relevance).toBe(every.get(m.articleId)!.relevance);
      expect(slice.length).toBeGreaterThan(50);
      // Its ends inside a day: the matches of those days before the start or from the end on stay out.
      const until = new Date(NOW.getTime() - 6 * DAY - 5 * HOUR);
      const between = [...every.values()].filter((m) => m.newsAt >= since && m.newsAt < until);
      const sameDays = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
      expect([...every.values()].some((m) => m.newsAt < since && sameDays(m.newsAt, since))).toBe(true);
      expect([...every.values()].some((m) => m.newsAt >= until && sameDays(m.newsAt, until))).toBe(true);
      expect((await storage.articles.textMatches(query, { since, until })).map((m) => m.articleId).sort((a, b) => a - b)).toEqual(
        between.map((m) => m.articleId).sort((a, b) => a - b),
      );
      // Asked for the matches at least so relevant, it may leave out only weaker ones.
      const relevances = slice.map((m) => m.relevance).sort((a, b) => a - b);
      const atLeast = relevances[Math.floor(relevances.length * 0.8)]!;
      const strong = await storage.articles.textMatches(query, { since, atLeast });
      const wanted = slice.filter((m) => m.relevance >= atLeast).map((m) => m.articleId);
      expect(wanted.length).toBeGreaterThan(0);
      expect(strong.map((m) => m.articleId)).toEqual(expect.arrayContaining(wanted));
      for (const m of strong) expect(m.relevance).toBe(every.get(m.articleId)!.relevance);
      expect(strong.every((m) => m.newsAt >= since)).toBe(true);
    }, 120_000);

    it("tells which of the given articles match a query", async () => {
      const { storage } = await open();
      const outcomes = await new Ingest(storage).addArticles([article({ title: "Syria talks" }), article({ title: "Iraq budget" }), article({ title: "Syria aid" })]);
      const [talks, budget] = outcomes.map((o) => o.articleId);
      expect(await storage.articles.matching({ groups: [["syria"]], match: "all" }, [talks!, budget!])).toEqual(new Set([talks]));
      expect(await storage.articles.matching({ groups: [["syria"]], match: "all" }, [])).toEqual(new Set());
    });

    it.each([
      ['"', "a lone quote"],
      ['syria" OR "iraq', "quotes and OR"],
      ["(syria", "a parenthesis"],
      ["NEAR(syria iraq)", "a NEAR group"],
      ["title:syria", "a column filter"],
      ["syr*", "a prefix star"],
      ["-syria", "a minus"],
      ["syria & !iraq | <->", "tsquery operators"],
      ["🙂", "an emoji"],
      ["", "nothing"],
    ])("treats %j (%s) as plain words, never as query syntax", async (term) => {
      const { storage } = await open();
      await new Ingest(storage).addArticles([article({ title: "Syria talks" }), article({ title: "Iraq budget" })]);
      const hits = await searchArticles(storage.articles, { groups: [[term]], match: "all" }, { limit: 5, now: NOW });
      // Whatever the words find, it is never the Iraq article without its word "iraq" in the term.
      if (!/iraq/i.test(term)) expect(hits.map((a) => a.title)).not.toContain("Iraq budget");
      await expect(storage.articles.matching({ groups: [[term]], match: "all" }, [1, 2])).resolves.toBeInstanceOf(Set);
    });
  });
}
