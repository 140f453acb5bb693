// `node scripts/run.js src/cli.ts <arguments>` (what `npm start` and `npm run newsbot` run): runs a
// newsbot entry point from the compiled build in dist/ when it was built from exactly the sources
// there are now (scripts/build-state.js), else the TypeScript itself through tsx, so that an edit to
// src/ never runs a stale build. `npm run build` compiles again. Where the sources are not there at
// all (a container image holds the build only), it runs the build. From the build it starts the entry
// point's bundle (dist/bundle/, scripts/bundle.js) through its V8 code cache (scripts/code-cache.js)
// when there is one, else the compiled file in dist/src. It runs in this process, so that SIGTERM
// reaches newsbot itself.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { builtFrom, DIST, isCurrent, ROOT, sourceState } from "./build-state.js";
import { bundleOf } from "./bundle.js";
import { runBundle } from "./code-cache.js";

// The arguments after the entry are newsbot's own: process.argv reads as if node ran the entry.
const [entry] = process.argv.splice(2, 1);
if (!entry?.endsWith(".ts")) {
  process.stderr.write("usage: node scripts/run.js src/<entry point>.ts [arguments]\n");
  process.exit(2);
}
const built = builtFrom();
const sources = sourceState();
// Without any of the sources (an image made of the build alone, as the Dockerfile's), there is
// nothing for the build to be stale against: it is what there is to run.
const current = Object.keys(sources).length === 0 ? built !== undefined : isCurrent(built, sources);
const compiled = [bundleOf(entry), path.join(DIST, entry.replace(/\.ts$/, ".js"))].find((file) => file && fs.existsSync(file));
if (current && compiled) {
  process.argv[1] = compiled;
  if (compiled.endsWith(".cjs")) runBundle(compiled);
  else await import(pathToFileURL(compiled).href);
} else {
  if (built && !current) process.stderr.write("newsbot: the sources changed since the last build, so they run through tsx (slower to start); `npm run build` compiles them again.\n");
  const source = path.resolve(ROOT, entry);
  process.argv[1] = source;
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(source).href);
}
