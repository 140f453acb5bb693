// Vitest global setup: one PostgreSQL server for the whole run, started here (or TEST_DATABASE_URL's,
// when set, whose user may create databases), and a template database migrated once. Each test suite
// copies the template into a database of its own (test/fakes/postgres.ts), so test files run in
// parallel. The server stops when the run ends.
import crypto from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/store/postgres/migrations.js";
import { openPool } from "../../src/store/postgres/pool.js";
import { databaseUrl } from "./database-url.js";
import { startPostgres, type PostgresServer } from "./embedded-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { adminUrl: string; template: string };
  }
}

async function run(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  const server: PostgresServer = external ? { url: external, stop: async () => undefined } : await startPostgres();
  // Unique per run: several runs may share one TEST_DATABASE_URL server.
  const template = `newsbot_template_${crypto.randomBytes(4).toString("hex")}`;
  try {
    await run(server.url, `CREATE DATABASE ${template} TEMPLATE template0 ENCODING 'UTF8'`);
    const url = databaseUrl(server.url, template);
    const pool = openPool(url);
    try {
      await migrate(pool, url);
    } finally {
      await pool.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("postgres", { adminUrl: server.url, template });
  return async () => {
    try {
      await run(server.url, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await server.stop();
    }
  };
}
