// The engines `npm run bench -- --engine sqlite|postgres` measures, each with its raw text query (the
// baseline /story is compared with) and the environment a newsbot process needs to open the same
// database. Postgres runs on a server of its own, started for the run (test/setup/embedded-postgres.ts),
// with fsync on as a real server would have it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Storage } from "../src/core/storage/index.js";
import { PostgresStorage } from "../src/store/postgres/postgres-storage.js";
import { SqliteStorage } from "../src/store/sqlite/sqlite-storage.js";
import { databaseUrl } from "../test/setup/database-url.js";
import { startPostgres } from "../test/setup/embedded-postgres.js";

export interface BenchDatabase {
  storage: Storage;
  /** The raw text query for the same words: each word required, best 20 by the engine's own rank. */
  raw(words: string[]): Promise<unknown>;
  /** What a newsbot process needs in its environment to open this database. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface BenchEngine {
  name: "sqlite" | "postgres";
  /** The raw query's name in the table: "FTS5" or "tsvector". */
  rawName: string;
  /** How the engine is set up, where that differs from its defaults. */
  settings?: string;
  /** A fresh, empty database. */
  database(): Promise<BenchDatabase>;
  close(): Promise<void>;
}

async function sqliteEngine(): Promise<BenchEngine> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-bench-"));
  let n = 0;
  return {
    name: "sqlite",
    rawName: "FTS5",
    database: async () => {
      const file = path.join(tmp, `bench-${++n}.db`);
      const storage = new SqliteStorage(file);
      // A bare FTS5 query on its own connection to the same file, ranked by bm25.
      const rawDb = new Database(file, { readonly: true });
      const raw = rawDb.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20");
      return {
        storage,
        raw: async (words) => raw.all(words.map((w) => `"${w}"`).join(" ")),
        env: { NEWSBOT_DB: file },
        close: async () => {
          rawDb.close();
          await storage.close();
        },
      };
    },
    close: async () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

async function postgresEngine(): Promise<BenchEngine> {
  // A page cache as docker-compose.yml gives the server: at the stock 128 MB, the 100k store (800 MB)
  // is read through the operating system's cache (88k articles: the raw query's p50 2.1-2.4x slower,
  // /story's 1.2-1.4x).
  const server = await startPostgres({ durable: true, sharedBuffers: "1GB" });
  let n = 0;
  return {
    name: "postgres",
    rawName: "tsvector",
    settings: "shared_buffers 1GB, as docker-compose.yml",
    database: async () => {
      const name = `newsbot_bench_${++n}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = databaseUrl(server.url, name);
      const storage = await PostgresStorage.open(url);
      // A bare tsvector query on its own connection: every word required, ranked by ts_rank.
      const rawClient = new pg.Client({ connectionString: url });
      await rawClient.connect();
      return {
        storage,
        raw: (words) =>
          rawClient.query(
            "SELECT id FROM articles, plainto_tsquery('newsbot', $1) q WHERE search @@ q ORDER BY ts_rank(search, q) DESC LIMIT 20",
            [words.join(" ")],
          ),
        env: { DATABASE_URL: url },
        close: async () => {
          await rawClient.end();
          await storage.close();
        },
      };
    },
    close: () => server.stop(),
  };
}

export function openBenchEngine(name: string): Promise<BenchEngine> {
  if (name === "sqlite") return sqliteEngine();
  if (name === "postgres") return postgresEngine();
  throw new Error(`--engine is sqlite or postgres, not ${name}`);
}
