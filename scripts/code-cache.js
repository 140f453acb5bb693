// Starts a CommonJS bundle (dist/bundle/*.cjs, scripts/bundle.js) with a V8 code cache beside it
// (dist/bundle/<name>.cjs.v8cache): the compiled code of every function the last uncached run
// compiled, so that a command starts without compiling most of the bundle again. Node 20 keeps no
// such cache for ES modules (module.enableCompileCache is Node 22), hence a CommonJS bundle run as
// Node runs a CommonJS file, but compiled in a vm.Script that can take and make the cache.
//
// The cache is written at exit by a run that had none or whose cache did not fit, never otherwise.
// It fits only the bundle it was made from, by this Node (and V8) on this machine: its first line
// is a hash of those, and one that differs (a new build, another Node) is ignored and replaced. V8
// also refuses a cache made with other flags. A cache that cannot be written (a read-only folder)
// is only not written: the command runs as it would have.
import { Buffer } from "node:buffer";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import vm from "node:vm";

/** Node's own CommonJS wrapper, so that the bundle sees what a CommonJS file sees. */
const WRAPPER = ["(function (exports, require, module, __filename, __dirname) { ", "\n});"];

/** Where a bundle's code cache is kept. */
export function cacheFileOf(bundle) {
  return `${bundle}.v8cache`;
}

/** What a cache must have been made for: this source, compiled by this Node and V8 on this machine. */
function cacheKey(source) {
  const { version, arch, platform } = process;
  return crypto.createHash("sha256").update(`${version} ${process.versions.v8} ${platform} ${arch}\n`).update(source).digest("hex");
}

/** The cached code, when the cache file was made for `key`. */
function readCache(file, key) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${key}\n`);
  return data.length > header.length && data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : undefined;
}

function writeCache(file, key, script) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${key}\n`), script.createCachedData()]));
    // Whole or not at all, even with another process starting meanwhile.
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Runs the CommonJS file `bundle` in this process, compiled with its code cache when there is one
 * that fits. Returns how the cache was used: "used", "made" (none fitted: written at exit).
 */
export function runBundle(bundle) {
  const bytes = fs.readFileSync(bundle);
  const key = cacheKey(bytes);
  const cacheFile = cacheFileOf(bundle);
  const cachedData = readCache(cacheFile, key);
  // Wrapped as bytes, then made a string once: the bundle and its wrapped copy would be two strings of
  // its size (1.5 MB) on the heap of every command, and a copy.
  const wrapped = Buffer.concat([Buffer.from(WRAPPER[0]), bytes, Buffer.from(WRAPPER[1])]).toString("utf8");
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  // At exit, so that the cache holds what this run compiled, not only the top level.
  if (!used) process.once("exit", () => writeCache(cacheFile, key, script));
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return used ? "used" : "made";
}
