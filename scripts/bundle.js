// The start-up bundles scripts/build.js makes after compiling: dist/bundle/cli.js and main.js hold
// the compiled entry points with everything they import (chunks shared between them, a chunk per
// `import()` so that what loads on demand still does), and the dependencies listed in BUNDLED: about
// twenty files to read instead of ~230 modules to resolve and compile (zod alone is ~95 files, its
// translations included, which the bundle leaves out). scripts/run.js starts a bundle when there is one.
//
// Every other dependency stays in node_modules (better-sqlite3 and pg load native code, the
// platform libraries load on demand), and so do the files the compiled code finds beside itself:
// each module's import.meta.url is its own file's in dist/src (SQL migrations, the feed parser's
// worker and PROJECT_DIR resolve as in the unbundled build, which stays in dist/src).
// Without esbuild (an install without dev dependencies) there are no bundles, and scripts/run.js
// starts dist/src.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { DIST } from "./build-state.js";

/** The entry points scripts/run.js starts, as compiled in dist/. */
export const ENTRIES = ["src/cli.js", "src/main.js"];
export const BUNDLE_DIR = path.join(DIST, "bundle");
/** Dependencies bundled: pure JavaScript, many files each, loaded by every command. */
const BUNDLED = new Set(["zod", "commander"]);

/** The bundle of an entry point (`src/cli.ts`: dist/bundle/cli.js), or undefined for a file that is
 * not one of ENTRIES. */
export function bundleOf(entry) {
  const compiled = entry.replace(/\.ts$/, ".js");
  return ENTRIES.includes(compiled) ? path.join(BUNDLE_DIR, path.basename(compiled)) : undefined;
}

/** `zod/v4/core` → `zod`, `@slack/bolt/x` → `@slack/bolt`. */
function packageName(specifier) {
  const [scope, name] = specifier.split("/");
  return scope.startsWith("@") ? `${scope}/${name}` : scope;
}

/** zod's translations of its messages (~90 files, 1.6 MB): `z.locales` and `z.core.locales`, which
 * newsbot never uses. Its English messages stay (zod's schemas.js imports locales/en.js itself). */
const ZOD_LOCALES = /^export \* as locales from "\.\.\/locales\/index\.js";$/m;

/** Keeps each compiled module's import.meta.url its own file's, so that what it finds beside itself
 * (new URL("./migrations/", import.meta.url)) is found from the bundle too; leaves out of the
 * bundle every package but BUNDLED, and zod's translations. */
const BESIDE = {
  name: "newsbot-beside",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || !BUNDLED.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/ }, async (args) => {
      const code = await fs.promises.readFile(args.path, "utf8");
      return { contents: code.replace(ZOD_LOCALES, ""), loader: "js" };
    });
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST + path.sep)) return undefined;
      const code = await fs.promises.readFile(args.path, "utf8");
      const other = /import\.meta\.(?!url\b)\w+/.exec(code);
      if (other) throw new Error(`${other[0]} is not kept in the bundle (only import.meta.url is): use new URL(..., import.meta.url)`);
      const relative = path.relative(BUNDLE_DIR, args.path).split(path.sep).join("/");
      return { contents: code.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "js" };
    });
  },
};

/** Bundles the ENTRIES that were compiled; none when esbuild is not installed. */
export async function bundleEntries() {
  fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const entries = ENTRIES.filter((entry) => fs.existsSync(path.join(DIST, entry)));
  if (entries.length === 0) return;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    process.stdout.write("newsbot: esbuild is not installed, so there are no start-up bundles; scripts/run.js starts dist/src.\n");
    return;
  }
  await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((entry) => [path.basename(entry, ".js"), path.join(DIST, entry)])),
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Beside the entry points: every output file is one folder below dist/, as BESIDE's paths assume.
    chunkNames: "[name]-[hash]",
    // Bundled CommonJS (commander) requires Node's own modules.
    banner: { js: 'import { createRequire as __newsbotRequire } from "node:module";\nconst require = __newsbotRequire(import.meta.url);' },
    plugins: [BESIDE],
    logLevel: "warning",
  });
}
