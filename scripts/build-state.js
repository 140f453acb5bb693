// What the compiled build in dist/ was made from, shared by scripts/build.js (which records it) and
// scripts/run.js (which runs the build only while it still matches the sources). Plain JavaScript:
// it runs before anything is compiled.
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DIST = path.join(ROOT, "dist");
/** What the build compiles: these folders and the compiler settings. */
export const SOURCES = ["src", "commands", "tsconfig.json", "tsconfig.build.json"];
const STAMP = path.join(DIST, "built-from.json");

/** Every source file (relative path) with its modification time. Statting a few hundred files
 * takes a few milliseconds: cheap enough for every start. */
export function sourceState() {
  const state = {};
  for (const source of SOURCES) {
    const top = path.join(ROOT, source);
    if (!fs.existsSync(top)) continue;
    const files = fs.statSync(top).isDirectory() ? fs.readdirSync(top, { recursive: true }).map((f) => path.join(source, f)) : [source];
    for (const file of files) {
      const stat = fs.statSync(path.join(ROOT, file));
      if (stat.isFile()) state[file.split(path.sep).join("/")] = stat.mtimeMs;
    }
  }
  return state;
}

/** The sources the build in dist/ was made from, or undefined when there is no complete build. */
export function builtFrom() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, "utf8"));
  } catch {
    return undefined;
  }
}

export function recordBuild(state) {
  fs.writeFileSync(STAMP, JSON.stringify(state));
}

/** The build is current when it was made from exactly these files, each as it is now: an edit, a
 * new file or a deleted one (even one restored with an older time) makes it stale. */
export function isCurrent(built, now) {
  if (!built) return false;
  const files = Object.keys(now);
  return files.length === Object.keys(built).length && files.every((file) => built[file] === now[file]);
}
