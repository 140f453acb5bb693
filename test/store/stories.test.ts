// Stories in the store: near-duplicates kept as copies, articles joining stories, the clusterer's
// state surviving a restart, and a database from before clustering upgraded in place.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import { dedupeKeys, enrich } from "../../src/core/enrich.js";
import { ingestArticles } from "../../src/core/intake.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../fakes/articles.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;

// Two reports of one event in different words, and a wire copy of the first with small edits.

const quake: ArticleInput = {
  title: "Earthquake kills twelve in southern Peru",
  body: QUAKE_BODY,
  source: "Wire",
  url: "https://wire.example/peru-quake",
  publishedAt: new Date(NOW.getTime() - 6 * HOUR),
};
const quakeCopy: ArticleInput = {
  title: "Earthquake kills 12 in southern Peru",
  body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning").replace("twelve people", "12 people"),
  source: "Daily Herald",
  url: "https://herald.example/world/peru-earthquake",
  publishedAt: new Date(NOW.getTime() - 5 * HOUR),
};
const quakeFollowUp: ArticleInput = {
  title: "Peru earthquake: Arequipa rescuers race to reach trapped families",
  body: [
    "Rescuers in Arequipa worked through the night after Tuesday's earthquake in southern Peru, digging through rubble for families trapped in their homes.",
    "Governor Carlos Mendoza said the death toll from the earthquake had risen to nineteen and that the state of emergency would last sixty days.",
    "Army engineers reopened the highway to the coast on Wednesday, letting aid convoys reach the districts of the Arequipa region worst hit by the quake.",
  ].join("\n\n"),
  source: "Evening Post",
  url: "https://post.example/arequipa-rescue",
  publishedAt: new Date(NOW.getTime() - 1 * HOUR),
};
const football: ArticleInput = {
  title: "Rovers win the cup final on penalties",
  body: FOOTBALL_BODY,
  source: "Sport Daily",
  publishedAt: new Date(NOW.getTime() - 2 * HOUR),
};

const stores: SqliteStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function open(file = ":memory:"): SqliteStore {
  const store = new SqliteStore(file);
  stores.push(store);
  return store;
}
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-stories-"));
  dirs.push(dir);
  return path.join(dir, "news.db");
}

async function storyOf(store: SqliteStore, url: string): Promise<number> {
  const found = await store.articlesBetween(new Date(0), new Date(NOW.getTime() + 1));
  const article = found.find((a) => a.url === url || a.copies.some((c) => c.url === url));
  if (!article) throw new Error(`${url} not stored`);
  return article.storyId;
}

describe("stories in the store", () => {
  it("keeps a wire copy as another source of the article, and joins a follow-up to the story", async () => {
    const store = open();
    const report = await ingestArticles([quake, quakeCopy, quakeFollowUp, football], store, () => NOW);
    expect(report).toEqual({ added: 3, copies: 1, duplicates: 0 });

    const articles = await store.articlesBetween(new Date(0), new Date(NOW.getTime() + 1));
    const original = articles.find((a) => a.url === quake.url);
    expect(original?.copies).toEqual([
      { title: quakeCopy.title, source: "Daily Herald", url: quakeCopy.url, publishedAt: quakeCopy.publishedAt, storedAt: NOW },
    ]);
    expect(await storyOf(store, quakeFollowUp.url!)).toBe(original?.storyId);
    expect(articles.find((a) => a.title === football.title)?.storyId).not.toBe(original?.storyId);
    // Coverage counts every report of the story: the article, its copy and the follow-up, from three outlets.
    const coverage = await store.storyCoverage([original!.storyId]);
    expect(coverage.get(original!.storyId)).toEqual({ reports: 3, outlets: 3 });

    // The copy's URL and text are known now: polling the same feed again adds nothing.
    expect(await ingestArticles([quakeCopy], store, () => NOW)).toEqual({ added: 0, copies: 0, duplicates: 1 });
  });

  it("reads a story's articles newest first, a few at most", async () => {
    const store = open();
    await ingestArticles([quake, quakeFollowUp, football], store, () => NOW);
    const storyId = await storyOf(store, quake.url!);
    const stories = await store.storyArticles([storyId], 5);
    expect(stories.get(storyId)?.map((a) => a.title)).toEqual([quakeFollowUp.title, quake.title]);
    expect((await store.storyArticles([storyId], 1)).get(storyId)).toHaveLength(1);
  });

  it("remembers its stories across a restart", async () => {
    const file = tempFile();
    const first = open(file);
    await ingestArticles([quake, football], first, () => NOW);
    await first.close();

    const second = open(file);
    expect(await ingestArticles([quakeCopy, quakeFollowUp], second, () => NOW)).toEqual({ added: 1, copies: 1, duplicates: 0 });
    expect(await storyOf(second, quakeFollowUp.url!)).toBe(await storyOf(second, quake.url!));
  });

  it("remembers a story's headlines across a restart, for the headline check", async () => {
    const file = tempFile();
    const first = open(file);
    await ingestArticles([quake], first, () => NOW);
    await first.close();

    // Every shared word would join; only the headline check can keep an article apart.
    const second = new SqliteStore(file, { cluster: { joinThreshold: 0.01, headlineJoinThreshold: 1 } });
    stores.push(second);
    const aid: ArticleInput = {
      ...quakeFollowUp,
      title: "Convoys bring aid to the south",
      body: "Aid convoys reached the Arequipa region of southern Peru, where Tuesday's earthquake killed nineteen people.",
      url: "https://post.example/aid",
    };
    await ingestArticles([quakeFollowUp, aid], second, () => NOW);
    expect(await storyOf(second, aid.url!)).not.toBe(await storyOf(second, quake.url!));
    expect(await storyOf(second, quakeFollowUp.url!)).toBe(await storyOf(second, quake.url!));
  });

  it("upgrades a database from before clustering: old articles keep their stories and new ones can join them", async () => {
    const file = tempFile();
    const raw = new Database(file);
    // Schema version 2, as the previous release left it, with one stored article.
    raw.pragma("user_version = 0");
    raw.exec(MIGRATIONS[0]!);
    raw.exec(MIGRATIONS[1]!);
    raw.pragma("user_version = 2");
    raw.prepare("INSERT INTO stories (id, headline, created_at, updated_at) VALUES (7, ?, ?, ?)").run(quake.title, NOW.getTime(), NOW.getTime());
    raw
      .prepare(
        `INSERT INTO articles (story_id, title, body, url, canonical_url, source, published_at, stored_at, news_at, content_hash, summary, entities, entity_names, reading_minutes)
         VALUES (7, ?, ?, ?, ?, 'Wire', ?, ?, ?, 'old-hash', '[]', ?, 'Peru ; Arequipa', 1)`,
      )
      .run(quake.title, quake.body, quake.url, "https://wire.example/peru-quake", quake.publishedAt!.getTime(), NOW.getTime(), quake.publishedAt!.getTime(),
        JSON.stringify([{ kind: "place", name: "Peru", mentions: 2 }, { kind: "place", name: "Arequipa", mentions: 3 }]));
    raw.close();

    const store = open(file);
    await ingestArticles([quakeFollowUp], store, () => NOW);
    expect(await storyOf(store, quakeFollowUp.url!)).toBe(7);
    const check = new Database(file, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(check.prepare("SELECT count(*) AS n FROM articles WHERE signature IS NULL").get()).toEqual({ n: 0 });
    check.close();
  });

  it("sees the articles another process stored: a CLI ingest beside the running bot", async () => {
    const file = tempFile();
    const bot = open(file);
    const cli = open(file);
    await ingestArticles([quake, football], cli, () => NOW);
    // The bot opened the database before the CLI stored the quake: it must still know that story.
    expect(await ingestArticles([quakeCopy, quakeFollowUp], bot, () => NOW)).toEqual({ added: 1, copies: 1, duplicates: 0 });
    expect(await storyOf(bot, quakeFollowUp.url!)).toBe(await storyOf(bot, quake.url!));
    // Both processes' articles count in the clusterer's state: the bot does not write back a stale count.
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT value FROM cluster_meta WHERE key = 'documents'").get()).toEqual({ value: 3 });
    check.close();
  });

  it("keeps the document frequencies it forgets out of the database too", async () => {
    const file = tempFile();
    const cluster = { maxTerms: 60, windowDays: 1, lateDays: 0 };
    const store = new SqliteStore(file, { cluster });
    stores.push(store);
    // A month of daily articles, each with words of its own.
    const daily = Array.from({ length: 30 }, (_, day): ArticleInput => {
      const own = ["a", "b", "c", "d", "e", "f"].map((letter) => `zq${letter}${day}`).join(" ");
      return { title: `Council ${own}`, body: `The council met on the day. ${own}.`, publishedAt: new Date(NOW.getTime() - (30 - day) * 24 * HOUR) };
    });
    await ingestArticles(daily, store, () => NOW);
    const check = new Database(file, { readonly: true });
    const rows = check.prepare<[], { term: string; df: number }>("SELECT term, df FROM term_df").all();
    check.close();
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(rows).toContainEqual({ term: "council", df: 30 });
    expect(rows.some((row) => row.term === "zqa0")).toBe(false);
    // A restart reads back what was kept, and a follow-up of the latest article still joins its story.
    await store.close();
    const reopened = new SqliteStore(file, { cluster });
    stores.push(reopened);
    const latest = daily[29]!;
    const own = latest.title.replace("Council ", "");
    const followUp = { ...latest, title: `${latest.title} update`, body: `After a long debate, officials approved ${own} by a large majority.`, url: "https://example.test/update" };
    expect(await ingestArticles([followUp], reopened, () => NOW)).toEqual({ added: 1, copies: 0, duplicates: 0 });
    const stored = await reopened.articlesBetween(new Date(0), new Date(NOW.getTime() + 1));
    expect(new Set(stored.filter((a) => a.title.startsWith(latest.title)).map((a) => a.storyId)).size).toBe(1);
  });

  it("forgets what a rolled-back batch taught the clusterer", async () => {
    const store = open();
    const good = enrich(quake, NOW, dedupeKeys(quake));
    // The database refuses the second article (NOT NULL reading_minutes), so the whole batch rolls back,
    // including the story the first one started.
    const refused = { ...enrich(football, NOW, dedupeKeys(football)), readingMinutes: null as unknown as number };
    await expect(store.addArticles([good, refused])).rejects.toThrow(/NOT NULL/);
    expect(await store.countArticles()).toBe(0);
    // Had the clusterer kept the rolled-back story, the follow-up would join a story that does not exist.
    expect(await ingestArticles([quakeFollowUp], store, () => NOW)).toEqual({ added: 1, copies: 0, duplicates: 0 });
    const [stored] = await store.articlesBetween(new Date(0), new Date(NOW.getTime() + 1));
    expect((await store.storyArticles([stored!.storyId], 5)).get(stored!.storyId)).toHaveLength(1);
  });
});
