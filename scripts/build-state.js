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

/** Every source file (relative path) with its modification time. Walked folder by folder, with
 * paths joined as strings: a few milliseconds for a few hundred files, cheap enough for every start
 * (fs.readdirSync's own `recursive`, or path.join for each file, takes several times as long). */
export function sourceState() {
  const state = {};
  const add = (file, relative) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) state[relative] = stat.mtimeMs;
  };
  const walk = (dir, relative) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = `${dir}${path.sep}${entry.name}`;
      const name = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(file, name);
      else add(file, name);
    }
  };
  for (const source of SOURCES) {
    const top = path.join(ROOT, source);
    const stat = fs.statSync(top, { throwIfNoEntry: false });
    if (stat?.isDirectory()) walk(top, source);
    else if (stat?.isFile()) state[source] = stat.mtimeMs;
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
