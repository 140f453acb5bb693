import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import type { NewArticle } from "../../src/store/store.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const DAY = 86_400_000;

function article(over: Partial<NewArticle> & { title: string }): NewArticle {
  return {
    body: `${over.title} body text.`,
    contentHash: `hash-${over.title}`,
    storedAt: NOW,
    summary: [`${over.title} summary.`],
    entities: [],
    readingMinutes: 1,
    ...over,
  };
}

const stores: SqliteStore[] = [];
function memoryStore(): SqliteStore {
  const store = new SqliteStore(":memory:");
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe("SqliteStore", () => {
  it("stores an article with its enrichment and reads it back", async () => {
    const store = memoryStore();
    const [outcome] = await store.addArticles([
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
    expect(outcome).toMatchObject({ status: "added", articleId: 1, storyId: 1 });
    const [stored] = await store.articlesBetween(new Date(NOW.getTime() - 2 * DAY), NOW);
    expect(stored).toMatchObject({
      id: 1,
      storyId: 1,
      title: "Talks in Moscow",
      source: "Example",
      imageCaption: "Delegates meet.",
      summary: ["Talks in Moscow summary."],
      entities: [{ kind: "place", name: "Syria", mentions: 3 }],
    });
    expect(stored?.publishedAt?.toISOString()).toBe("2026-11-26T08:00:00.000Z");
    expect(await store.knownTopics(10)).toEqual([{ name: "Syria", kind: "place", articles: 1 }]);
  });

  it("counts an undated article from when it was stored, and a future date as the arrival time", async () => {
    const store = memoryStore();
    await store.addArticles([
      article({ title: "Undated", storedAt: new Date(NOW.getTime() - 2 * DAY) }),
      article({ title: "From the future", publishedAt: new Date(NOW.getTime() + 3 * DAY) }),
    ]);
    const lastDay = await store.articlesBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 1));
    expect(lastDay.map((a) => a.title)).toEqual(["From the future"]);
    const threeDays = await store.articlesBetween(new Date(NOW.getTime() - 3 * DAY), new Date(NOW.getTime() + 1));
    expect(threeDays.map((a) => a.title)).toEqual(["From the future", "Undated"]);
  });

  it("skips an article with the same canonical URL or the same content, also within one batch", async () => {
    const store = memoryStore();
    const outcomes = await store.addArticles([
      article({ title: "One", canonicalUrl: "https://example.com/1" }),
      article({ title: "One again", canonicalUrl: "https://example.com/1" }),
      article({ title: "Two", contentHash: "same" }),
      article({ title: "Two republished", contentHash: "same" }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["added", "duplicate", "added", "duplicate"]);
    expect(outcomes[1]).toMatchObject({ matchedOn: "url", articleId: 1 });
    expect(outcomes[3]).toMatchObject({ matchedOn: "content", articleId: 2 });
    expect(await store.countArticles()).toBe(2);
  });

  it("tells which articles are stored already, before they are enriched", async () => {
    const store = memoryStore();
    await store.addArticles([article({ title: "One", canonicalUrl: "https://example.com/1", contentHash: "h1" })]);
    const found = await store.findDuplicates([
      { canonicalUrl: "https://example.com/1", contentHash: "other" },
      { contentHash: "h1" },
      { canonicalUrl: "https://example.com/2", contentHash: "h2" },
    ]);
    expect(found).toEqual([
      { status: "duplicate", articleId: 1, matchedOn: "url" },
      { status: "duplicate", articleId: 1, matchedOn: "content" },
      undefined,
    ]);
  });

  it("rolls back the whole batch when one article cannot be stored", async () => {
    const store = memoryStore();
    // An object cannot be bound as a column value: the insert fails after "Fine" was inserted.
    const broken = { ...article({ title: "Broken" }), readingMinutes: { not: "a number" } as unknown as number };
    await expect(store.addArticles([article({ title: "Fine" }), broken])).rejects.toThrow();
    expect(await store.countArticles()).toBe(0);
  });

  it("matches folded diacritics and stems, and ranks title matches and recent articles first", async () => {
    const store = memoryStore();
    await store.addArticles([
      article({ title: "Old elections in Türkiye", storedAt: new Date(NOW.getTime() - 60 * DAY) }),
      article({ title: "Markets", body: "Analysts expect an election in Turkiye next year." }),
      article({ title: "Turkiye election called" }),
    ]);
    const hits = await store.search({ groups: [["turkiye"], ["election"]], match: "all" }, { limit: 10, now: NOW });
    expect(hits.map((a) => a.title)).toEqual(["Turkiye election called", "Markets", "Old elections in Türkiye"]);
  });

  it("needs every group for match all and any group for match any", async () => {
    const store = memoryStore();
    await store.addArticles([article({ title: "Syria talks" }), article({ title: "Iraq budget" })]);
    const all = await store.search({ groups: [["syria"], ["iraq"]], match: "all" }, { limit: 10, now: NOW });
    const any = await store.search({ groups: [["syria"], ["iraq"]], match: "any" }, { limit: 10, now: NOW });
    expect(all).toEqual([]);
    expect(any.map((a) => a.title).sort()).toEqual(["Iraq budget", "Syria talks"]);
  });

  it.each([
    ['"', "a lone quote"],
    ['syria" OR "iraq', "quotes and OR"],
    ["(syria", "a parenthesis"],
    ["NEAR(syria iraq)", "a NEAR group"],
    ["title:syria", "a column filter"],
    ["syr*", "a prefix star"],
    ["-syria", "a minus"],
    ["🙂", "an emoji"],
    ["", "nothing"],
  ])("treats %j (%s) as plain words, never as FTS5 syntax", async (term) => {
    const store = memoryStore();
    await store.addArticles([article({ title: "Syria talks" })]);
    await expect(store.search({ groups: [[term]], match: "all" }, { limit: 5, now: NOW })).resolves.toBeInstanceOf(Array);
  });

  it("keeps data across reopening and migrates an empty file to the latest schema", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-store-"));
    const file = path.join(dir, "nested", "news.db");
    const first = new SqliteStore(file);
    await first.addArticles([article({ title: "Kept" })]);
    await first.close();
    const second = new SqliteStore(file);
    stores.push(second);
    expect(await second.countArticles()).toBe(1);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("refuses a database from a newer newsbot instead of damaging it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-store-"));
    const file = path.join(dir, "future.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => new SqliteStore(file)).toThrow(/newer than this newsbot knows/);
  });
});
