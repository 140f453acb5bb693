// Two values Postgres would compress are stored as they are (012-store-uncompressed.sql): an article's
// search vector, which never compresses well enough to keep, and a story's profile, rewritten with
// every article the story gains. Compressing either cost ingest time for nothing or for little.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { Ingest } from "../../../src/core/storage/ingest.js";
import { PostgresStorage } from "../../../src/store/postgres/postgres-storage.js";
import { freshDatabasePerTest } from "../../fakes/postgres.js";
import { article } from "../contract/engine.js";

const freshDatabase = freshDatabasePerTest();
let storage: PostgresStorage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** Many distinct words, repeated: a vector and a profile big enough to leave the row, and compressible. */
const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}ord`).join(" ");

describe("Postgres values stored as they are", () => {
  it("stores search vectors and story profiles uncompressed", async () => {
    const url = await freshDatabase();
    storage = await PostgresStorage.open(url);
    await new Ingest(storage).addArticles([
      article({ title: "Harbour vote", body: `${words}. `.repeat(4) }),
      article({ title: "Harbour vote again", body: `${words}. `.repeat(3), contentHash: "hash-again" }),
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const vectors = await client.query("SELECT pg_column_size(search) AS size, pg_column_compression(search) AS method FROM articles");
      const profiles = await client.query("SELECT pg_column_size(profile) AS size, pg_column_compression(profile) AS method FROM stories WHERE profile IS NOT NULL");
      for (const { rows } of [vectors, profiles]) {
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          // Past the size at which Postgres would compress a value (2 kB), and left whole.
          expect(row.size).toBeGreaterThan(2100);
          expect(row.method).toBeNull();
        }
      }
    } finally {
      await client.end();
    }
  });
});
