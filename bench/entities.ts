// Measures findEntities on the BBC news corpus: articles per second and milliseconds per article.
// Usage: npx tsx bench/entities.ts [dir]   (default: $NEWSBOT_DATA/bbc-news-summary, or ../shared/data/bbc-news-summary)
import { join } from "node:path";
import { findEntities } from "../src/core/nlp/entities.js";
import { readCorpus, requireDir } from "./data.js";

const dataDir = requireDir(process.argv[2], "bbc-news-summary", "The BBC News Summary folder");
const articlesDir = join(dataDir, "News Articles");
const articles = await readCorpus(articlesDir);

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
