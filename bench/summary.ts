// Summary benchmark: newsbot's summarizer beside Lead-3, TextRank and, when the folder has a
// systems.jsonl, the published systems' summaries of the same articles, all scored by the same code:
// ROUGE-1/2/L F1 against the reference and words per summary, on the tuning and held-out splits.
//
//   npm run bench:summary -- [dir] [--picks FILE] [--split tune|holdout|all]
//
// dir is any folder in BBC-News-Summary layout; default ../shared/data/cnndm-frank (CNN / Daily
// Mail articles with their human-written highlights). Split rule (fixed, by file number; splitOf
// in bench/bbc-news.ts): files in pairs, 001-002 tune, 003-004 held out, and so on. Only the tuning
// split is learned from (bench/train-summary.ts).
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { splitSentences } from "../src/core/nlp/sentences.js";
import { countWords, summarize } from "../src/core/nlp/summary.js";
import { containmentKey, loadBbcNews, loadPublishedSystems, missingFolders, splitOf, type BenchArticle } from "./bbc-news.js";
import { dataDir, printTable } from "./data.js";
import { greedyOracle } from "./oracle.js";
import { rougeL, rougeN } from "./rouge.js";
import { storySummaryBench } from "./story-summaries.js";
import { textRank } from "./textrank.js";

type Split = "tune" | "holdout" | "all";

const METRICS = ["precision", "rouge1", "rouge2", "rougeL", "words"] as const;
type Scores = Record<(typeof METRICS)[number], number>;

/** Extractive systems this code runs; their time per article is measured. */
const EXTRACTIVE: Record<string, (article: BenchArticle) => string[]> = {
  "Lead-3": (article) => splitSentences(article.body).slice(0, 3),
  TextRank: (article) => textRank(article.body, 3),
  newsbot: (article) => summarize(article),
};

/** Passes over the articles when timing; the fastest is reported, as other work on the machine only slows a pass. */
const TIMING_PASSES = 3;

function parseArgs(argv: string[]): { dir: string; picks?: string; split: Split; stories: boolean } {
  let dir: string | undefined;
  let picks: string | undefined;
  let split: Split = "all";
  let stories = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--picks") {
      picks = argv[++i];
      if (!picks) usage("--picks needs a file name");
    } else if (arg === "--split") {
      const value = argv[++i];
      if (value !== "tune" && value !== "holdout" && value !== "all") usage(`--split must be tune, holdout or all, not ${value}`);
      split = value;
    } else if (arg === "--no-stories") {
      stories = false;
    } else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else dir = arg;
  }
  return { dir: resolve(dir ?? join(dataDir(), "cnndm-frank")), picks, split, stories };
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:summary -- [dir] [--picks FILE] [--split tune|holdout|all] [--no-stories]`);
  process.exit(2);
}

/** Milliseconds per article of the fastest pass, after a warm-up pass (JIT, ICU data). */
function timePerArticle(articles: BenchArticle[], pick: (article: BenchArticle) => string[]): number {
  articles.forEach(pick);
  let fastest = Infinity;
  for (let pass = 0; pass < TIMING_PASSES; pass++) {
    const started = performance.now();
    articles.forEach(pick);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest / Math.max(1, articles.length);
}

function score(sentences: string[], summary: string, reference: string): Scores {
  const key = containmentKey(reference);
  return {
    precision: sentences.length ? sentences.filter((sentence) => key.includes(containmentKey(sentence))).length / sentences.length : 0,
    rouge1: rougeN(summary, reference, 1).f1,
    rouge2: rougeN(summary, reference, 2).f1,
    rougeL: rougeL(summary, reference).f1,
    words: countWords(summary),
  };
}

async function main(): Promise<void> {
  const { dir, picks, split, stories } = parseArgs(process.argv.slice(2));
  const missing = missingFolders(dir);
  if (missing.length) {
    console.error(
      `bench:summary: no BBC-News-Summary-layout data at ${dir} (missing ${missing.join(", ")}); pass the folder ` +
        `(npm run bench:summary -- <dir>) or set NEWSBOT_DATA to the folder that holds cnndm-frank/.`,
    );
    process.exit(2);
  }
  const articles = loadBbcNews(dir).filter((article) => split === "all" || splitOf(article) === split);
  const published = loadPublishedSystems(dir);
  // Systems by name: the sentences each picked (empty for abstractive ones) and the summary text.
  const outputs = new Map<string, Array<{ sentences: string[]; summary: string }>>();
  const timings = new Map<string, number>();
  for (const [system, pick] of Object.entries(EXTRACTIVE)) {
    const chosen = articles.map(pick);
    outputs.set(system, chosen.map((sentences) => ({ sentences, summary: sentences.join(" ") })));
    timings.set(system, timePerArticle(articles, pick));
  }
  // The ceiling of any 3-sentence extract: it reads the reference to choose.
  outputs.set(
    "oracle (reads the reference)",
    articles.map((article) => {
      const sentences = splitSentences(article.body);
      const chosen = greedyOracle(sentences, article.reference).map((index) => sentences[index] ?? "");
      return { sentences: chosen, summary: chosen.join(" ") };
    }),
  );
  for (const [system, byArticle] of published) {
    outputs.set(system, articles.map((article) => ({ sentences: [], summary: byArticle.get(article.id) ?? "" })));
  }

  // P@3 (share of the picked sentences the reference keeps verbatim) only means something when the
  // references are extracts, as BBC News Summary's are; CNN / Daily Mail highlights are rewritten.
  const extractive = articles.filter((article) => splitSentences(article.body).some((sentence) => containmentKey(article.reference).includes(containmentKey(sentence)))).length > articles.length / 2;
  const splits: Split[] = split === "all" ? ["tune", "holdout", "all"] : [split];
  const header = ["split", "system", "articles", ...(extractive ? ["P@3"] : []), "ROUGE-1", "ROUGE-2", "ROUGE-L", "words", "ms/article"];
  const rows = splits.flatMap((part) => {
    const members = articles.flatMap((article, index) => (part === "all" || splitOf(article) === part ? [index] : []));
    return [...outputs].map(([system, results]) => {
      const totals: Scores = { precision: 0, rouge1: 0, rouge2: 0, rougeL: 0, words: 0 };
      for (const index of members) {
        const result = results[index];
        const article = articles[index];
        if (!result || !article) continue;
        const scores = score(result.sentences, result.summary, article.reference);
        for (const metric of METRICS) totals[metric] += scores[metric];
      }
      const average = (metric: keyof Scores, digits: number, scale = 1) => (members.length ? ((totals[metric] / members.length) * scale).toFixed(digits) : "-");
      const time = timings.get(system);
      return [
        part,
        system,
        String(members.length),
        ...(extractive ? [EXTRACTIVE[system] ? average("precision", 3) : "-"] : []),
        average("rouge1", 1, 100),
        average("rouge2", 1, 100),
        average("rougeL", 1, 100),
        average("words", 1),
        time === undefined ? "-" : time.toFixed(3),
      ];
    });
  });
  console.log(`${dir}: ROUGE F1 x 100 against the references; words per summary (references: ${averageWords(articles)}). Tune: files 001-002, 005-006, ...; holdout: 003-004, 007-008, ...`);
  printTable(header, rows, 2);
  if (picks) {
    const lines = articles.map((article, index) => JSON.stringify({ id: article.id, sentences: outputs.get("newsbot")?.[index]?.sentences ?? [] }));
    writeFileSync(picks, lines.join("\n") + "\n");
    console.log(`newsbot picks written to ${picks}`);
  }
  if (stories) await printStoryRules();
}

/** The story summaries' rules over a mixed corpus (BBC News + WikiRef): how many summaries break each. */
async function printStoryRules(): Promise<void> {
  const [bbc, wikiref] = [join(dataDir(), "bbc-news-summary"), join(dataDir(), "wikiref220")];
  if (!existsSync(bbc) || !existsSync(wikiref)) {
    console.log(`\nStory summaries: skipped, no ${existsSync(bbc) ? wikiref : bbc} (set NEWSBOT_DATA to the folder that holds both).`);
    return;
  }
  console.log("\nStory summaries over every multi-article story of the BBC News and WikiRef articles stored together (about a minute; --no-stories skips it):");
  await storySummaryBench(bbc, wikiref);
}

function averageWords(articles: BenchArticle[]): string {
  return (articles.reduce((sum, article) => sum + countWords(article.reference), 0) / Math.max(1, articles.length)).toFixed(1);
}

await main();
