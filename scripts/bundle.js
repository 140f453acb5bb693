// The start-up bundles scripts/build.js makes after compiling: dist/bundle/cli.cjs and main.cjs, each
// an entry point compiled with everything it imports (what it loads with `import()` included, but
// evaluated only when first imported), and the dependencies listed in BUNDLED. One file to read
// instead of ~230 modules to resolve and compile (zod alone is ~95 files, its translations included,
// which the bundle leaves out).
//
// CommonJS, so that scripts/run.js can start it through a V8 code cache (scripts/code-cache.js):
// Node 20 keeps no compiled code for ES modules, and compiling the bundle is a good part of a
// command's start. Bundled as CommonJS, every `import()` of another package becomes a `require()`
// when it runs (a bundle compiled in a vm.Script cannot `import()`), so every package left outside
// must load with require(): one published as ES modules only goes into BUNDLED (the build says so).
//
// Every other dependency stays in node_modules (better-sqlite3 and pg load native code, the
// platform libraries load on demand), and so do the files the compiled code finds beside itself:
// each module's import.meta.url is its own file's in dist/src (SQL migrations, the feed parser's
// worker and PROJECT_DIR resolve as in the unbundled build, which stays in dist/src).
// Without esbuild (an install without dev dependencies) there are no bundles, and scripts/run.js
// starts dist/src.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { DIST } from "./build-state.js";

/** The entry points scripts/run.js starts, as compiled in dist/. Each becomes a bundle of its own:
 * `src/<name>.js` → dist/bundle/<name>.cjs (a worker thread's entry can be added here too, and
 * started with `new Worker(<its bundle>)`; only scripts/run.js uses the code cache). */
export const ENTRIES = ["src/cli.js", "src/main.js"];
export const BUNDLE_DIR = path.join(DIST, "bundle");
/** Dependencies bundled: pure JavaScript that every command loads (compiled from the code cache
 * inside the bundle, not again at each start from node_modules), or published as ES modules only
 * (stemmer, normalize-url), which require() cannot load on every Node 20. */
const BUNDLED = new Set(["zod", "commander", "re2js", "fastest-levenshtein", "picocolors", "stemmer", "normalize-url"]);
/** Defined at the top of each bundle: the bundle's own file URL, which import.meta.url is made from. */
const BUNDLE_URL = "__newsbotBundleUrl";

/** The bundle of an entry point (`src/cli.ts`: dist/bundle/cli.cjs), or undefined for a file that
 * is not one of ENTRIES. */
export function bundleOf(entry) {
  const compiled = entry.replace(/\.ts$/, ".js");
  return ENTRIES.includes(compiled) ? path.join(BUNDLE_DIR, `${path.basename(compiled, ".js")}.cjs`) : undefined;
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
      return { contents: code.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, ${BUNDLE_URL}).href`), loader: "js" };
    });
  },
};

/** Whether require() loads this file as an ES module (an .mjs, or a .js under `"type": "module"`). */
function isEsModule(file) {
  if (file.endsWith(".mjs")) return true;
  if (!file.endsWith(".js")) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, "utf8")).type === "module";
  }
  return false;
}

/** The packages a bundle leaves to require() that require() would load as ES modules (or not find). */
function notRequirable(metafile) {
  const require = createRequire(path.join(BUNDLE_DIR, "bundle.cjs"));
  const packages = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) if (external && !specifier.startsWith("node:")) packages.add(specifier);
  }
  return [...packages].filter((specifier) => {
    try {
      return isEsModule(require.resolve(specifier));
    } catch {
      return true;
    }
  });
}

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
  const { metafile } = await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((entry) => [path.basename(entry, ".js"), path.join(DIST, entry)])),
    outdir: BUNDLE_DIR,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // `import()` as `Promise.resolve().then(() => require(...))`: code compiled in a vm.Script has
    // no module loader to import with.
    supported: { "dynamic-import": false },
    // Strict, as the ES modules it is made of were (esbuild's own "use strict" comes after the banner).
    banner: { js: `"use strict";\nvar ${BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;` },
    plugins: [BESIDE],
    metafile: true,
    logLevel: "warning",
  });
  const esOnly = notRequirable(metafile);
  if (esOnly.length > 0) {
    fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
    throw new Error(`the bundle would require() ${esOnly.join(", ")}, published as ES modules only: add ${esOnly.length > 1 ? "them" : "it"} to BUNDLED in scripts/bundle.js`);
  }
  for (const output of Object.keys(metafile.outputs)) asciiOnly(path.resolve(output));
}

/**
 * Writes the few characters esbuild leaves outside ASCII (in regular expression literals and
 * comments; it escapes those of strings and templates itself) as \uXXXX escapes, which mean the same
 * there. A source of one non-ASCII character is held by V8 as two bytes a character, all of it:
 * twice the memory, slower to read, to hash and to compile from. A file where such a character
 * follows a backslash (an identity escape, which the escape would change) is left as it is.
 */
function asciiOnly(file) {
  const code = fs.readFileSync(file, "utf8");
  if (/\\[^\0-\x7f]/.test(code)) return;
  // Without the u flag, one UTF-16 unit at a time: a pair of surrogates becomes two escapes, which
  // a regular expression with the u flag reads as the one character again.
  fs.writeFileSync(file, code.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
