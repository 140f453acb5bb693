// Configuration mistakes as a first-time user makes them, through the CLI as a process: each stops
// start-up with one line (exit 1) or is said in a warning, never silently ignored, never hangs, and
// never repeats a secret (a webhook URL) or a file's content.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestDefinition, targetKey } from "../src/core/delivery/definition.js";

const ROOT = path.resolve(import.meta.dirname, "..");
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-config-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CLI with only the given NEWSBOT_ settings (and a fresh database unless one is given). */
function cli(args: string[], settings: Record<string, string> = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("NEWSBOT_")));
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...env, NEWSBOT_DB: path.join(dir, "news.db"), NO_COLOR: "1", FORCE_COLOR: undefined, ...settings },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeDigest(name: string, definition: object): string {
  const folder = path.join(dir, "digests");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(definition));
  return folder;
}

describe("settings that name what is not there", () => {
  it("stops when NEWSBOT_DIGESTS names a folder that does not exist", () => {
    const missing = path.join(dir, "no-such-folder");
    // news lists a channel's briefings, the digest files' among them: it reads them (story does not).
    const result = cli(["news"], { NEWSBOT_DIGESTS: missing });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`newsbot: NEWSBOT_DIGESTS names the digests folder ${missing}, which does not exist\n`);
  });

  it("stops when NEWSBOT_SOURCES names a file that does not exist", () => {
    const missing = path.join(dir, "feeds.json");
    const result = cli(["sources", "list"], { NEWSBOT_SOURCES: missing });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`newsbot: NEWSBOT_SOURCES names the sources file ${missing}, which does not exist\n`);
  });

  it("stops, rather than hangs, when NEWSBOT_DB is in a folder that cannot be made", () => {
    const result = cli(["sources", "list"], { NEWSBOT_DB: "/proc/nope/x.db" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^newsbot: cannot open the database \/proc\/nope\/x\.db \(.+\); set NEWSBOT_DB to a writable file path\n$/);
  });
});

describe("the sources file", () => {
  it("says a file that is not JSON is not a sources file, without quoting it", () => {
    const passwd = path.join(dir, "passwd");
    fs.writeFileSync(passwd, "root:x:0:0:root:/root:/bin/bash\n");
    const result = cli(["sources", "list"], { NEWSBOT_SOURCES: passwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^newsbot: ${passwd} is not a JSON sources file: it is not valid JSON\\. Expected [^\\n]*\\n$`));
    expect(result.stderr).not.toContain("root:x");
  });

  it("warns of an entry listed twice, and follows the feed once", () => {
    const file = path.join(dir, "sources.json");
    fs.writeFileSync(file, "\uFEFF" + JSON.stringify([{ url: "https://a.example/rss" }, { url: "https://a.example/rss", name: "Again" }]));
    const result = cli(["sources", "list", "--json"], { NEWSBOT_SOURCES: file });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`"level":40`);
    expect(result.stderr).toContain(`sources file ${file}: https://a.example/rss is listed twice; its first entry is used`);
    expect((JSON.parse(result.stdout) as Array<{ url: string }>).map((s) => s.url)).toEqual(["https://a.example/rss"]);
  });
});

describe("a webhook's URL is a secret", () => {
  it("stops at a webhook URL with a user name and password, naming the file and the field, not the password", () => {
    const folder = writeDigest("morning", { schedule: "0 8 * * *", targets: [{ platform: "webhook", format: "json", url: "https://bot:hunter22@hooks.example/h" }] });
    const result = cli(["news"], { NEWSBOT_DIGESTS: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`newsbot: the digest file ${path.join(folder, "morning.json")} is invalid: targets.0.url: must not contain a user name or password\n`);
  });

  it("is named by its key in explain, as JSON and as text", () => {
    const url = "http://127.0.0.1:9/hook/SECRETPATH?token=TOKEN123";
    const definition = { schedule: "0 8 * * *", targets: [{ platform: "webhook", format: "json", url }] };
    const folder = writeDigest("morning", definition);
    const key = targetKey(DigestDefinition.parse({ name: "morning", ...definition }).targets[0]!);
    for (const args of [["explain", "morning", "--json"], ["explain", "morning"]]) {
      const result = cli(args, { NEWSBOT_DIGESTS: folder });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(key);
      for (const secret of ["SECRETPATH", "TOKEN123", url]) expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });
});
