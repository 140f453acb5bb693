// Versioned schema migrations: plain SQL files in ./migrations, named NNN-what.sql and applied in
// order, each in its own transaction. A database at the latest version is only read; one behind is
// migrated under an advisory lock, so that of replicas starting together one migrates and the
// others find the work done.
import fs from "node:fs";
import type pg from "pg";
import { describeDatabase } from "./pool.js";

const FOLDER = new URL("./migrations/", import.meta.url);
/** The advisory lock key for migrations (any constant; advisory locks are per database). */
const MIGRATION_LOCK = 7_402_115_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(): Migration[] {
  return fs
    .readdirSync(FOLDER)
    .filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 3));
      // A gap or a repeat would skip a file on some databases and not on others.
      if (version !== index + 1) throw new Error(`migration ${file} is out of sequence: expected number ${index + 1}`);
      return { version, name: file.replace(/\.sql$/, ""), sql: fs.readFileSync(new URL(file, FOLDER), "utf8") };
    });
}

/** The schema version the database is at: 0 before the first migration (no schema_migrations yet). */
async function schemaVersion(client: pg.PoolClient): Promise<number> {
  try {
    const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations");
    return rows[0]?.version ?? 0;
  } catch (error) {
    // undefined_table: a database newsbot has not migrated yet.
    if ((error as { code?: string }).code === "42P01") return 0;
    throw error;
  }
}

function newerThanKnown(url: string, current: number, known: number): Error {
  return new Error(
    `the database ${describeDatabase(url)} is at schema version ${current}, newer than this newsbot knows (${known}); upgrade newsbot or point DATABASE_URL at another database`,
  );
}

/**
 * Brings the schema up to date; refuses a database written by a newer newsbot. A database already up
 * to date costs one query (every start of every command): the lock, and reading the version again
 * under it, only when a migration is due.
 */
export async function migrate(pool: pg.Pool, url: string): Promise<void> {
  const migrations = readMigrations();
  const client = await pool.connect();
  try {
    const seen = await schemaVersion(client);
    if (seen > migrations.length) throw newerThanKnown(url, seen, migrations.length);
    if (seen === migrations.length) return;
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      // Again, under the lock: a replica that started beside this one may have migrated meanwhile.
      const current = await schemaVersion(client);
      if (current > migrations.length) throw newerThanKnown(url, current, migrations.length);
      for (const migration of migrations.slice(current)) {
        try {
          await client.query("BEGIN");
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
