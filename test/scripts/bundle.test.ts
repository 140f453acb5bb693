// The start-up bundle scripts/build.js makes (scripts/bundle.js) and scripts/run.js starts: tried on a
// small project of its own with newsbot's shape (src/cli.ts importing zod, a file it reads beside
// itself through import.meta.url, a worker thread started from a .mjs beside its .ts), so that the
// repository's own build is left alone.
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
const checked = Options.safeParse({ limit: process.argv[2] });
const { later } = await import("./later.js");
const worker = new Worker(new URL("./deep/worker.mjs", import.meta.url));
const fromWorker = await new Promise((resolve) => worker.once("message", resolve));
await worker.terminate();
console.log(JSON.stringify({
  entry: process.argv[1],
  valid: checked.success,
  problem: checked.success ? undefined : checked.error.issues[0]?.message,
  beside: readBeside(),
  later,
  fromWorker,
  exists: fs.existsSync(new URL("./deep/beside.sql", import.meta.url)),
}));
`,
  // Loaded with import(): a chunk of its own in the bundle, which finds its file as well.
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

describe("the start-up bundle (scripts/bundle.js)", () => {
  let dir: string;
  beforeAll(() => {
    dir = project();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs the sources through tsx before a build, with the same answers", () => {
    expect(start(dir, "3")).toEqual({
      entry: path.join(dir, "src", "cli.ts"),
      valid: true,
      beside: "select 1;",
      later: "loaded on demand",
      fromWorker: "from the worker",
      exists: true,
    });
  });

  it("is what scripts/run.js starts once built, and finds the files beside the compiled modules, the lazy module and the worker", { timeout: TIMEOUT }, () => {
    const built = node(dir, ["scripts/build.js"]);
    expect(built.code, built.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, "dist", "bundle", "cli.js"))).toBe(true);
    // The lazily imported module is a chunk of its own, beside the entry point.
    expect(fs.readdirSync(path.join(dir, "dist", "bundle")).filter((f) => f.startsWith("later-"))).toHaveLength(1);
    expect(start(dir, "3")).toEqual({
      entry: path.join(dir, "dist", "bundle", "cli.js"),
      valid: true,
      beside: "select 1;",
      later: "loaded on demand",
      fromWorker: "from the worker",
      exists: true,
    });
    // zod's English messages are in the bundle.
    expect(start(dir, "11").problem).toMatch(/Too big: expected number to be <=10/);
  });

  it("holds zod but not its translations, and leaves other packages in node_modules", { timeout: TIMEOUT }, () => {
    if (!fs.existsSync(path.join(dir, "dist", "bundle", "cli.js"))) expect(node(dir, ["scripts/build.js"]).code).toBe(0);
    const bundle = fs
      .readdirSync(path.join(dir, "dist", "bundle"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js"))
      .map((file) => fs.readFileSync(path.join(dir, "dist", "bundle", file), "utf8"))
      .join("\n");
    expect(bundle).toMatch(/zod\/v4\/classic\/schemas\.js/);
    expect(bundle).toMatch(/zod\/v4\/locales\/en\.js/);
    expect(bundle).not.toMatch(/zod\/v4\/locales\/(fr|de|ja)\.js/);
    expect(bundle).not.toMatch(/from "zod"/);
    // The worker's starter in the build loads the compiled worker, without tsx.
    expect(fs.readFileSync(path.join(dir, "dist", "src", "deep", "worker.mjs"), "utf8")).toMatch(/import\("\.\/worker\.js"\)/);
  });

  it("refuses a module that uses import.meta other than url, which the bundle could not keep", { timeout: TIMEOUT }, () => {
    const other = project();
    fs.writeFileSync(path.join(other, "src", "later.ts"), "export const later: string = import.meta.dirname;\n");
    const built = node(other, ["scripts/build.js"]);
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(/import\.meta\.dirname is not kept in the bundle/);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
