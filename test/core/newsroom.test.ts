import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import type { StoryCard } from "../../src/core/card.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;

// Small articles written for these tests: each says its place only in the form the test is about.
const ARTICLES: ArticleInput[] = [
  {
    title: "Talks resume in Damascus",
    body: "Syrian officials met envoys in Damascus on Monday. The talks covered the border. Both sides said the meeting was useful. A second round is planned for next month.",
    source: "Wire",
    url: "https://example.com/damascus-talks",
    publishedAt: new Date(NOW.getTime() - 2 * HOUR),
  },
  {
    title: "Ankara responds to criticism",
    body: "Türkiye rejected the report on Tuesday. Officials in Ankara called it one-sided. The foreign ministry will publish its own figures. Parliament debates the matter next week.",
    source: "Daily",
    publishedAt: new Date(NOW.getTime() - 5 * HOUR),
  },
  {
    title: "Border trade grows",
    body: "Turkish exporters reported record sales across the border. The trade ministry welcomed the figures. Economists expect growth to slow next year.",
    source: "Business Weekly",
    publishedAt: new Date(NOW.getTime() - 3 * 24 * HOUR),
  },
  {
    title: "Local football club wins cup",
    body: "The club won the final on penalties. Fans celebrated late into the night. The coach praised the young squad.",
    source: "Sport",
  },
];

let store: Storage;
let newsroom: Newsroom;
beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW);
  await ingestArticles(ARTICLES, ingestInto(store), () => NOW);
});
afterEach(() => store.close());

const headlines = (cards: unknown[]) => (cards as StoryCard[]).map((c) => c.headline);

describe("Newsroom.findStories", () => {
  it("finds Syria through Syrian and Damascus", async () => {
    const reply = await newsroom.findStories("syria");
    expect(headlines(reply.cards)).toEqual(["Talks resume in Damascus"]);
    const [card] = reply.cards as StoryCard[];
    expect(card).toMatchObject({
      type: "story",
      url: "https://example.com/damascus-talks",
      sources: [{ name: "Wire", url: "https://example.com/damascus-talks" }],
      publishedAt: "2026-11-27T06:00:00.000Z",
    });
    expect(card?.summary.length).toBeGreaterThan(0);
    expect(card?.entities.map((e) => e.name)).toContain("Syria");
  });

  it.each(["turkey", "türkiye", "turkiye"])("finds Türkiye and Turkish articles for %s, newest first", async (typed) => {
    const reply = await newsroom.findStories(typed);
    expect(headlines(reply.cards)).toEqual(["Ankara responds to criticism", "Border trade grows"]);
  });

  it("answers a question with no match with the closest known topics", async () => {
    const reply = await newsroom.findStories("syira");
    expect(reply.cards).toHaveLength(1);
    expect(reply.cards[0]).toMatchObject({ type: "notice" });
    expect(reply.cards[0]?.type === "notice" && reply.cards[0].suggestions).toContain("Syria");
  });

  it("says when nothing is stored at all", async () => {
    const empty = await openTestStorage();
    const reply = await new Newsroom(empty, () => NOW).findStories("syria");
    await empty.close();
    expect(reply.cards).toEqual([expect.objectContaining({ text: 'No stories match "syria", and no articles are stored yet.', suggestions: [] })]);
  });

  it.each(['"', "(((", "OR", "*", "-", ":", "🙂", 'syria" OR "', "x".repeat(2000), "NEAR(a b)"])(
    "answers %j without an error",
    async (typed) => {
      const reply = await newsroom.findStories(typed);
      expect(reply.cards.length).toBeGreaterThan(0);
      expect(reply.title).not.toMatch(/error|syntax/i);
    },
  );

  it("falls back to any word when no article has every word", async () => {
    const reply = await newsroom.findStories("syria penalties");
    expect(headlines(reply.cards).sort()).toEqual(["Local football club wins cup", "Talks resume in Damascus"]);
  });
});

describe("Newsroom.digest", () => {
  it("keeps the stories of the last 24 hours, counting undated articles from when they were stored", async () => {
    const reply = await newsroom.digest();
    expect(headlines(reply.cards).sort()).toEqual(["Ankara responds to criticism", "Local football club wins cup", "Talks resume in Damascus"]);
    expect(reply.title).toContain("3 stories");
  });

  it("keeps the top N and widens the window on request", async () => {
    expect((await newsroom.digest(24, 2)).cards).toHaveLength(2);
    expect(headlines((await newsroom.digest(96)).cards)).toContain("Border trade grows");
  });

  it("says so when nothing is new", async () => {
    const later = new Newsroom(store, () => new Date(NOW.getTime() + 10 * 24 * HOUR));
    const reply = await later.digest();
    expect(reply.cards).toEqual([expect.objectContaining({ type: "notice", text: "Nothing new in the last 24 hours." })]);
  });
});

describe("Newsroom: one story, by id (what a button on a card asks)", () => {
  const idOf = async (headline: string) => Number(((await newsroom.findStories(headline)).cards as StoryCard[]).find((c) => c.headline === headline)!.storyId);

  it("rebuilds a story's card, and says when the story is gone", async () => {
    const id = await idOf("Ankara responds to criticism");
    expect(await newsroom.storyCard(id)).toMatchObject({ type: "story", headline: "Ankara responds to criticism", storyId: String(id) });
    expect(await newsroom.storyCard(9_999)).toBeUndefined();
    expect((await newsroom.moreLikeThis(9_999)).title).toBe("Story not found");
  });

  it("finds more like a story on its most mentioned name, never the story itself", async () => {
    // Türkiye is what the Ankara story is most about; the border-trade story says "Turkish".
    const reply = await newsroom.moreLikeThis(await idOf("Ankara responds to criticism"));
    expect(reply.title).toBe("More like this: Türkiye");
    expect(headlines(reply.cards)).toEqual(["Border trade grows"]);
  });

  it("tells which of a channel's topics a story is about", async () => {
    const id = await idOf("Talks resume in Damascus");
    expect(await newsroom.storyTopics(id, ["football", "syria", "damascus", "turkey"])).toEqual(["syria", "damascus"]);
    expect(await newsroom.storyTopics(id, [])).toEqual([]);
  });
});

describe("Newsroom: reading never loads the story index", () => {
  it("answers /story, /digest, a card and more like this without a unit of work", async () => {
    // Only ingest opens a unit of work (where the story index is read): here, opening one fails.
    const readOnly: Storage = {
      articles: store.articles,
      sources: store.sources,
      deliveries: store.deliveries,
      channels: store.channels,
      threads: store.threads,
      alerts: store.alerts,
      seenRequests: store.seenRequests,
      leadership: (name) => store.leadership(name),
      close: () => store.close(),
      ingest: () => Promise.reject(new Error("a read loaded the story index")),
    };
    const reader = new Newsroom(readOnly, () => NOW);
    const found = await reader.findStories("syria");
    expect(found.cards.length).toBeGreaterThan(0);
    expect((await reader.digest()).cards.length).toBeGreaterThan(0);
    const storyId = Number(found.cards.flatMap((c) => (c.type === "story" ? [c.storyId] : []))[0]);
    expect(await reader.storyCard(storyId)).toBeDefined();
    await reader.moreLikeThis(storyId);
    await reader.storyTopics(storyId, ["syria"]);
    // The same newsroom does open one to store an article.
    await expect(ingestArticles([{ title: "Ceasefire holds in Idlib", body: "The ceasefire held overnight." }], reader.ingest, () => NOW)).rejects.toThrow(
      "a read loaded the story index",
    );
  });
});
