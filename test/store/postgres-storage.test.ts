// What only the Postgres engine has to show (the contract suite shows the rest): several replicas on
// one database ingesting at once make the stories one process makes, user text is never query
// syntax, and a database that cannot be opened is named without its password.
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import { enrich } from "../../src/core/enrich.js";
import { Ingest } from "../../src/core/storage/ingest.js";
import { openStorage } from "../../src/store/open.js";
import { PostgresStorage } from "../../src/store/postgres/postgres-storage.js";
import { SqliteStorage } from "../../src/store/sqlite/sqlite-storage.js";
import { freshDatabasePerTest } from "../fakes/postgres.js";
import { article, NOW } from "./contract/engine.js";
import { football, quake, quakeFollowUp } from "./contract/stories.js";

/** The same report as another outlet's article: a new URL and a line of its own, so not a duplicate. */
function retold(article: ArticleInput, n: number): ArticleInput {
  return { ...article, url: `https://outlet${n}.example/${n}`, source: `Outlet ${n}`, body: `${article.body}\n\nReported for outlet ${n}.` };
}

const freshDatabase = freshDatabasePerTest();
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((storage) => storage.close()));
});

async function database(): Promise<{ url: string }> {
  return { url: await freshDatabase() };
}

async function replica(url: string): Promise<PostgresStorage> {
  const storage = await PostgresStorage.open(url);
  opened.push(storage);
  return storage;
}

describe("Postgres storage", () => {
  it("makes one story of one event when two replicas ingest its reports at the same moment", async () => {
    // Round after round, on a fresh database, each replica stores one report of the same event at
    // once with the other. Without the ingest lock both would read the empty index before either
    // stored its report, and make two stories.
    for (let round = 0; round < 4; round++) {
      const { url } = await database();
      const [a, b] = [new Ingest(await replica(url)), new Ingest(await replica(url))];
      const [[x], [y]] = await Promise.all([a.addArticles([enrich(quake, NOW)]), b.addArticles([enrich(quakeFollowUp, NOW)])]);
      expect(x?.status).toBe("added");
      expect(y?.status).toBe("added");
      if (x?.status === "added" && y?.status === "added") expect(y.storyId).toBe(x.storyId);
    }
  });

  it("keeps a replica's story index fresh when another replica ingested meanwhile", async () => {
    const { url } = await database();
    const a = new Ingest(await replica(url));
    const b = new Ingest(await replica(url));
    const [first] = await a.addArticles([enrich(quake, NOW)]);
    const [final] = await b.addArticles([enrich(football, NOW)]);
    // A's index was loaded before B stored the final: A reloads it, so the follow-up joins A's quake
    // story and another outlet's telling of the final is known as a copy of B's report.
    const [followUp, retelling] = await a.addArticles([enrich(quakeFollowUp, NOW), enrich(retold(football, 1), NOW)]);
    expect(first?.status).toBe("added");
    expect(final?.status).toBe("added");
    expect(followUp).toEqual({ status: "added", articleId: expect.any(Number), storyId: first?.status === "added" ? first.storyId : -1 });
    expect(retelling).toEqual({ status: "copy", articleId: final?.status === "added" ? final.articleId : -1, storyId: final?.status === "added" ? final.storyId : -1 });
  });

  it("stores a batch in a few statements, not a few per article, and moves the id sequences past its ids", async () => {
    const { url } = await database();
    const storage = await replica(url);
    const ingest = new Ingest(storage);
    await ingest.addArticles([article({ title: "Warm-up" })]);
    // Every statement of the unit of work goes through a pooled client's query().
    const statements = vi.spyOn(pg.Client.prototype, "query");
    const batch = Array.from({ length: 50 }, (_, n) =>
      article({ title: `Report number ${n}`, source: `Outlet ${n % 5}`, entities: [{ kind: "place", name: "Peru", mentions: 1 }] }),
    );
    const outcomes = await ingest.addArticles(batch);
    const count = statements.mock.calls.length;
    statements.mockRestore();
    expect(outcomes.filter((o) => o.status === "added")).toHaveLength(50);
    expect(count).toBeLessThan(20);
    expect(await storage.articles.knownTopics(1)).toEqual([{ name: "Peru", kind: "place", articles: 50 }]);
    // A row inserted without an id (as `migrate-db` or a hand-written fix would) gets a free one.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("INSERT INTO stories (headline, created_at, updated_at) VALUES ('By hand', now(), now()) RETURNING id");
    const highest = await client.query("SELECT max(id) AS id FROM stories WHERE headline <> 'By hand'");
    await client.end();
    expect(Number(rows[0].id)).toBe(Number(highest.rows[0].id) + 1);
  });

  it("reads the user's words as words, never as tsquery syntax", async () => {
    const { url } = await database();
    const storage = await replica(url);
    await new Ingest(storage).addArticles([enrich(quake, NOW), enrich(football, NOW)]);
    const search = async (...terms: string[]) =>
      (await storage.articles.textMatches({ groups: terms.map((term) => [term]), match: "all" }, {})).length;
    // Operators of to_tsquery, quotes and backslashes: each is only punctuation between words.
    for (const nasty of ["peru & !earthquake", "peru | rovers", "peru:*", "(peru", "peru <-> quake", "'peru'", "peru\\", "!!", "''", ":*", "\u0000peru"]) {
      await expect(search(nasty)).resolves.toBeTypeOf("number");
    }
    // A term of several words is a phrase, as on SQLite: "southern Peru" is in the quake's title.
    expect(await search("southern & !Peru")).toBe(1);
    expect(await search("(rovers | win)")).toBe(1);
    expect(await search("peru | rovers")).toBe(0);
    expect(await search("!!")).toBe(0);
  });

  it("names a database it cannot open without its user or password", async () => {
    const error: unknown = await PostgresStorage.open("postgres://someone:s3cret-pass@127.0.0.1:1/newsbot").catch((e: unknown) => e);
    if (!(error instanceof Error)) throw new Error("opened a database that does not exist");
    expect(error.message).toMatch(/^cannot open the database postgres:\/\/127\.0\.0\.1:1\/newsbot \(.*ECONNREFUSED.*\)$/);
    expect(error.message).not.toContain("s3cret");
    expect(error.message).not.toContain("someone");
  });
});

describe("the engine choice", () => {
  it("is Postgres when DATABASE_URL is set, SQLite at NEWSBOT_DB otherwise", async () => {
    const { url } = await database();
    const postgres = await openStorage({ DATABASE_URL: url, NEWSBOT_DB: "/nonexistent/never-made.db" });
    opened.push(postgres);
    expect(postgres).toBeInstanceOf(PostgresStorage);
    const sqlite = await openStorage({ NEWSBOT_DB: ":memory:" });
    opened.push(sqlite);
    expect(sqlite).toBeInstanceOf(SqliteStorage);
  });
});
