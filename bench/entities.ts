// Measures findEntities on the BBC news corpus: articles per second and milliseconds per article.
// Usage: npx tsx bench/entities.ts [dir]   (default: $NEWSBOT_DATA or ../shared/data/bbc-news-summary)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findEntities } from "../src/core/nlp/entities.js";

const repoRoot = resolve(fileURLToPath(import.meta.url), "../..");
const dataDir = resolve(process.argv[2] ?? process.env.NEWSBOT_DATA ?? join(repoRoot, "../shared/data/bbc-news-summary"));
const articlesDir = existsSync(join(dataDir, "News Articles")) ? join(dataDir, "News Articles") : dataDir;

if (!existsSync(articlesDir) || !statSync(articlesDir).isDirectory()) {
  console.error(`No BBC corpus at ${articlesDir}: pass its folder as an argument or set NEWSBOT_DATA.`);
  process.exit(1);
}

// Some files are not UTF-8; a lenient decode is fine for timing.
const decoder = new TextDecoder("utf-8", { fatal: false });
const articles: { title: string; body: string }[] = [];
for (const category of readdirSync(articlesDir).sort()) {
  const dir = join(articlesDir, category);
  if (!statSync(dir).isDirectory()) continue;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".txt")) continue;
    const [title = "", ...rest] = decoder.decode(readFileSync(join(dir, file))).split("\n");
    articles.push({ title: title.trim(), body: rest.join("\n").trim() });
  }
}
if (articles.length === 0) {
  console.error(`No .txt articles under ${articlesDir}.`);
  process.exit(1);
}

// The first call builds the gazetteer and lexicon tables; time it apart from the steady state.
let t = performance.now();
findEntities(articles[0] ?? { title: "", body: "" });
const setupMs = performance.now() - t;

const rounds = 3;
let entities = 0;
t = performance.now();
const cpu = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const a of articles) entities += findEntities(a).length;
const runs = rounds * articles.length;
const ms = (performance.now() - t) / runs;
const used = process.cpuUsage(cpu);
// CPU time is steadier than wall time on a shared machine (it includes GC threads, so it can exceed it).
const cpuMs = (used.user + used.system) / 1000 / runs;

console.log(`articles: ${articles.length} x ${rounds} rounds from ${articlesDir}`);
console.log(`first call (builds tables): ${setupMs.toFixed(1)} ms`);
console.log(`entities/article: ${(entities / (rounds * articles.length)).toFixed(1)}`);
console.log(`cpu time: ${cpuMs.toFixed(3)} ms/article`);
console.log(`${(1000 / ms).toFixed(0)} articles/s, ${ms.toFixed(3)} ms/article`);
