// End to end on Postgres: with DATABASE_URL set, the CLI and `npm start` keep everything in that
// database (NEWSBOT_DB points at a folder that cannot exist, so SQLite would fail loudly). The tests
// run in order on one database: the first stores the sample the others read.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../fakes/postgres.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLE = path.join(ROOT, "samples", "asharq-al-awsat.txt");
const HEADLINES = [
  "Moscow Consultations: Russia, Syria Disagree on Turkish Deployment",
  "Iraq Frustrated by Iran’s Reluctance to Rein in Militias",
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

function run(script: "src/cli.ts" | "src/main.ts", args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, NEWSBOT_DB: "/proc/no-such-folder/newsbot.db", NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    input: "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("DATABASE_URL=postgres://... npm run newsbot", () => {
  it("ingests the sample, and knows it has it the second time", () => {
    const first = run("src/cli.ts", ["ingest", SAMPLE, "--source", "Asharq Al-Awsat", "--json"]);
    expect(first.stderr).toBe("");
    expect(JSON.parse(first.stdout)).toEqual({ added: 2, copies: 0, duplicates: 0, skipped: [], rejected: [] });
    expect(JSON.parse(run("src/cli.ts", ["ingest", SAMPLE, "--json"]).stdout)).toMatchObject({ added: 0, duplicates: 2 });
  });

  it("finds türkiye (folded to the headline's Turkish) and damascus (Syria's capital, widened by the core)", () => {
    for (const topic of ["türkiye", "damascus"]) {
      const out = run("src/cli.ts", ["story", topic, "--json"]);
      expect(out.code).toBe(0);
      const cards = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
      expect(cards[0]).toMatchObject({ type: "story", headline: HEADLINES[0], sources: [{ name: "Asharq Al-Awsat" }] });
    }
  });

  it("reads search syntax as words, and suggests the closest known topics", () => {
    const syntax = run("src/cli.ts", ["story", '"(syria OR *:-" & !|']);
    expect(syntax.stderr).toBe("");
    expect(syntax.stdout).toContain(HEADLINES[0]);
    const unknown = run("src/cli.ts", ["story", "syira"]);
    expect(unknown.stdout).toContain("The closest topics I know:");
    expect(unknown.stdout).toContain("• Syria");
  });

  it("serves the terminal bot (`npm start`) from the same database", () => {
    const bot = run("src/main.ts", []);
    expect(bot.stderr).toBe("");
    expect(bot.code).toBe(0);
    expect(bot.stdout).toContain("Your briefing: 2 stories");
  });

  it("stops with one line naming the database, never its password, when it cannot be reached", () => {
    const out = run("src/cli.ts", ["story", "syria"], { DATABASE_URL: "postgres://newsbot:hunter2-secret@127.0.0.1:1/news" });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/^newsbot: cannot open the database postgres:\/\/127\.0\.0\.1:1\/news \(.+\)\n$/);
    expect(out.stderr).not.toContain("hunter2");
  });

  it("refuses a DATABASE_URL that is not a postgres:// URL, naming the variable", () => {
    const out = run("src/cli.ts", ["story", "syria"], { DATABASE_URL: "mysql://db.example/news" });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("DATABASE_URL must be a postgres:// URL");
  });
});

describe("npm run newsbot -- migrate-db --to postgres://...", () => {
  it("copies the SQLite database into an empty Postgres database, prints the counts, never the password, and refuses a second copy", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-migrate-"));
    const sqlite = { NEWSBOT_DB: path.join(dir, "news.db"), DATABASE_URL: undefined };
    const into = await createTestDatabase();
    try {
      expect(run("src/cli.ts", ["ingest", SAMPLE, "--source", "Asharq Al-Awsat"], sqlite).code).toBe(0);
      expect(run("src/cli.ts", ["sources", "add", "https://feeds.example/world.xml", "--keep"], sqlite).code).toBe(0);
      const url = new URL(into.url);
      const secret = url.password || "no password";
      const out = run("src/cli.ts", ["migrate-db", "--to", url.href], sqlite);
      expect(out.stderr + out.stdout).not.toContain(secret);
      expect(out.code, out.stderr + out.stdout).toBe(0);
      const rows = Object.fromEntries([...out.stdout.matchAll(/^ {2}(\w+) +([\d,]+)$/gm)].map((m) => [m[1], Number(m[2]!.replace(/,/g, ""))]));
      expect(rows).toMatchObject({ stories: 2, articles: 2, sources: 1 });
      expect(out.stdout).toContain(`into postgres://${url.host}${url.pathname}; every table holds as many rows as in SQLite`);
      // Postgres now serves what SQLite had.
      const story = run("src/cli.ts", ["story", "türkiye", "--json"], { DATABASE_URL: into.url });
      expect((JSON.parse(story.stdout) as Array<{ headline: string }>)[0]!.headline).toBe(HEADLINES[0]);
      const again = run("src/cli.ts", ["migrate-db", "--to", url.href], sqlite);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain("is not empty");
      expect(again.stderr).not.toContain(secret);
      const missing = run("src/cli.ts", ["migrate-db", "--to", url.href], { ...sqlite, NEWSBOT_DB: path.join(dir, "none.db") });
      expect(missing.stderr).toContain("there is no SQLite database at");
      expect(fs.existsSync(path.join(dir, "none.db"))).toBe(false);
    } finally {
      await into.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
