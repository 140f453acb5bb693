// `npm run bench [-- <bbc-dir>] [--sizes 1000,10000,100000] [--engine sqlite|postgres]`: the store
// under load. Fills a fresh on-disk database through the whole ingest pipeline (enrich + store) up to
// each size, then times /story against the engine's raw text query (FTS5 or tsvector) for the same
// words, in the same run; then, in processes of their own, a read-only command's start-up (the
// compiled build, as `npm run newsbot` runs it, against the same command through tsx) and the memory
// of a bot serving /story and /digest, against a process that loads the story index first (what
// every command did before). Compiles (`npm run build`) first. Ends with
// bench/poll.ts.
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { ArticleInput } from "../src/core/article.js";
import { enrich } from "../src/core/enrich.js";
import { ingestArticles } from "../src/core/ingest.js";
import { Newsroom } from "../src/core/newsroom.js";
import type { Ingest } from "../src/core/storage/ingest.js";
import { findCommand, runCommand } from "../commands/index.js";
import { LOCAL_OPERATOR } from "../commands/command.js";
import { printTable, readCorpus, requireDir } from "./data.js";
import { openBenchEngine, type BenchEngine } from "./engines.js";
import { generated } from "./generated.js";
import { pollBench } from "./poll.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sizes: { type: "string", default: "1000,10000,100000" }, runs: { type: "string", default: "20" }, engine: { type: "string", default: "sqlite" } },
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
const CHUNK = 5000;
/** Articles per ingest call within a chunk: the unit the cost of one more article is measured on. */
const BATCH = 500;
/** Batches added in turn to a small store and to the largest one, to compare the cost of one more
 * article at the two sizes under the same load on the machine. */
const PAIRED_BATCHES = 6;
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
  // Compiled once from the sources as they are now: what `npm start` and `npm run newsbot` run (the
  // processes refuse to be timed if the sources change afterwards).
  execFileSync(process.execPath, ["scripts/build.js"], { cwd: PROJECT, stdio: "inherit" });
  const base = await readCorpus(path.join(dir, "News Articles"), "BBC");
  // Load the NLP lexicons once before timing: throughput is the steady state, not the start-up.
  enrich(base[0]!, new Date());
  // --engine sqlite (a file) or postgres (a server started for the run); the baseline is the
  // engine's bare text query for the same words (./engines.ts).
  const engine = await openBenchEngine(values.engine);
  const database = await engine.database();
  const store = database.storage;
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
  console.log(`Engine: ${engine.name}${engine.settings ? ` (${engine.settings})` : ""}. Corpus: ${base.length} articles from ${dir}; ${runs} runs of ${QUERIES.length} queries per size.\n`);
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
          await ingestArticles(batch, newsroom.ingest);
          const ms = performance.now() - start;
          seconds += ms / 1000;
          lastChunk.push(ms / batch.length);
        }
      }
      perArticle.set(size, median(lastChunk));
      stored = await store.articles.count();
      // Warm both paths once so the first query's page-cache misses do not count.
      for (const q of QUERIES) {
        await runCommand(story, { topic: q }, newsroom, LOCAL_OPERATOR);
        await database.raw(q.split(/\s+/));
      }
      const { story: storyTimes, raw: rawTimes } = await timeQueries(
        (q) => runCommand(story, { topic: q }, newsroom, LOCAL_OPERATOR),
        (q) => database.raw(q.split(/\s+/)),
      );
      const mb = process.resourceUsage().maxRSS / 1024;
      const processes = await timeProcesses(database.env);
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
        processes.storyCli.toFixed(0),
        processes.storyCliTsx.toFixed(0),
        processes.story.toFixed(0),
        processes.storyLoading.toFixed(0),
        processes.botMb.toFixed(0),
        processes.botLoadingMb.toFixed(0),
      ]);
      process.stderr.write(`  ${size} stored\n`);
    }
    if (small !== undefined) paired = await pairedCost(base, small, large, lastArticle, now, engine, newsroom.ingest);
  } finally {
    await database.close();
    await engine.close();
  }
  console.log();
  printTable(
    [
      "stored", "ingested", "articles/s", "ms/article at size", "/story p50 ms", "/story p99 ms", `raw ${engine.rawName} p50 ms`, `raw ${engine.rawName} p99 ms`,
      "p99 ratio", "peak RSS MB", "story CLI ms", "story CLI ms, tsx", "story ms", "story ms, index loaded", "bot RSS MB", "bot RSS MB, index loaded",
    ],
    rows,
  );
  if (small !== undefined && paired) {
    console.log(
      `\nCost of adding one article, measured in turn on a store filled to ${small.toLocaleString("en")} and on this one (${PAIRED_BATCHES} batches of ${BATCH} each, medians): ` +
        `${paired.large.toFixed(2)} ms at ${large.toLocaleString("en")} vs ${paired.small.toFixed(2)} ms at ${small.toLocaleString("en")}: ${(paired.large / paired.small).toFixed(2)}x (target: at most 1.5x).`,
    );
  }
  console.log(
    `Targets: /story p99 within 2x the raw ${engine.rawName} query and under 50 ms at 100k; ingest at least 300 articles/s (whole pipeline).`,
  );
  console.log(
    `In processes of their own (medians of ${PROCESS_RUNS}): story CLI, the wall time of \`${STORY_CLI.join(" ")}\` (the compiled build, ` +
      `what \`npm run newsbot\` runs), and through tsx as before (\`${STORY_CLI_TSX.join(" ")}\`, the baseline); story ms, the same answer ` +
      "from bench/serve.js (opens the newsroom as `npm start` does); bot RSS, the peak memory of bench/serve.js answering /story for every " +
      "query and /digest. \"index loaded\": the same after loading the story index first, as every command did before only ingest " +
      "loaded it (the baseline). Targets at 100k: a read-only command under 300 ms, the bot under 300 MB.",
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
  engine: BenchEngine,
  largeIngest: Ingest,
): Promise<{ small: number; large: number }> {
  const smallDatabase = await engine.database();
  const smallStore = smallDatabase.storage;
  const smallIngest = new Newsroom(smallStore).ingest;
  const batch = (from: number, count: number): ArticleInput[] => Array.from({ length: count }, (_, i) => generated(base, from + i, last, now));
  const timed = async (inputs: ArticleInput[], ingest: Ingest): Promise<number> => {
    const start = performance.now();
    await ingestArticles(inputs, ingest);
    return (performance.now() - start) / inputs.length;
  };
  try {
    for (let n = 0; n < small; n += CHUNK) await ingestArticles(batch(n, Math.min(CHUNK, small - n)), smallIngest);
    const costs = { small: [] as number[], large: [] as number[] };
    for (let r = 0; r < PAIRED_BATCHES; r++) {
      const toSmall = batch(small + r * BATCH, BATCH);
      const toLarge = batch(large + r * BATCH, BATCH);
      // Each size goes first every other round.
      if (r % 2 === 0) costs.small.push(await timed(toSmall, smallIngest));
      costs.large.push(await timed(toLarge, largeIngest));
      if (r % 2 === 1) costs.small.push(await timed(toSmall, smallIngest));
    }
    return { small: median(costs.small), large: median(costs.large) };
  } finally {
    await smallDatabase.close();
  }
}

const PROJECT = path.resolve(import.meta.dirname, "..");
/** A read-only command, as a user runs it (the node entry `npm run newsbot` executes), and as it ran
 * before the build (the TypeScript through tsx). */
const STORY_CLI = ["node", "scripts/run.js", "src/cli.ts", "story", "syria", "--json"];
const STORY_CLI_TSX = ["node", "--import", "tsx", "src/cli.ts", "story", "syria", "--json"];
const PROCESS_RUNS = 3;

function run(command: string[], database: Record<string, string>): Promise<string> {
  // The benchmark's database, whatever DATABASE_URL this shell has.
  const { DATABASE_URL: _yours, ...inherited } = process.env;
  const env = { ...inherited, ...database, NEWSBOT_LOG_LEVEL: "warn" };
  return new Promise((resolve, reject) =>
    execFile(command[0]!, command.slice(1), { cwd: PROJECT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(error);
      // scripts/run.js falls back to tsx when a source changed after the build: not the figure wanted.
      else if (stderr.includes("changed since the last build")) reject(new Error("src/ changed during the benchmark, so the CLI ran through tsx: run it again"));
      else resolve(stdout);
    }),
  );
}

/** Read-only work in processes of their own on the store's database (medians of PROCESS_RUNS): the CLI's
 * `story syria`, compiled and through tsx, and the same answer from bench/serve.js, without and with
 * loading the story index first (wall times, start-up included), and the peak memory of a bot
 * answering /story for every query and /digest, without and with loading the index. */
async function timeProcesses(database: Record<string, string>): Promise<{ storyCli: number; storyCliTsx: number; story: number; storyLoading: number; botMb: number; botLoadingMb: number }> {
  /** Each pair's two commands run in turn, so that load on a shared machine weighs on both alike. */
  const pair = async (...commands: [string[], string[]]): Promise<Array<{ ms: number; rssMb: number }>> => {
    const runs = commands.map(() => [] as Array<{ ms: number; rssMb: number }>);
    for (let i = 0; i < PROCESS_RUNS; i++) {
      for (const [c, command] of commands.entries()) {
        const start = performance.now();
        const out = await run(command, database);
        const ms = performance.now() - start;
        runs[c]!.push({ ms, rssMb: command.includes("bench/serve.js") ? (JSON.parse(out) as { rssMb: number }).rssMb : 0 });
      }
    }
    return runs.map((r) => ({ ms: median(r.map((x) => x.ms)), rssMb: median(r.map((x) => x.rssMb)) }));
  };
  const serve = ["node", "bench/serve.js"];
  const [cli, cliTsx] = await pair(STORY_CLI, STORY_CLI_TSX);
  const [story, storyLoading] = await pair([...serve, "syria"], [...serve, "--load-index", "syria"]);
  const [bot, botLoading] = await pair([...serve, ...QUERIES], [...serve, "--load-index", ...QUERIES]);
  return { storyCli: cli!.ms, storyCliTsx: cliTsx!.ms, story: story!.ms, storyLoading: storyLoading!.ms, botMb: bot!.rssMb, botLoadingMb: botLoading!.rssMb };
}

await main();
