// `npm start` and `npm run newsbot` go through scripts/run.js: the compiled build while it was built
// from exactly the sources there are, the TypeScript through tsx otherwise. Tried on a small project
// of its own (the real scripts and compiler settings, one entry point), so that the repository's own
// build is left alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Builds run tsc: several seconds each on a busy machine. */
const TIMEOUT = 120_000;

/** Says which file ran: the TypeScript source or the compiled build. */
const ENTRY = `const ran: string = import.meta.url.endsWith(".ts") ? "source" : "build";
console.log(JSON.stringify({ ran, args: process.argv.slice(2), entry: process.argv[1] }));
`;

function project(withCompiler: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-run-"));
  fs.cpSync(path.join(ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  for (const file of ["tsconfig.json", "tsconfig.build.json"]) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  fs.mkdirSync(path.join(dir, "src", "migrations"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "entry.ts"), ENTRY);
  fs.writeFileSync(path.join(dir, "src", "migrations", "001.sql"), "select 1;\n");
  if (withCompiler) fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  else fs.mkdirSync(path.join(dir, "node_modules"));
  return dir;
}

function node(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: TIMEOUT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function start(dir: string, args: string[] = []) {
  const result = node(dir, ["scripts/run.js", "src/entry.ts", ...args]);
  expect(result.code, result.stderr).toBe(0);
  return { ...(JSON.parse(result.stdout) as { ran: string; args: string[]; entry: string }), stderr: result.stderr };
}

function build(dir: string): void {
  const result = node(dir, ["scripts/build.js"]);
  expect(result.code, result.stderr).toBe(0);
}

/** A save a second later than the last: an edit. */
function touch(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 1000);
  fs.utimesSync(file, later, later);
}

describe("scripts/run.js", () => {
  let dir: string;
  beforeAll(() => {
    dir = project(true);
  });

  it("runs the TypeScript through tsx while there is no build, with the arguments after the entry point", () => {
    const run = start(dir, ["story", "syria", "--json"]);
    expect(run).toMatchObject({ ran: "source", args: ["story", "syria", "--json"], entry: path.join(dir, "src", "entry.ts"), stderr: "" });
  });

  it("runs the build once compiled, with the files the sources read copied beside it", { timeout: TIMEOUT }, () => {
    build(dir);
    expect(start(dir, ["story", "syria"])).toMatchObject({ ran: "build", args: ["story", "syria"], entry: path.join(dir, "dist", "src", "entry.js"), stderr: "" });
    expect(fs.readFileSync(path.join(dir, "dist", "src", "migrations", "001.sql"), "utf8")).toBe("select 1;\n");
  });

  it("never runs a stale build: after an edit, a new file or a deleted one it runs the sources until built again", { timeout: 3 * TIMEOUT }, () => {
    build(dir);
    const entry = path.join(dir, "src", "entry.ts");
    touch(entry);
    const edited = start(dir);
    expect(edited.ran).toBe("source");
    expect(edited.stderr).toMatch(/changed since the last build.*npm run build/);

    build(dir);
    expect(start(dir).ran).toBe("build");
    const added = path.join(dir, "src", "added.ts");
    fs.writeFileSync(added, "export const added = 1;\n");
    expect(start(dir).ran).toBe("source");

    build(dir);
    expect(start(dir).ran).toBe("build");
    fs.rmSync(added);
    expect(start(dir).ran).toBe("source");

    // Settings count as sources too.
    build(dir);
    touch(path.join(dir, "tsconfig.json"));
    expect(start(dir).ran).toBe("source");
  });

  it("runs the build where it was copied without its sources (a container image), and says nothing", { timeout: TIMEOUT }, () => {
    build(dir);
    const image = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-image-"));
    for (const part of ["dist", "scripts", "package.json"]) fs.cpSync(path.join(dir, part), path.join(image, part), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(image, "node_modules"));
    try {
      expect(start(image, ["sources", "list"])).toMatchObject({ ran: "build", args: ["sources", "list"], entry: path.join(image, "dist", "src", "entry.js"), stderr: "" });
      // With no build either, there is nothing to run: the missing source says so.
      fs.rmSync(path.join(image, "dist"), { recursive: true });
      expect(node(image, ["scripts/run.js", "src/entry.ts"]).code).not.toBe(0);
    } finally {
      fs.rmSync(image, { recursive: true, force: true });
    }
  });

  it("refuses anything but a TypeScript entry point", () => {
    const result = node(dir, ["scripts/run.js", "dist/src/entry.js"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: node scripts\/run\.js src\//);
  });
});

describe("scripts/build.js as npm's prepare (--if-possible)", () => {
  it("skips without the compiler (npm ci --omit=dev), saying newsbot runs through tsx; a plain build fails", () => {
    const dir = project(false);
    const prepare = node(dir, ["scripts/build.js", "--if-possible"]);
    expect(prepare.code).toBe(0);
    expect(prepare.stdout).toMatch(/not compiled \(the TypeScript compiler is not installed\).*tsx/);
    expect(fs.existsSync(path.join(dir, "dist"))).toBe(false);
    expect(node(dir, ["scripts/build.js"]).code).not.toBe(0);
  });
});
