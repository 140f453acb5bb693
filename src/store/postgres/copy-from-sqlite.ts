// Moving house: copies a SQLite database (brought up to date first) into an empty Postgres database,
// table by table with the same ids, in one transaction, and checks that every table holds as many
// rows on both sides. Columns are matched by name; each value is converted by its Postgres type
// (SQLite keeps times as milliseconds, flags as 0/1, JSON as text).
import Database from "better-sqlite3";
import type pg from "pg";
import { SqliteStorage } from "../sqlite/sqlite-storage.js";
import { PostgresStorage } from "./postgres-storage.js";
import { describeDatabase, inTransaction, openPool } from "./pool.js";

/** Every table newsbot keeps, parents before the tables that refer to them. */
export const TABLES = [
  "stories",
  "articles",
  "article_copies",
  "story_outlets",
  "topics",
  "term_df",
  "cluster_meta",
  "sources",
  "deliveries",
  "delivery_stories",
  "digest_state",
  "channels",
  "story_threads",
  "alerts",
  "alerts_raised",
] as const;

/** Tables whose ids Postgres generates: their sequences continue after the copied ids. */
const GENERATED_IDS = ["stories", "articles", "article_copies", "sources", "deliveries"];

/** Parameters per INSERT stay well under Postgres's 65,535. */
const MAX_PARAMETERS = 20_000;

export interface CopiedTable {
  table: string;
  rows: number;
}

type Convert = (value: unknown) => unknown;

function converter(type: string): Convert {
  switch (type) {
    case "timestamp with time zone":
      return (value) => (value === null ? null : new Date(Number(value)));
    case "boolean":
      return (value) => (value === null ? null : value === 1 || value === 1n);
    default:
      // json columns take SQLite's JSON text as it is; bytea takes the Buffer; numbers and text pass.
      return (value) => value;
  }
}

async function postgresColumns(db: pg.PoolClient, table: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return new Map(rows.map((row) => [row.column_name, row.data_type]));
}

async function copyTable(sqlite: Database.Database, db: pg.PoolClient, table: string): Promise<void> {
  const target = await postgresColumns(db, table);
  const source = (sqlite.pragma(`table_info(${table})`) as Array<{ name: string }>).map((column) => column.name);
  const columns = source.filter((name) => target.has(name));
  const missing = [...target.keys()].filter((name) => !source.includes(name));
  if (missing.length > 0) throw new Error(`the SQLite table ${table} lacks ${missing.join(", ")}: is it from another newsbot version?`);
  const converts = columns.map((name) => converter(target.get(name)!));
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const list = columns.map((name) => `"${name}"`).join(", ");
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.flat();
    const tuples = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(", ")})`);
    await db.query(`INSERT INTO ${table} (${list}) VALUES ${tuples.join(", ")}`, values);
    batch = [];
  };
  // Rows stream from SQLite, a batch at a time, so a large database is never all in memory.
  for (const row of sqlite.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((value, i) => converts[i]!(value)));
    if (batch.length >= perInsert) await flush();
  }
  await flush();
}

async function counts(tables: readonly string[], count: (table: string) => Promise<number>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const table of tables) found.set(table, await count(table));
  return found;
}

/** Copies the SQLite file into the (empty) database at `url`; the rows of each table. */
export async function copyFromSqlite(file: string, url: string): Promise<CopiedTable[]> {
  // Both schemas up to date first: the SQLite file as this newsbot knows it, Postgres migrated.
  await new SqliteStorage(file).close();
  await (await PostgresStorage.open(url)).close();
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const pool = openPool(url, { max: 1 });
  try {
    const before = await counts(TABLES, async (table) => Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
    const occupied = [...before].filter(([, rows]) => rows > 0).map(([table]) => table);
    if (occupied.length > 0) {
      throw new Error(`the database ${describeDatabase(url)} is not empty (${occupied.join(", ")} have rows); copy into a new database`);
    }
    const expected = await counts(TABLES, async (table) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
    return await inTransaction(pool, async (db) => {
      for (const table of TABLES) await copyTable(sqlite, db, table);
      // A lease held by the process that wrote the file means nothing to the replicas to come.
      await db.query("UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL");
      for (const table of GENERATED_IDS) {
        await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`, [table]);
      }
      const copied = await counts(TABLES, async (table) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
      const wrong = TABLES.filter((table) => copied.get(table) !== expected.get(table));
      if (wrong.length > 0) {
        throw new Error(`the copy does not match (${wrong.map((t) => `${t}: ${expected.get(t)} in SQLite, ${copied.get(t)} copied`).join("; ")}); nothing was kept`);
      }
      return TABLES.map((table) => ({ table, rows: copied.get(table) ?? 0 }));
    });
  } finally {
    sqlite.close();
    await pool.end();
  }
}
