// End to end: the CLI and `npm start` spawned as a user runs them, on a fresh database each time.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { startSite } from "./fakes/site.js";

const ROOT = path.resolve(import.meta.dirname, "..");
let dir: string;
let db: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-cli-"));
  db = path.join(dir, "news.db");
});

function run(script: "src/cli.ts" | "src/main.ts", args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEWSBOT_DB: db, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
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
    expect(JSON.parse(first.stdout)).toEqual({ added: 2, copies: 0, duplicates: 0, skipped: [], rejected: [] });
    const second = run("src/cli.ts", ["ingest", SAMPLE, "--json"]);
    expect(JSON.parse(second.stdout)).toEqual({ added: 0, copies: 0, duplicates: 2, skipped: [], rejected: [] });
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

describe("npm run newsbot -- and the digest files", () => {
  it("reads them for the commands that show them (news), and starts story and digest without them", () => {
    const digests = path.join(dir, "digests");
    fs.mkdirSync(digests);
    fs.writeFileSync(path.join(digests, "morning.json"), JSON.stringify({ schedule: "0 8 * * *", targets: [{ platform: "slack", channel: "C0123456" }] }));
    const env = { NEWSBOT_DIGESTS: digests };
    run("src/cli.ts", ["ingest", SAMPLE, "--source", "Asharq Al-Awsat"]);
    const listed = run("src/cli.ts", ["news", "--channel", "slack:C0123456"], undefined, env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Also here: the "morning" digest (0 8 * * *, UTC)');

    // A mistake in one stops the commands that read them, with the file and the field; not the others.
    fs.writeFileSync(path.join(digests, "broken.json"), JSON.stringify({ schedule: "at eight", targets: [{ platform: "terminal" }] }));
    const news = run("src/cli.ts", ["news"], undefined, env);
    expect(news.code).not.toBe(0);
    expect(news.stderr).toMatch(/the digest file \S*broken\.json is invalid: schedule/);
    const story = run("src/cli.ts", ["story", "syria", "--json"], undefined, env);
    expect(story.code, story.stderr).toBe(0);
    expect((JSON.parse(story.stdout) as Array<{ headline: string }>)[0]?.headline).toBe(HEADLINES[0]);
    const digest = run("src/cli.ts", ["digest"], undefined, env);
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain("Your briefing: 2 stories");
  });
});

describe("npm run newsbot -- news", () => {
  it("changes another channel's briefing with --channel, and lists it when no action is named", () => {
    const subscribed = run("src/cli.ts", ["news", "subscribe", "climate", "policy", "--channel", "slack:C0123456"]);
    expect(subscribed.code).toBe(0);
    expect(subscribed.stdout).toContain('Following "climate policy"');
    const listed = run("src/cli.ts", ["news", "--channel", "slack:C0123456", "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ type: "notice", text: expect.stringMatching(/^This channel follows "climate policy"\./) })]);
  });

  it("takes --channel only on a chat platform newsbot knows, with that platform's kind of channel id", () => {
    for (const channel of ["matrix:C0123456", "webhook:C0123456", "slack:C-01"]) {
      const refused = run("src/cli.ts", ["news", "--channel", channel]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain("expected platform:channel with a platform of terminal, slack, discord");
    }
  });
});

describe("npm run newsbot -- sources / poll", () => {
  /** The CLI as a child process, without blocking this process's event loop (the feed server runs
   * here, on loopback: so private addresses are allowed). */
  function runAsync(args: string[], env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, NEWSBOT_DB: db, NO_COLOR: "1", FORCE_COLOR: undefined, NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "true", ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("follows a feed, polls it once, and shows a broken one as failing with its reason", async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
      <item><title>Ferry service resumes after storm</title><link>https://harbour.example/ferry</link>
      <description><![CDATA[<p>The island ferry sailed again on Monday after three days of storms kept it in port.</p>
      <p>Operators said extra crossings would clear the queue of lorries by Wednesday.</p>]]></description></item>
    </channel></rss>`;
    const site = await startSite({ "/feed.xml": { headers: { "Content-Type": "application/rss+xml" }, body: feed }, "/gone.xml": { status: 404 } });
    try {
      const added = await runAsync(["sources", "add", site.url("/feed.xml")]);
      expect(added.code).toBe(0);
      expect(added.stdout).toContain("Following Harbour Times");
      expect(added.stdout).toContain("Harbour Times: 1 new article.");

      // An address that is no feed is not followed, unless the user insists.
      const refused = await runAsync(["sources", "add", site.url("/gone.xml"), "--name", "Gone Gazette"]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain("Not following Gone Gazette");
      expect(refused.stdout).toMatch(/did not keep it: .*answered HTTP 404/);
      expect(refused.stdout).toContain(`sources add ${site.url("/gone.xml")} --keep`);
      const kept = await runAsync(["sources", "add", site.url("/gone.xml"), "--name", "Gone Gazette", "--keep"]);
      expect(kept.code).toBe(0);
      expect(kept.stdout).toContain("Following Gone Gazette");
      const poll = await runAsync(["poll", "--once"]);
      // No ETag from this server: the feed comes again, the same bytes, and is not parsed again.
      expect(poll.stdout).toContain("Harbour Times: unchanged since the last poll.");
      // A 404 does not pass by waiting: no "will retry later" for it.
      expect(poll.stdout).toMatch(/Gone Gazette: failed: .*404/);
      expect(poll.code).toBe(1);

      const list = JSON.parse((await runAsync(["sources", "list", "--json"])).stdout) as Array<{ name: string; status: string; problem?: string; articles: number }>;
      expect(list.map((s) => [s.name, s.status, s.articles])).toEqual([
        ["Harbour Times", "active", 1],
        ["Gone Gazette", "active", 0],
      ]);
      expect(list[1]?.problem).toMatch(/404/);

      const story = run("src/cli.ts", ["story", "ferry"]);
      expect(story.stdout).toContain("Ferry service resumes after storm");

      // A script can tell a request that did nothing from one that did.
      const unknown = await runAsync(["sources", "remove", "99"]);
      expect(unknown.stdout).toContain('No source is "99"');
      expect(unknown.code).toBe(1);
      const removed = await runAsync(["sources", "remove", site.url("/gone.xml")]);
      expect(removed.stdout).toContain("Stopped following Gone Gazette");
      expect(removed.code).toBe(0);
    } finally {
      await site.close();
    }
  }, 120_000); // eight CLI runs in turn, each starting node, tsx and the feed parser thread

  it("keeps polling after the first round until SIGTERM, then finishes and exits 0", async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
      <item><title>Ferry service resumes after storm</title><link>https://harbour.example/ferry</link>
      <description>The island ferry sailed again on Monday after three days of storms kept it in port.</description></item>
    </channel></rss>`;
    const site = await startSite({ "/feed.xml": { headers: { "Content-Type": "application/rss+xml" }, body: feed } });
    // Listed in a sources file, so the first round finds it due.
    const sourcesFile = path.join(dir, "sources.json");
    fs.writeFileSync(sourcesFile, JSON.stringify([{ url: site.url("/feed.xml") }]));
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "poll"], {
      cwd: ROOT,
      env: { ...process.env, NEWSBOT_DB: db, NEWSBOT_SOURCES: sourcesFile, NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "true", NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    try {
      while (!stdout.includes("Harbour Times: 1 new article.") && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain("Polling the followed feeds, each when it is due; Ctrl-C or SIGTERM stops.");
      // The first round is done; a one-shot poll would be exiting now. Give it the chance to.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(child.exitCode, stderr).toBeNull();
      child.kill("SIGTERM");
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stderr).toContain("Stopping once the polls in flight finish");
      expect(site.requests).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
      await site.close();
    }
  });

  it("says an option out of range in the CLI's words, not the slash command's", () => {
    const story = run("src/cli.ts", ["story", "syria", "--limit", "20"]);
    expect(story.code).toBe(1);
    expect(story.stderr).toMatch(/^error: story: --limit must be at most 10\n/);
    expect(story.stdout + story.stderr).not.toContain("Usage: /story");
    const digest = run("src/cli.ts", ["digest", "--hours", "1000", "--max", "30"]);
    expect(digest.code).toBe(1);
    expect(digest.stderr).toMatch(/^error: digest: --hours must be at most 744; --max must be at most 25\n/);
    const add = run("src/cli.ts", ["sources", "add", "https://example.com/rss", "--every", "2000"]);
    expect(add.stderr).toMatch(/^error: sources add: --every must be at most 1440\n/);
    expect(add.code).toBe(1);
  });

  it("stops with a message naming the field when the sources file is wrong", () => {
    const file = path.join(dir, "sources.json");
    fs.writeFileSync(file, JSON.stringify({ sources: [{ url: "https://ok.example/rss" }, { url: "gopher://old.example" }] }));
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "sources", "list"], {
      cwd: ROOT,
      env: { ...process.env, NEWSBOT_DB: db, NEWSBOT_SOURCES: file },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^newsbot: the sources file .*sources\.json is invalid: sources\.1\.url: must be an http\(s\) URL/);
  });
});
