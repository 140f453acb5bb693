// Headline-only items (aggregators and wires carry a title and a link): stored, found, clustered
// and shown, with a card that says there is no summary and links to the article.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordMessages } from "../../src/adapters/discord/render.js";
import { slackMessages } from "../../src/adapters/slack/render.js";
import { renderReply } from "../../src/adapters/terminal/render.js";
import type { StoryCard } from "../../src/core/card.js";
import { dedupeKeys, enrich } from "../../src/core/enrich.js";
import { parseFeed } from "../../src/core/feeds/parse.js";
import { parseArticleFile } from "../../src/core/article-files/index.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { QUAKE_BODY } from "../fakes/articles.js";
import { storyCardFixture } from "../fakes/cards.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);

const QUAKE = { title: "Earthquake strikes Arequipa in southern Peru", url: "https://wire.example/quake" };
const FINAL = { title: "Rovers win the cup final on penalties", url: "https://wire.example/final" };

describe("headline-only records and feed items are articles", () => {
  it("accepts a JSON record whose body is empty, null or absent", () => {
    const parsed = parseArticleFile(
      bytes(JSON.stringify([{ ...QUAKE, body: "" }, { ...FINAL, body: null }, { title: "Markets close higher" }])),
      "wire.json",
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles).toEqual([
      { ...QUAKE, body: "" },
      { ...FINAL, body: "" },
      { title: "Markets close higher", body: "" },
    ]);
  });

  it("accepts JSON Lines records with a title and a link only", () => {
    const lines = [QUAKE, FINAL].map((record) => JSON.stringify(record)).join("\n");
    const parsed = parseArticleFile(bytes(lines), "wire.jsonl");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles.map((a) => [a.title, a.body])).toEqual([
      [QUAKE.title, ""],
      [FINAL.title, ""],
    ]);
  });

  it("still refuses a record with no title", () => {
    expect(parseArticleFile(bytes('{"body": ""}'), "x.json").rejected).toEqual([{ path: "x.json:1", reason: 'Field "title" is missing.' }]);
  });

  it("reads a feed item with a title and a link as a headline-only teaser, its body left for full text", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>${QUAKE.title}</title><link>${QUAKE.url}</link></item></channel></rss>`;
    const feed = parseFeed(bytes(rss));
    if (!feed.ok) throw new Error(feed.reason);
    expect(feed.items).toEqual([{ article: { ...QUAKE, body: "", source: "Wire" }, teaser: true }]);
  });
});

describe("enriching a headline-only article", () => {
  it("has no summary and no reading time, and finds known places in the headline", () => {
    const article = enrich({ ...QUAKE, body: "" }, NOW);
    expect(article.summary).toEqual([]);
    expect(article.readingMinutes).toBe(0);
    expect(article.entities.map((e) => e.name)).toContain("Peru");
  });

  it("keys two different headline-only items apart (their empty bodies match, their headlines do not)", () => {
    const quake = dedupeKeys({ title: QUAKE.title, body: "" });
    expect(dedupeKeys({ title: FINAL.title, body: "" }).contentHash).not.toBe(quake.contentHash);
    // The same headline at another address is another outlet's report, not the same article.
    expect(dedupeKeys({ ...QUAKE, url: "https://other.example/quake", body: "" }).contentHash).not.toBe(dedupeKeys({ ...QUAKE, body: "" }).contentHash);
    expect(dedupeKeys({ title: QUAKE.title.toUpperCase(), body: "" }).contentHash).toBe(quake.contentHash);
    // No body's text hashes like a headline-only item.
    expect(dedupeKeys({ title: "Other", body: QUAKE.title }).contentHash).not.toBe(quake.contentHash);
  });
});

describe("headline-only articles in the store", () => {
  let store: Storage;
  let newsroom: Newsroom;
  beforeEach(async () => {
    store = await openTestStorage();
    newsroom = new Newsroom(store, () => NOW);
  });
  afterEach(() => store.close());

  it("stores two different headline-only items as two articles, and the same one again as a duplicate", async () => {
    const noLinks = [QUAKE, FINAL].map(({ title }) => ({ title, body: "" }));
    expect(await ingestArticles(noLinks, ingestInto(store), () => NOW)).toEqual({ added: 2, copies: 0, duplicates: 0 });
    expect(await ingestArticles(noLinks.slice(0, 1), ingestInto(store), () => NOW)).toEqual({ added: 0, copies: 0, duplicates: 1 });
    const stored = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(new Set(stored.map((a) => a.storyId)).size).toBe(2);
  });

  it("clusters a headline-only report with a full report of the same event, by its headline", async () => {
    await ingestArticles([{ title: "Magnitude 6.8 earthquake strikes Arequipa, Peru", body: QUAKE_BODY, url: "https://news.example/peru" }], ingestInto(store), () => NOW);
    await ingestArticles([{ ...QUAKE, body: "" }, { ...FINAL, body: "" }], ingestInto(store), () => NOW);
    const stored = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    const storyOf = (title: string) => stored.find((a) => a.title === title)?.storyId;
    expect(storyOf(QUAKE.title)).toBe(storyOf("Magnitude 6.8 earthquake strikes Arequipa, Peru"));
    expect(storyOf(FINAL.title)).not.toBe(storyOf(QUAKE.title));
  });

  it("finds one by a headline word, and its card says it has no summary and links to the article", async () => {
    await ingestArticles([{ ...QUAKE, body: "", source: "Wire" }, { ...FINAL, body: "", source: "Wire" }], ingestInto(store), () => NOW);
    const reply = await newsroom.findStories("arequipa");
    expect(reply.cards.map((c) => (c as StoryCard).headline)).toEqual([QUAKE.title]);
    const card = reply.cards[0] as StoryCard;
    expect(card).toMatchObject({ summary: "", readingMinutes: 0, url: QUAKE.url });

    const terminal = renderReply(reply, { color: false, width: 100, timeZone: "UTC" });
    expect(terminal).toContain("No summary: the source gave only a headline.");
    expect(terminal).toContain(QUAKE.url);
    expect(terminal).not.toMatch(/min read/);

    const slack = JSON.stringify(slackMessages(reply, { timeZone: "UTC" }));
    expect(slack).toContain(`_No summary: the source gave only a headline._ <${QUAKE.url}|Read it at the source>`);
    expect(slack).not.toMatch(/min read/);

    const [embed] = discordMessages(reply).flatMap((m) => m.embeds);
    expect(embed?.description).toBe(`*No summary: the source gave only a headline.* [Read it at the source](${QUAKE.url})`);
    expect(embed?.footer?.text).not.toMatch(/min read/);
  });

  it("says so without a link when the item has none", async () => {
    await ingestArticles([{ title: QUAKE.title, body: "" }], ingestInto(store), () => NOW);
    const reply = await newsroom.findStories("arequipa");
    const [embed] = discordMessages(reply).flatMap((m) => m.embeds);
    expect(embed?.description).toBe("*No summary: the source gave only a headline.*");
    expect(JSON.stringify(slackMessages(reply))).toContain('"_No summary: the source gave only a headline._"');
  });

  it("says the sources gave only headlines when several outlets ran the story without text", () => {
    const card = storyCardFixture({ summary: "", readingMinutes: 0, articleCount: 2, sourceCount: 2 });
    expect(renderReply({ title: "t", cards: [card] }, { color: false, width: 100, timeZone: "UTC" })).toContain("No summary: the sources gave only headlines.");
  });
});
