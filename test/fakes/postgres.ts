// Databases of a test's own on the run's PostgreSQL server (test/setup/postgres.ts): copies of the
// migrated template, or an empty one for migration tests.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrl } from "../setup/database-url.js";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with newsbot's schema, or without any (`empty`). Drop it when done. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = inject("postgres");
  const name = `newsbot_test_${crypto.randomBytes(6).toString("hex")}`;
  const from = options.empty ? "template0 ENCODING 'UTF8'" : template;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${from}`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * For a test file whose tests each want a fresh database: one database for the whole file, emptied
 * (every table truncated, ids restarted) for each test that asks, and dropped after the file.
 * Creating a database takes up to a second on a busy machine; emptying one, milliseconds. The
 * tests of a file run one after another, and each closes its connections before the next asks.
 */
export function freshDatabasePerTest(): () => Promise<string> {
  let database: Promise<TestDatabase> | undefined;
  afterAll(async () => {
    await (await database)?.drop();
  });
  return async () => {
    if (!database) {
      database = createTestDatabase();
      return (await database).url;
    }
    const { url } = await database;
    await admin(url, async (client) => {
      const { rows } = await client.query<{ name: string }>(
        "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
      );
      await client.query(`TRUNCATE ${rows.map((row) => row.name).join(", ")} RESTART IDENTITY CASCADE`);
    });
    return url;
  };
}
