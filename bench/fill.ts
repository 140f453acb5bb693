// `npm run bench:fill -- --size 100000 [<bbc-dir>]`: fills the database newsbot is configured for
// (DATABASE_URL, else the SQLite file at NEWSBOT_DB) with the benchmark's generated articles, through
// the whole ingest pipeline, dated up to now. For trying commands on a store the size of
// `npm run bench`'s: `NEWSBOT_DB=/tmp/big.db npm run bench:fill -- --size 100000`, then
// `NEWSBOT_DB=/tmp/big.db npm run newsbot -- story syria`.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ingestArticles } from "../src/core/ingest.js";
import { Newsroom } from "../src/core/newsroom.js";
import { openStorage } from "../src/store/open.js";
import { readCorpus, requireDir } from "./data.js";
import { generated } from "./generated.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: "string", default: "100000" } } });
const size = Number(values.size);
const dir = requireDir(positionals[0], "bbc-news-summary", "The BBC News Summary folder");
const BATCH = 500;

// Never the default database: generated articles are no one's news.
if (!process.env.DATABASE_URL && !process.env.NEWSBOT_DB) {
  process.stderr.write("Name the database to fill: NEWSBOT_DB=/tmp/big.db (SQLite) or DATABASE_URL=postgres://...\n");
  process.exit(2);
}
const base = await readCorpus(path.join(dir, "News Articles"), "BBC");
const storage = await openStorage({ DATABASE_URL: process.env.DATABASE_URL, NEWSBOT_DB: process.env.NEWSBOT_DB ?? "" });
const newsroom = new Newsroom(storage);
const now = Date.now();
const start = performance.now();
try {
  for (let n = 0; n < size; n += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, size - n) }, (_, i) => generated(base, n + i, size - 1, now));
    await ingestArticles(batch, newsroom.ingest);
    process.stderr.write(`\r  ${(n + batch.length).toLocaleString("en")} of ${size.toLocaleString("en")} ingested`);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`\n${(await storage.articles.count()).toLocaleString("en")} articles stored from ${size.toLocaleString("en")} in ${seconds.toFixed(0)} s (${Math.round(size / seconds)} articles/s).`);
} finally {
  await storage.close();
}
