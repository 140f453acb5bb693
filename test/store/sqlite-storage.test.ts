// What only the SQLite engine does: its file, its schema version, its pragmas. Everything engines share
// is in the contract suite (test/store/contract).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { Ingest } from "../../src/core/storage/ingest.js";
import { SqliteStorage } from "../../src/store/sqlite/sqlite-storage.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { article } from "./contract/engine.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-store-"));
  dirs.push(dir);
  return dir;
}

describe("SqliteStorage", () => {
  it("keeps data across reopening and migrates an empty file to the latest schema, in WAL mode", async () => {
    const file = path.join(tempDir(), "nested", "news.db");
    const first = new SqliteStorage(file);
    await new Ingest(first).addArticles([article({ title: "Kept" })]);
    await first.close();
    const second = new SqliteStorage(file);
    expect(await second.articles.count()).toBe(1);
    await second.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("refuses a database from a newer newsbot instead of damaging it", () => {
    const file = path.join(tempDir(), "future.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => new SqliteStorage(file)).toThrow(/newer than this newsbot knows/);
  });

  it("keeps a write made while a unit of work is open out of it: a rollback does not take it along", async () => {
    const storage = new SqliteStorage(":memory:");
    let written: Promise<unknown> = Promise.resolve();
    await expect(
      storage.ingest(async (tx) => {
        await tx.articles.findDuplicates([]);
        // Another part of the bot saves a channel meanwhile.
        written = storage.channels.save({ platform: "slack", channel: "C1", topics: ["oil"], paused: false, updatedAt: new Date() });
        await tx.storyIndex.generation();
        throw new Error("the unit fails");
      }),
    ).rejects.toThrow("the unit fails");
    await written;
    expect(await storage.channels.get({ platform: "slack", channel: "C1" })).toMatchObject({ topics: ["oil"] });
    await storage.close();
  });
});
