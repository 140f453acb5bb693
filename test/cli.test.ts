// End to end: the CLI and `npm start` spawned as a user runs them, on a fresh database each time.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
let dir: string;
let db: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-cli-"));
  db = path.join(dir, "news.db");
});

function run(script: "src/cli.ts" | "src/main.ts", args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEWSBOT_DB: db, NO_COLOR: "1", FORCE_COLOR: undefined },
    input: input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SAMPLE = path.join(ROOT, "samples", "asharq-al-awsat.txt");
const HEADLINES = [
  "Moscow Consultations: Russia, Syria Disagree on Turkish Deployment",
  "Iraq Frustrated by Iran’s Reluctance to Rein in Militias",
];

describe("npm start (terminal mode)", () => {
  it("stores the sample, prints the digest and exits 0 when stdin is closed; a re-run adds nothing", () => {
    const first = run("src/main.ts", []);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    for (const headline of HEADLINES) expect(first.stdout).toContain(headline);
    expect(first.stdout).toContain("Your briefing: 2 stories from the last 24 hours");
    expect(first.stdout).not.toContain("\u001b[");

    const second = run("src/main.ts", []);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Your briefing: 2 stories");
    const count = JSON.parse(run("src/cli.ts", ["digest", "--json"]).stdout) as unknown[];
    expect(count).toHaveLength(2);
  });

  it("answers slash commands piped on stdin", () => {
    const out = run("src/main.ts", [], "/story damascus\n/help\n/quit\n");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('1 story on "damascus"');
    expect(out.stdout).toContain("/story <topic>");
  });
});

describe("npm run newsbot -- ingest", () => {
  it("splits the sample into two articles and skips them as duplicates the second time", () => {
    const first = run("src/cli.ts", ["ingest", SAMPLE, "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ added: 2, copies: 0, duplicates: 0, rejected: [] });
    const second = run("src/cli.ts", ["ingest", SAMPLE, "--json"]);
    expect(JSON.parse(second.stdout)).toEqual({ added: 0, copies: 0, duplicates: 2, rejected: [] });
  });

  it("stores the readable files of a folder, rejects the others with a reason and exits 1", () => {
    const folder = path.join(dir, "in");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "good.txt"), "Iraq passes budget\n\nIraqi lawmakers passed the budget on Sunday.\n");
    fs.writeFileSync(
      path.join(folder, "feed.jsonl"),
      JSON.stringify({ title: "Markets rally", body: "Stocks rose on Monday.", url: "https://example.com/m" }) + "\n",
    );
    fs.writeFileSync(path.join(folder, "binary.txt"), Buffer.from([0, 1, 2, 3, 0, 255]));
    const out = run("src/cli.ts", ["ingest", folder, path.join(dir, "missing.txt"), "--json"]);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as { added: number; duplicates: number; rejected: Array<{ path: string; reason: string }> };
    expect(report.added).toBe(2);
    expect(report.rejected.map((r) => path.basename(r.path)).sort()).toEqual(["binary.txt", "missing.txt"]);
    for (const r of report.rejected) expect(r.reason.length).toBeGreaterThan(5);

    const text = run("src/cli.ts", ["ingest", folder]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Added 0 articles, 2 duplicates skipped, 1 rejected\./);
  });
});

describe("npm run newsbot -- story / digest", () => {
  it("prints story cards as JSON with the promised fields, for syria and for türkiye", () => {
    run("src/cli.ts", ["ingest", SAMPLE, "--source", "Asharq Al-Awsat"]);
    for (const topic of ["syria", "türkiye", "turkey"]) {
      const out = run("src/cli.ts", ["story", topic, "--json"]);
      expect(out.code).toBe(0);
      const cards = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
      expect(cards[0]).toMatchObject({ type: "story", headline: HEADLINES[0], url: null, sources: [{ name: "Asharq Al-Awsat" }] });
      for (const key of ["headline", "summary", "entities", "sources", "url", "publishedAt", "storyId"]) {
        expect(cards[0]).toHaveProperty(key);
      }
    }
  });

  it("prints readable text, and a helpful answer for an unknown topic and for search syntax", () => {
    run("src/cli.ts", ["ingest", SAMPLE, "--source", "Asharq Al-Awsat"]);
    const story = run("src/cli.ts", ["story", "iraq"]);
    expect(story.stdout).toContain(HEADLINES[1]);
    const unknown = run("src/cli.ts", ["story", "syira"]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain("The closest topics I know:");
    expect(unknown.stdout).toContain("• Syria");
    const syntax = run("src/cli.ts", ["story", '"(syria OR *:-"']);
    expect(syntax.code).toBe(0);
    expect(syntax.stderr).toBe("");
    expect(syntax.stdout).toContain(HEADLINES[0]);
    const digest = run("src/cli.ts", ["digest"]);
    expect(digest.stdout).toContain("Your briefing: 2 stories");
  });
});
