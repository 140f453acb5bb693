// Summary benchmark: Lead-3, TextRank and newsbot's summarizer side by side on a folder in
// BBC-News-Summary layout, scored by P@3 and ROUGE-1/2 F1 on the tuning and held-out splits.
//
//   npm run bench:summary -- [dir] [--picks FILE] [--split tune|holdout|all]
//
// Split rule (fixed, by file number; splitOf in bench/bbc-news.ts): NNN.txt with NNN % 4 === 1
// (001, 005, 009, ...) is the tuning split, the only one bench/train-summary.ts learns from; every
// other file (NNN % 4 === 3 in the odd-numbered dev set, and any even number) is held out.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { splitSentences } from "../src/core/nlp/sentences.js";
import { summarize } from "../src/core/nlp/summary.js";
import { containmentKey, defaultDataDir, loadBbcNews, missingFolders, splitOf, type BenchArticle } from "./bbc-news.js";
import { printTable } from "./data.js";
import { rougeN } from "./rouge.js";
import { textRank } from "./textrank.js";

type Split = "tune" | "holdout" | "all";

interface Totals {
  articles: number;
  precision: number;
  rouge1: number;
  rouge2: number;
}

const SYSTEMS: Record<string, (article: BenchArticle) => string[]> = {
  "Lead-3": (article) => splitSentences(article.body).slice(0, 3),
  TextRank: (article) => textRank(article.body, 3),
  newsbot: (article) => summarize(article, 3),
  // The scoring model alone, without the lede newsbot opens every summary with.
  "newsbot, no lede": (article) => summarize(article, 3, { lede: false }),
};

function parseArgs(argv: string[]): { dir: string; picks?: string; split: Split } {
  let dir: string | undefined;
  let picks: string | undefined;
  let split: Split = "all";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--picks") {
      picks = argv[++i];
      if (!picks) usage("--picks needs a file name");
    }
    else if (arg === "--split") {
      const value = argv[++i];
      if (value !== "tune" && value !== "holdout" && value !== "all") usage(`--split must be tune, holdout or all, not ${value}`);
      split = value;
    } else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else dir = arg;
  }
  return { dir: resolve(dir ?? defaultDataDir()), picks, split };
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:summary -- [dir] [--picks FILE] [--split tune|holdout|all]`);
  process.exit(2);
}

function main(): void {
  const { dir, picks, split } = parseArgs(process.argv.slice(2));
  const missing = missingFolders(dir);
  if (missing.length) {
    console.error(
      `bench:summary: no BBC News Summary data at ${dir} (missing ${missing.join(", ")}); pass the folder ` +
        `(npm run bench:summary -- <dir>) or set NEWSBOT_DATA to the folder that holds bbc-news-summary/.`,
    );
    process.exit(2);
  }
  const articles = loadBbcNews(dir).filter((article) => split === "all" || splitOf(article) === split);
  const splits: Split[] = split === "all" ? ["tune", "holdout", "all"] : [split];
  const totals = new Map<string, Totals>();
  const pickLines: string[] = [];
  const timings = new Map<string, number>();

  for (const [system, pick] of Object.entries(SYSTEMS)) {
    // Warm up (JIT, ICU data) so ms/article is the steady-state cost an ingest pipeline pays.
    articles.slice(0, 100).forEach(pick);
    const started = performance.now();
    const chosenByArticle = articles.map(pick);
    timings.set(system, (performance.now() - started) / Math.max(1, articles.length));
    articles.forEach((article, index) => {
      const chosen = chosenByArticle[index] ?? [];
      if (system === "newsbot") pickLines.push(JSON.stringify({ id: article.id, sentences: chosen }));
      const reference = containmentKey(article.reference);
      const contained = chosen.filter((sentence) => reference.includes(containmentKey(sentence))).length;
      const candidate = chosen.join(" ");
      const scores = {
        precision: chosen.length ? contained / chosen.length : 0,
        rouge1: rougeN(candidate, article.reference, 1).f1,
        rouge2: rougeN(candidate, article.reference, 2).f1,
      };
      for (const part of ["all", splitOf(article)] as const) {
        const key = `${part} ${system}`;
        const total = totals.get(key) ?? { articles: 0, precision: 0, rouge1: 0, rouge2: 0 };
        total.articles++;
        total.precision += scores.precision;
        total.rouge1 += scores.rouge1;
        total.rouge2 += scores.rouge2;
        totals.set(key, total);
      }
    });
  }

  const header = ["split", "system", "articles", "P@3", "ROUGE-1 F1", "ROUGE-2 F1", "ms/article"];
  const rows = splits.flatMap((part) =>
    Object.keys(SYSTEMS).map((system) => {
      const total = totals.get(`${part} ${system}`) ?? { articles: 0, precision: 0, rouge1: 0, rouge2: 0 };
      const average = (value: number) => (total.articles ? (value / total.articles).toFixed(3) : "-");
      return [part, system, String(total.articles), average(total.precision), average(total.rouge1), average(total.rouge2), (timings.get(system) ?? 0).toFixed(3)];
    }),
  );
  console.log(`BBC News Summary at ${dir} (tune: file number % 4 == 1; holdout: the rest)`);
  printTable(header, rows, 2);
  if (picks) {
    writeFileSync(picks, pickLines.join("\n") + "\n");
    console.log(`newsbot picks written to ${picks}`);
  }
}

main();
