// `npm run bench [-- <bbc-dir>] [--sizes 1000,10000,100000]`: the store under load. Fills a fresh
// on-disk database through the whole ingest pipeline (enrich + store) up to each size, then times
// /story against the raw FTS5 query for the same words, in the same run. Ends with bench/poll.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { ArticleInput } from "../src/core/article.js";
import { enrich } from "../src/core/enrich.js";
import { ingestArticles } from "../src/core/intake.js";
import { Newsroom } from "../src/core/newsroom.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { findCommand, runCommand } from "../commands/index.js";
import { LOCAL_OPERATOR } from "../commands/command.js";
import { printTable, readCorpus, requireDir } from "./data.js";
import { pollBench } from "./poll.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sizes: { type: "string", default: "1000,10000,100000" }, runs: { type: "string", default: "20" } },
});
const sizes = values.sizes.split(",").map(Number).sort((a, b) => a - b);
const runs = Number(values.runs);
const dir = requireDir(positionals[0], "bbc-news-summary", "The BBC News Summary folder");

/** Topics a reader of this corpus would ask about: people, places, organisations, themes. */
const QUERIES = [
  "blair", "iraq", "election", "google", "chelsea", "tax", "music", "film awards", "mobile phones",
  "economy growth", "oil prices", "world cup", "brown budget", "apple", "china", "microsoft", "eu",
  "france", "labour", "tories", "arsenal", "us dollar", "broadband", "olympics",
];
const DAY = 86_400_000;
const CHUNK = 5000;
/** Articles per ingest call within a chunk: the unit the cost of one more article is measured on. */
const BATCH = 500;
/** Batches added in turn to a small store and to the largest one, to compare the cost of one more
 * article at the two sizes under the same load on the machine. */
const PAIRED_BATCHES = 6;
/** A busy newsroom's intake: a few hundred feeds. The clustering window (7 days) then holds ~7,000. */
const ARTICLES_PER_DAY = 1000;

/**
 * Article number n, made from the corpus: in round r (n / corpus size), base article i keeps its
 * title and opening paragraph, and its paragraph k comes from article i + r * k. Each paragraph is
 * borrowed from a different article, so generated articles read like real news and share one
 * paragraph at most; about one in ten (short articles, where one paragraph is most of the text)
 * still come out as near-duplicates or duplicates, as wire copy does, so fewer are stored than
 * ingested. Dates advance with n, so a bigger store covers more days, not more articles per day.
 */
function generated(base: ArticleInput[], n: number, last: number, now: number): ArticleInput {
  const i = n % base.length;
  const round = Math.floor(n / base.length);
  const a = base[i]!;
  const paragraphs = (article: ArticleInput) => article.body.split(/\n\s*\n/);
  const own = paragraphs(a);
  const body = own.map((paragraph, k) => {
    if (round === 0 || k === 0) return paragraph;
    const donor = paragraphs(base[(i + round * k) % base.length]!);
    return donor[k % donor.length]!;
  });
  return {
    ...a,
    title: round === 0 ? a.title : `${a.title} (${round})`,
    body: body.join("\n\n"),
    // The store grows as a real one does, over time: a steady ARTICLES_PER_DAY, the last one now.
    publishedAt: new Date(now - ((last - n) * DAY) / ARTICLES_PER_DAY),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds of every run of every query on both paths, each sorted. The two alternate query by
 * query, so a burst of load on a shared machine slows both alike instead of one. */
async function timeQueries(story: (query: string) => unknown, raw: (query: string) => unknown): Promise<{ story: number[]; raw: number[] }> {
  const times = { story: [] as number[], raw: [] as number[] };
  for (let r = 0; r < runs; r++) {
    for (const q of QUERIES) {
      const start = performance.now();
      await story(q);
      const middle = performance.now();
      await raw(q);
      times.story.push(middle - start);
      times.raw.push(performance.now() - middle);
    }
  }
  times.story.sort((x, y) => x - y);
  times.raw.sort((x, y) => x - y);
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const base = await readCorpus(path.join(dir, "News Articles"), "BBC");
  // Load the NLP lexicons once before timing: throughput is the steady state, not the start-up.
  enrich(base[0]!, new Date());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-bench-"));
  const file = path.join(tmp, "bench.db");
  const store = new SqliteStore(file);
  // The baseline: a bare FTS5 query on its own connection to the same file, ranked by bm25.
  const rawDb = new Database(file, { readonly: true });
  const raw = rawDb.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20");
  const now = Date.now();
  const newsroom = new Newsroom(store, () => new Date(now));
  const story = findCommand("story")!;
  const rows: Array<Array<string | number>> = [];
  let generatedCount = 0;
  let stored = 0;
  const perArticle = new Map<number, number>();
  // The paired batches come after the largest size, dated up to now like the rest.
  const lastArticle = Math.max(...sizes) - 1 + PAIRED_BATCHES * BATCH;
  const [small, large] = [sizes.find((size) => size >= 10_000 && size < sizes.at(-1)!), sizes.at(-1)!];
  let paired: { small: number; large: number } | undefined;
  console.log(`Corpus: ${base.length} articles from ${dir}; ${runs} runs of ${QUERIES.length} queries per size.\n`);
  try {
    for (const size of sizes) {
      // Generated and ingested a chunk at a time, so peak memory is the pipeline's, not the test data's.
      const count = size - generatedCount;
      let seconds = 0;
      // The cost of one more article at this size: the median time per article of the last chunk's
      // batches, so that a burst of load on a shared machine during one batch does not decide it.
      let lastChunk: number[] = [];
      while (generatedCount < size) {
        const inputs: ArticleInput[] = [];
        for (let n = generatedCount; n < Math.min(size, generatedCount + CHUNK); n++) inputs.push(generated(base, n, lastArticle, now));
        generatedCount += inputs.length;
        lastChunk = [];
        for (let i = 0; i < inputs.length; i += BATCH) {
          const batch = inputs.slice(i, i + BATCH);
          const start = performance.now();
          await ingestArticles(batch, store);
          const ms = performance.now() - start;
          seconds += ms / 1000;
          lastChunk.push(ms / batch.length);
        }
      }
      perArticle.set(size, median(lastChunk));
      stored = await store.countArticles();
      // Warm both paths once so the first query's page-cache misses do not count.
      for (const q of QUERIES) {
        await runCommand(story, { topic: q }, newsroom, LOCAL_OPERATOR);
        raw.all(rawMatch(q));
      }
      const { story: storyTimes, raw: rawTimes } = await timeQueries(
        (q) => runCommand(story, { topic: q }, newsroom, LOCAL_OPERATOR),
        (q) => raw.all(rawMatch(q)),
      );
      const mb = process.resourceUsage().maxRSS / 1024;
      rows.push([
        stored.toLocaleString("en"),
        `${count} in ${seconds.toFixed(1)} s`,
        Math.round(count / seconds),
        perArticle.get(size)!.toFixed(2),
        percentile(storyTimes, 50).toFixed(2),
        percentile(storyTimes, 99).toFixed(2),
        percentile(rawTimes, 50).toFixed(2),
        percentile(rawTimes, 99).toFixed(2),
        (percentile(storyTimes, 99) / percentile(rawTimes, 99)).toFixed(2),
        mb.toFixed(0),
      ]);
      process.stderr.write(`  ${size} stored\n`);
    }
    if (small !== undefined) paired = await pairedCost(base, small, large, lastArticle, now, path.join(tmp, "small.db"), store);
  } finally {
    rawDb.close();
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log();
  printTable(
    ["stored", "ingested", "articles/s", "ms/article at size", "/story p50 ms", "/story p99 ms", "raw FTS5 p50 ms", "raw FTS5 p99 ms", "p99 ratio", "peak RSS MB"],
    rows,
  );
  if (small !== undefined && paired) {
    console.log(
      `\nCost of adding one article, measured in turn on a store filled to ${small.toLocaleString("en")} and on this one (${PAIRED_BATCHES} batches of ${BATCH} each, medians): ` +
        `${paired.large.toFixed(2)} ms at ${large.toLocaleString("en")} vs ${paired.small.toFixed(2)} ms at ${small.toLocaleString("en")}: ${(paired.large / paired.small).toFixed(2)}x (target: at most 1.5x).`,
    );
  }
  console.log(
    "Targets: /story p99 within 2x the raw FTS5 query and under 50 ms at 100k; ingest at least 300 articles/s (whole pipeline).",
  );
  console.log();
  await pollBench();
}

/** The cost of one more article (median ms per article of a batch) at `small` stored articles and at
 * `large`: a second store is filled to `small`, then batches go to it and to the large store in turn,
 * so that load on a shared machine weighs on both sizes alike. */
async function pairedCost(
  base: ArticleInput[],
  small: number,
  large: number,
  last: number,
  now: number,
  file: string,
  largeStore: SqliteStore,
): Promise<{ small: number; large: number }> {
  const smallStore = new SqliteStore(file);
  const batch = (from: number, count: number): ArticleInput[] => Array.from({ length: count }, (_, i) => generated(base, from + i, last, now));
  const timed = async (inputs: ArticleInput[], store: SqliteStore): Promise<number> => {
    const start = performance.now();
    await ingestArticles(inputs, store);
    return (performance.now() - start) / inputs.length;
  };
  try {
    for (let n = 0; n < small; n += CHUNK) await ingestArticles(batch(n, Math.min(CHUNK, small - n)), smallStore);
    const costs = { small: [] as number[], large: [] as number[] };
    for (let r = 0; r < PAIRED_BATCHES; r++) {
      const toSmall = batch(small + r * BATCH, BATCH);
      const toLarge = batch(large + r * BATCH, BATCH);
      // Each size goes first every other round.
      if (r % 2 === 0) costs.small.push(await timed(toSmall, smallStore));
      costs.large.push(await timed(toLarge, largeStore));
      if (r % 2 === 1) costs.small.push(await timed(toSmall, smallStore));
    }
    return { small: median(costs.small), large: median(costs.large) };
  } finally {
    await smallStore.close();
  }
}

/** The raw FTS5 query for the same words: each word quoted, all required, ranked by bm25. */
function rawMatch(q: string): string {
  return q
    .split(/\s+/)
    .map((w) => `"${w}"`)
    .join(" ");
}

await main();
