// The code cache of a bundle (scripts/code-cache.js) is written by a run that found none: without this
// step, by the user's first command after a build, which then starts slowly (it compiles the whole
// bundle), and never where dist/ cannot be written (a container's image, owned by root and run as
// another user). So the build runs each bundle once, in a store of its own, and that run writes the
// cache: every command starts from it, from the first.
//
// What the cache holds is what that run compiled, so the run is a command's usual work: the CLI's
// answers a /story about a story of several reports (search, cards, a summary drawn from several
// reports), on a temporary SQLite store filled from scripts/warm-up.jsonl first. The filling runs the
// compiled modules in dist/src, which take no code cache, so that only the warm-up command's functions
// are in it. Nothing here is needed: a warm-up that fails leaves the bundle without a cache, which its
// first command writes as before.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { DIST, ROOT } from "./build-state.js";
import { bundleOf } from "./bundle.js";
import { cacheFileOf } from "./code-cache.js";

/** For each entry point: the CLI arguments that fill its store (run from dist/src, without a cache),
 * then those of the command whose run writes the cache. Another bundle's warm-up is one more entry. */
export const WARM_UPS = [
  {
    entry: "src/cli.ts",
    fill: ["ingest", path.join(ROOT, "scripts", "warm-up.jsonl")],
    run: ["story", "Kestrel Bay bridge", "--json"],
  },
];

/** A warm-up has no business with the user's database, sources or digests: it runs in a folder of its
 * own (where the default files are absent) on a SQLite file there. */
function warmUpEnv(dir) {
  const env = { ...process.env, NEWSBOT_DB: path.join(dir, "warm-up.db"), NEWSBOT_LOG_LEVEL: "silent" };
  for (const name of ["DATABASE_URL", "NEWSBOT_SOURCES", "NEWSBOT_DIGESTS"]) delete env[name];
  return env;
}

/** Writes the code cache of each bundle that has a warm-up; says which it could not. */
export function warmUp() {
  for (const { entry, fill, run } of WARM_UPS) {
    const bundle = bundleOf(entry);
    const compiled = path.join(DIST, entry.replace(/\.ts$/, ".js"));
    if (!bundle || !fs.existsSync(bundle) || !fs.existsSync(compiled)) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-warm-up-"));
    try {
      const options = { cwd: dir, env: warmUpEnv(dir), encoding: "utf8", timeout: 120_000 };
      const filled = spawnSync(process.execPath, [compiled, ...fill], options);
      const ran = filled.status === 0 ? spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), entry, ...run], options) : filled;
      if (ran.status !== 0 || !fs.existsSync(cacheFileOf(bundle))) {
        const reason = (ran.stderr || ran.error?.message || "").trim().split("\n")[0] || `exit ${ran.status}`;
        process.stderr.write(`newsbot: no code cache for ${path.relative(ROOT, bundle)} yet (its warm-up failed: ${reason}); its first command writes one.\n`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
