import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, readMigrations } from "../../src/store/postgres/migrations.js";
import { openPool } from "../../src/store/postgres/pool.js";
import { createTestDatabase, type TestDatabase } from "../fakes/postgres.js";

describe("Postgres migrations", () => {
  let database: TestDatabase | undefined;
  const pools: pg.Pool[] = [];

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await database?.drop();
    database = undefined;
  });

  function pool(url: string): pg.Pool {
    const opened = openPool(url);
    pools.push(opened);
    return opened;
  }

  it("are numbered files in sequence", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe("001-schema");
  });

  it("bring an empty database up to date once, when several replicas start together", async () => {
    database = await createTestDatabase({ empty: true });
    const url = database.url;
    // Five replicas, five connections, one moment: each runs every migration only if the lock failed.
    await Promise.all(Array.from({ length: 5 }, () => migrate(pool(url), url)));
    const db = pool(url);
    const applied = await db.query("SELECT version FROM schema_migrations ORDER BY version");
    expect(applied.rows.map((row) => row.version)).toEqual(readMigrations().map((m) => m.version));
    const tables = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.rows.map((row) => row.tablename)).toEqual(expect.arrayContaining(["articles", "stories", "deliveries", "sources", "channels", "story_threads"]));
    // Again, on a migrated database: nothing to do, nothing fails.
    await migrate(db, url);
    expect((await db.query("SELECT count(*) AS n FROM schema_migrations")).rows[0].n).toBe(readMigrations().length);
  });

  it("only read the version of a database already up to date, without waiting for the lock", async () => {
    database = await createTestDatabase();
    const url = database.url;
    // Another session holds the migration lock: a database that needs nothing does not wait for it.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(7402115001)");
      const db = pool(url);
      const done = await Promise.race([migrate(db, url).then(() => "migrated"), new Promise((resolve) => setTimeout(resolve, 5_000, "waited"))]);
      expect(done).toBe("migrated");
      expect((await db.query("SELECT count(*) AS n FROM schema_migrations")).rows[0].n).toBe(readMigrations().length);
    } finally {
      await holder.end();
    }
  });

  it("refuse a database from a newer newsbot with one clear line, and leave it alone", async () => {
    database = await createTestDatabase();
    const db = pool(database.url);
    const known = readMigrations().length;
    await db.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from-the-future')", [known + 1]);
    await expect(migrate(db, database.url)).rejects.toThrow(
      new RegExp(`^the database postgres://127\\.0\\.0\\.1:\\d+/newsbot_test_\\w+ is at schema version ${known + 1}, newer than this newsbot knows \\(${known}\\); upgrade newsbot`),
    );
    expect((await db.query("SELECT max(version) AS v FROM schema_migrations")).rows[0].v).toBe(known + 1);
  });

  it("never name the password in that line", async () => {
    database = await createTestDatabase();
    const db = pool(database.url);
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from-the-future')");
    const password = new URL(database.url).password;
    const error = await migrate(db, database.url).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(password);
    expect((error as Error).message).not.toContain("newsbot:");
  });

  it("leave a database as it was when a migration fails", async () => {
    database = await createTestDatabase({ empty: true });
    const db = pool(database.url);
    // A table in the way of the first migration: it fails midway, and rolls back whole.
    await db.query("CREATE TABLE sources (id integer)");
    await expect(migrate(db, database.url)).rejects.toThrow(/^migration 001-schema failed: relation "sources" already exists/);
    const tables = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.rows.map((row) => row.tablename)).toEqual(["schema_migrations", "sources"]);
  });

  it("make search fold accents, stem words and keep hyphenated words' parts, as SQLite's FTS5 does", async () => {
    database = await createTestDatabase();
    const db = pool(database.url);
    const matches = async (text: string, words: string) =>
      (await db.query("SELECT to_tsvector('newsbot', $1) @@ phraseto_tsquery('newsbot', $2) AS hit", [text, words])).rows[0].hit;
    expect(await matches("Türkiye votes", "turkiye")).toBe(true);
    expect(await matches("Turkiye votes", "Türkiye")).toBe(true);
    expect(await matches("The elections in Syria", "election")).toBe(true);
    expect(await matches("President al-Assad", "al Assad")).toBe(true);
    expect(await matches("President al Assad", "al-Assad")).toBe(true);
    // No stop words: "The Who" is a band, not nothing.
    expect(await matches("a concert by The Who", "the who")).toBe(true);
    expect(await matches("who knows", "the who")).toBe(false);
  });
});
