// `npm run build`: compiles src/ and commands/ to dist/ (tsc, tsconfig.build.json; no type check,
// `npm run typecheck` does that), copies the other files they read (SQL migrations, the feed
// parser's worker) beside them, writes the tables the compiled code would otherwise derive at
// start-up (TABLES), bundles the entry points scripts/run.js starts (scripts/bundle.js), records
// which sources it was built from (scripts/run.js), and runs a bundle once to write its code cache
// (scripts/warm-up.js).
// `npm ci` runs it as `prepare --if-possible`: an install without the compiler (`npm ci
// --omit=dev`), or before the sources are there (the Dockerfile's dependency layer), skips it and
// newsbot runs its TypeScript through tsx.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { DIST, recordBuild, ROOT, sourceState } from "./build-state.js";
import { bundleEntries } from "./bundle.js";
import { warmUp } from "./warm-up.js";

const ifPossible = process.argv.includes("--if-possible");

/** Tables derived from data at start-up, written beside the compiled module by that module's own
 * function, which the compiled module then reads instead: `file` is `write()`'s JSON. */
const TABLES = [{ module: "src/core/nlp/places.js", write: "placeTable", file: "src/core/nlp/places.json" }];

function skip(reason) {
  process.stdout.write(`newsbot: not compiled (${reason}); npm start and npm run newsbot run the TypeScript through tsx.\n`);
  process.exit(0);
}

let tsc;
try {
  tsc = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
} catch (error) {
  if (!ifPossible) throw error;
  skip("the TypeScript compiler is not installed");
}
if (ifPossible && !fs.existsSync(path.join(ROOT, "src"))) skip("no sources yet");

// Taken before compiling: a file saved during the build makes the build stale at once.
const state = sourceState();
// From scratch, so that nothing compiled from a deleted source lingers.
fs.rmSync(DIST, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
} catch {
  process.stderr.write("newsbot: the build failed (above); npm start and npm run newsbot run the TypeScript through tsx until it succeeds.\n");
  // An install still succeeds: newsbot runs without the build.
  process.exit(ifPossible ? 0 : 1);
}
for (const file of Object.keys(state)) {
  if (file.endsWith(".ts") || !file.includes("/")) continue;
  fs.mkdirSync(path.dirname(path.join(DIST, file)), { recursive: true });
  const typescript = file.replace(/\.mjs$/, ".ts");
  if (typescript !== file && typescript in state) {
    // A worker's starter (parse-worker.mjs beside parse-worker.ts): in the sources it registers tsx
    // to load the TypeScript, which a worker thread does not inherit; the build's loads the compiled
    // worker beside it.
    const compiled = `./${path.basename(typescript, ".ts")}.js`;
    fs.writeFileSync(path.join(DIST, file), `// Written by scripts/build.js: the compiled worker, without tsx.\nawait import(${JSON.stringify(compiled)});\n`);
    continue;
  }
  fs.copyFileSync(path.join(ROOT, file), path.join(DIST, file));
}
try {
  for (const table of TABLES.filter((t) => fs.existsSync(path.join(DIST, t.module)))) {
    const compiled = await import(pathToFileURL(path.join(DIST, table.module)).href);
    fs.writeFileSync(path.join(DIST, table.file), JSON.stringify(compiled[table.write]()));
  }
} catch (error) {
  process.stderr.write(`newsbot: writing the start-up tables failed (${error instanceof Error ? error.message : error}); npm start and npm run newsbot run the TypeScript through tsx until it succeeds.\n`);
  process.exit(ifPossible ? 0 : 1);
}
try {
  await bundleEntries();
} catch (error) {
  // esbuild has printed where; the build is not recorded, so newsbot runs through tsx meanwhile.
  process.stderr.write(`newsbot: bundling failed (${error instanceof Error ? error.message.split("\n")[0] : error}); npm start and npm run newsbot run the TypeScript through tsx until it succeeds.\n`);
  process.exit(ifPossible ? 0 : 1);
}
recordBuild(state);
// After the record: the warm-up runs the build as scripts/run.js would, which it does only once recorded.
warmUp();
