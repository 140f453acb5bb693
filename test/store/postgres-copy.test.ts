// Moving house: a SQLite database copied into Postgres reads back the same through the contracts,
// and newsbot carries on there (new ids after the copied ones, new reports joining copied stories).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { idempotencyKey, type DigestPayload } from "../../src/core/delivery/outbox.js";
import type { Storage } from "../../src/core/storage/index.js";
import { enrich } from "../../src/core/enrich.js";
import { Ingest } from "../../src/core/storage/ingest.js";
import { copyFromSqlite, TABLES } from "../../src/store/postgres/copy-from-sqlite.js";
import { PostgresStorage } from "../../src/store/postgres/postgres-storage.js";
import { SqliteStorage } from "../../src/store/sqlite/sqlite-storage.js";
import { createTestDatabase, type TestDatabase } from "../fakes/postgres.js";
import { HOUR, NOW } from "./contract/engine.js";
import { football, quake, quakeCopy, quakeFollowUp } from "./contract/stories.js";

const SLOT = new Date("2026-11-27T07:00:00Z");

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function sqliteWithEverything(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-copy-"));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "news.db");
  const storage = new SqliteStorage(file);
  await new Ingest(storage).addArticles([enrich(quake, NOW), enrich(quakeCopy, NOW), enrich(football, NOW)]);
  await storage.sources.add({ url: "https://feeds.example/world.xml", name: "World" }, "user", NOW);
  await storage.channels.save({ platform: "slack", channel: "C1", topics: ["peru", "football"], time: "08:00", timezone: "Europe/Paris", paused: true, updatedAt: NOW });
  await storage.threads.save({ platform: "slack", channel: "C1", storyId: 1, threadId: "1700000000.000100", url: "https://slack.example/t", postedAt: NOW });
  await storage.alerts.save({ platform: "slack", channel: "C1", topic: "Peru", filter: "-source:herald", mention: "S0PERU", minOutlets: 2, withinHours: 6, createdAt: NOW });
  // One alert held back over the channel's budget: the next briefing names it.
  await storage.alerts.claim({ platform: "slack", channel: "C1", storyId: 1, topic: "Peru", headline: quake.title, raisedAt: NOW }, { max: 0, since: NOW });
  const payload: DigestPayload = { digest: "morning", slot: SLOT.toISOString(), late: false, title: "Your briefing", cards: [] };
  const key = "slack:C1";
  await storage.deliveries.record("morning", SLOT, [
    { target: { platform: "slack", channel: "C1" }, targetKey: key, idempotencyKey: idempotencyKey("morning", SLOT, key), late: false, status: "pending", payload, stories: [{ storyId: 1, reports: 2 }] },
  ], NOW);
  await storage.close();
  return file;
}

async function postgres(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  return database;
}

async function open(url: string): Promise<Storage> {
  const storage = await PostgresStorage.open(url);
  cleanup.push(() => storage.close());
  return storage;
}

/** What the contracts read back, the same whichever engine holds it. */
async function everything(storage: Storage) {
  const articles = await storage.articles.between(new Date(0), new Date(NOW.getTime() + 1));
  const storyIds = [...new Set(articles.map((a) => a.storyId))];
  return {
    articles,
    coverage: await storage.articles.coverage(storyIds),
    topics: await storage.articles.knownTopics(100),
    peru: (await storage.articles.textMatches({ groups: [["peru"]], match: "all" }, {})).map((m) => m.articleId).sort((a, b) => a - b),
    sources: await storage.sources.list(),
    channels: await storage.channels.list(),
    threads: await storage.threads.forStories({ platform: "slack", channel: "C1" }, storyIds),
    deliveries: await storage.deliveries.forSlot("morning", SLOT),
    sent: await storage.deliveries.sentStories("slack:C1", new Date(SLOT.getTime() + 1)),
    digest: await storage.deliveries.digestState("morning", new Date(NOW.getTime() + HOUR)),
    alerts: await storage.alerts.list(),
    held: await storage.alerts.held({ platform: "slack", channel: "C1" }, new Date(0), new Date(NOW.getTime() + 1)),
  };
}

describe("copying a SQLite database into Postgres", () => {
  it("keeps every row, reads back the same, and carries on where SQLite stopped", async () => {
    const file = await sqliteWithEverything();
    const { url } = await postgres();
    const copied = await copyFromSqlite(file, url);
    expect(copied.map((c) => c.table)).toEqual([...TABLES]);
    expect(Object.fromEntries(copied.map((c) => [c.table, c.rows]))).toMatchObject({
      stories: 2, articles: 2, article_copies: 1, sources: 1, deliveries: 1, delivery_stories: 1, digest_state: 1, channels: 1, story_threads: 1, alerts: 1, alerts_raised: 1,
    });

    const sqlite = new SqliteStorage(file);
    cleanup.push(() => sqlite.close());
    const moved = await open(url);
    const [before, after] = [await everything(sqlite), await everything(moved)];
    expect(after).toEqual(before);
    expect(after.alerts).toEqual([expect.objectContaining({ topic: "Peru", filter: "-source:herald", mention: "S0PERU", createdAt: NOW })]);
    expect(after.held.map((a) => a.storyId)).toEqual([1]);
    expect(after.articles[0]?.copies).toHaveLength(0);
    expect(after.articles.find((a) => a.title === quake.title)?.copies.map((c) => c.source)).toEqual(["Daily Herald"]);

    // The story index came along: a follow-up joins the copied quake story; new ids follow the old.
    const [followUp] = await new Ingest(moved).addArticles([enrich(quakeFollowUp, NOW)]);
    const quakeStory = after.articles.find((a) => a.title === quake.title)?.storyId;
    expect(followUp).toEqual({ status: "added", articleId: 3, storyId: quakeStory });
    expect((await moved.sources.add({ url: "https://feeds.example/more.xml" }, "user", NOW)).source.id).toBe(2);
  });

  it("refuses a database that already has rows, and leaves it as it was", async () => {
    const file = await sqliteWithEverything();
    const { url } = await postgres();
    const storage = await open(url);
    await storage.sources.add({ url: "https://feeds.example/mine.xml" }, "user", NOW);
    await expect(copyFromSqlite(file, url)).rejects.toThrow(/^the database postgres:\/\/127\.0\.0\.1:\d+\/newsbot_test_\w+ is not empty \(sources have rows\); copy into a new database$/);
    expect((await storage.sources.list()).map((s) => s.url)).toEqual(["https://feeds.example/mine.xml"]);
  });
});
