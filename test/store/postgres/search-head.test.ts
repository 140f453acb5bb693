// Postgres search reads an older slice through the title and entity names alone when no match with
// the query's words only in the body could be relevant enough (text-query.ts, `head`): that bound must
// hold for the most a body can give, and the slice must still hold every match above it.
import { afterEach, describe, expect, it } from "vitest";
import type { TextQuery } from "../../../src/core/storage/index.js";
import { Ingest } from "../../../src/core/storage/ingest.js";
import { PostgresStorage } from "../../../src/store/postgres/postgres-storage.js";
import { freshDatabasePerTest } from "../../fakes/postgres.js";
import { article, DAY, NOW } from "../contract/engine.js";

const freshDatabase = freshDatabasePerTest();
let storage: PostgresStorage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** Words no query here names, between the query's words. */
const filler = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `zu${"bdfgklmnprst"[(from + i) % 12]}${"aeiou"[(from + i) % 5]}o`).join(" ");

describe("Postgres search through the title and entity names", () => {
  it("bounds the relevance of a match with its words only in the body, and finds every match above it", async () => {
    storage = await PostgresStorage.open(await freshDatabase());
    const old = (days: number) => new Date(NOW.getTime() - days * DAY);
    const outcomes = await new Ingest(storage).addArticles([
      // The words as often as a vector keeps their positions, and once: the most and least a body gives.
      article({ title: "Quiet day", body: `music oil vote market ${filler(3)} `.repeat(300), storedAt: old(10) }),
      article({ title: "Another day", body: `A music event. ${filler(40, 3)}`, storedAt: old(11) }),
      article({ title: "Music awards", body: `Stars on stage. ${filler(20, 7)}`, storedAt: old(12) }),
      article({ title: "Calm", body: "Nothing moved in the harbour all week, said the keeper of the lighthouse.", entities: [{ kind: "organisation", name: "Oil Council", mentions: 1 }], storedAt: old(13) }),
      article({ title: "Vote counted", body: `vote ${filler(5)} market`, storedAt: old(14) }),
    ]);
    const ids = outcomes.map((o) => o.articleId);
    expect(new Set(ids).size).toBe(5);
    const inBodyOnly = new Set(ids.slice(0, 2));
    const queries: TextQuery[] = [
      { groups: [["music"]], match: "all" },
      { groups: [["oil", "vote", "market"]], match: "all" },
      { groups: [["music"], ["oil"]], match: "any" },
      // Both words needed: ranked as alternatives too, each word's weight summed over the two.
      { groups: [["vote"], ["market"]], match: "all" },
    ];
    let read = 0;
    for (const query of queries) {
      const { fewAbove, maxRelevance } = await storage.articles.textMatchBounds(query);
      expect(fewAbove).toBeDefined();
      expect(fewAbove!).toBeLessThan(maxRelevance);
      const every = await storage.articles.textMatches(query, {});
      const bodyOnly = every.filter((m) => inBodyOnly.has(m.articleId));
      expect(bodyOnly.length).toBeGreaterThan(0);
      // The bound holds for the most relevant body, and not by far: it is the bound, not a guess.
      for (const m of bodyOnly) expect(m.relevance).toBeLessThanOrEqual(fewAbove!);
      expect(Math.max(...bodyOnly.map((m) => m.relevance))).toBeGreaterThan(fewAbove! * 0.75);
      // Above the bound (through the title and entity names) and below it (the body's best still in),
      // a slice holds every match so relevant, with the relevance the store gives it.
      for (const atLeast of [fewAbove! * 1.001, Math.max(...bodyOnly.map((m) => m.relevance))]) {
        const strong = await storage.articles.textMatches(query, { since: old(30), until: old(5), atLeast });
        const wanted = every.filter((m) => m.relevance >= atLeast);
        expect(wanted.length).toBeGreaterThan(0);
        expect(strong.map((m) => m.articleId)).toEqual(expect.arrayContaining(wanted.map((m) => m.articleId)));
        for (const m of strong) expect(m.relevance).toBe(every.find((e) => e.articleId === m.articleId)!.relevance);
        read += strong.length;
      }
    }
    expect(read).toBeGreaterThan(3);
  });

  it("gives no bound for a lone phrase, whose body positions pair up, or words the stemmer may split", async () => {
    storage = await PostgresStorage.open(await freshDatabase());
    for (const query of [
      { groups: [["tony blair"]], match: "all" },
      { groups: [["tony blair"], ["budget"]], match: "all" },
      { groups: [["Zhōngguó"]], match: "all" },
    ] satisfies TextQuery[]) {
      expect((await storage.articles.textMatchBounds(query)).fewAbove).toBeUndefined();
    }
  });
});
