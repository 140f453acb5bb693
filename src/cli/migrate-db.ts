// `migrate-db --to postgres://...`: moving house from one machine to several. Copies the SQLite
// database at NEWSBOT_DB into an empty PostgreSQL database (copyFromSqlite checks every table's
// count) and prints the counts. The URL is named by host and database only, never its password.
import fs from "node:fs";
import { InvalidArgumentError } from "commander";
import { Config, loadConfig } from "../config.js";
import type { CliCommand } from "./cli-command.js";

/** The --to value: a postgres:// URL, checked as DATABASE_URL is (the message never repeats it). */
function postgresUrl(value: string): string {
  const parsed = Config.shape.DATABASE_URL.safeParse(value);
  if (!parsed.success || parsed.data === undefined) throw new InvalidArgumentError("expected a postgres://user:password@host:5432/database URL");
  return parsed.data;
}

export const migrateDbCommand: CliCommand = {
  name: "migrate-db",
  description: "Copy the SQLite database (NEWSBOT_DB) into an empty PostgreSQL database, check every table's count, and print them",
  details:
    "Stop newsbot first, so that nothing changes while it copies. The copy is one transaction: on any error nothing is kept. " +
    "Then start newsbot (one replica or several) with DATABASE_URL set to the same URL.",
  options: [{ flags: "--to <url>", description: "the PostgreSQL database: postgres://user:password@host:5432/database", parse: postgresUrl }],
  examples: ["migrate-db --to postgres://newsbot:secret@db.example:5432/newsbot"],
  run: async (_args, opts: { to?: string }) => {
    if (opts.to === undefined) throw new Error("migrate-db: --to <postgres://...> is required: the database to copy into");
    const file = loadConfig({ ...process.env, DATABASE_URL: undefined }).NEWSBOT_DB;
    // Opening a missing file would create an empty database and copy nothing.
    if (!fs.existsSync(file)) throw new Error(`migrate-db: there is no SQLite database at ${file} (NEWSBOT_DB)`);
    // Loaded here: pg takes a while to load, which no other command should wait for.
    const [{ copyFromSqlite }, { describeDatabase }] = await Promise.all([import("../store/postgres/copy-from-sqlite.js"), import("../store/postgres/pool.js")]);
    const into = describeDatabase(opts.to);
    process.stderr.write(`Copying ${file} into ${into} ...\n`);
    const copied = await copyFromSqlite(file, opts.to);
    const width = Math.max(...copied.map((c) => c.table.length));
    const lines = copied.map(({ table, rows }) => `  ${table.padEnd(width)}  ${rows.toLocaleString("en-US").padStart(12)}`);
    process.stdout.write(
      [
        `Copied ${file} into ${into}; every table holds as many rows as in SQLite:`,
        `  ${"table".padEnd(width)}  ${"rows".padStart(12)}`,
        ...lines,
        "Start newsbot with DATABASE_URL set to that database (see the README's Scale-out section).",
        "",
      ].join("\n"),
    );
  },
};
