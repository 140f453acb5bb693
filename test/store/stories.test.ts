// Stories in SQLite: a database from before clustering upgraded in place, and the document
// frequencies the clusterer forgets leaving the database too. What every engine does with stories is
// in the contract suite (test/store/contract/stories.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import { ingestArticles } from "../../src/core/ingest.js";
import type { Storage } from "../../src/core/storage/index.js";
import { Ingest } from "../../src/core/storage/ingest.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { SqliteStorage } from "../../src/store/sqlite/sqlite-storage.js";
import { quake, quakeFollowUp, storyOf } from "./contract/stories.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;

const stores: Storage[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function open(file: string): Storage {
  const store = new SqliteStorage(file);
  stores.push(store);
  return store;
}
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-stories-"));
  dirs.push(dir);
  return path.join(dir, "news.db");
}

describe("stories in SQLite", () => {
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
    await ingestArticles([quakeFollowUp], new Ingest(store), () => NOW);
    expect(await storyOf(store, quakeFollowUp.url!)).toBe(7);
    const check = new Database(file, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(check.prepare("SELECT count(*) AS n FROM articles WHERE signature IS NULL").get()).toEqual({ n: 0 });
    check.close();
  });

  it("keeps the document frequencies it forgets out of the database too", async () => {
    const file = tempFile();
    const cluster = { maxTerms: 60, windowDays: 1, lateDays: 0 };
    const store = open(file);
    // A month of daily articles, each with words of its own.
    const daily = Array.from({ length: 30 }, (_, day): ArticleInput => {
      const own = ["a", "b", "c", "d", "e", "f"].map((letter) => `zq${letter}${day}`).join(" ");
      return { title: `Council ${own}`, body: `The council met on the day. ${own}.`, publishedAt: new Date(NOW.getTime() - (30 - day) * 24 * HOUR) };
    });
    await ingestArticles(daily, new Ingest(store, cluster), () => NOW);
    const check = new Database(file, { readonly: true });
    const rows = check.prepare<[], { term: string; df: number }>("SELECT term, df FROM term_df").all();
    check.close();
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(rows).toContainEqual({ term: "council", df: 30 });
    expect(rows.some((row) => row.term === "zqa0")).toBe(false);
    // A restart reads back what was kept, and a follow-up of the latest article still joins its story.
    await store.close();
    const reopened = open(file);
    const latest = daily[29]!;
    const own = latest.title.replace("Council ", "");
    const followUp = { ...latest, title: `${latest.title} update`, body: `After a long debate, officials approved ${own} by a large majority.`, url: "https://example.test/update" };
    expect(await ingestArticles([followUp], new Ingest(reopened, cluster), () => NOW)).toEqual({ added: 1, copies: 0, duplicates: 0 });
    const stored = await reopened.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(new Set(stored.filter((a) => a.title.startsWith(latest.title)).map((a) => a.storyId)).size).toBe(1);
  });
});
