// Learns the summary scorer's weights and word budget (src/core/nlp/summary-model.ts) from the
// tuning split of a folder with human-written references, by default cnndm-frank (CNN / Daily Mail
// highlights), and prints them to paste in. Only the tuning split (files 001-002, 005-006, ...; see
// splitOf in bench/bbc-news.ts) is read; bench:summary reports the held-out split.
//
//   npx tsx bench/train-summary.ts [dir]
//
// Labels: the highlights are rewritten, not extracted, so each article's target sentences are its
// greedy oracle (bench/oracle.ts): the up to 3 sentences that together best reproduce the highlights.
// Fit: pairwise logistic regression (a linear RankNet): for every pair of one article's sentences
// where one is in the oracle and the other is not, P(oracle sentence ranks higher) =
// sigmoid(w . (x_a - x_b)). Only the order within an article matters to summarize(), so this fits
// it better than a per-sentence classifier. Selection: forward, from position alone, adding the feature
// that raises tuning ROUGE-1 of the whole summarizer (3 sentences, word budget) most, while it gains
// at least MIN_GAIN; then the words-per-sentence budget that scores best on the tuning split.
import { join, resolve } from "node:path";
import { splitSentences } from "../src/core/nlp/sentences.js";
import { FEATURE_NAMES, selectSentences, sentenceFeatures, type FeatureName } from "../src/core/nlp/summary.js";
import { loadBbcNews, missingFolders, splitOf } from "./bbc-news.js";
import { dataDir } from "./data.js";
import { greedyOracle } from "./oracle.js";
import { rougeN } from "./rouge.js";

const L2 = 1e-3;
const NEWTON_STEPS = 25;
/** Half a ROUGE-1 point on the tuning split (about 68 articles): less is noise. */
const MIN_GAIN = 0.005;
/** The budget the features are selected with: 75 words for 3 sentences, the "about 75 words". */
const START_WORDS_PER_SENTENCE = 25;
/** Where selection starts: the news order, which Lead-3 shows is hard to beat; single features alone
 * lose to it, so forward selection from nothing would stop at once. */
const CORE: FeatureName[] = ["position"];
/** Budgets tried, in words a sentence. Longer ones score a little higher on the tuning split (recall
 * grows), but a card is "about 75 words" at most: 25 a sentence is the cap. */
const BUDGETS = [15, 17, 19, 21, 23, 25];

interface TuningArticle {
  sentences: string[];
  rows: number[][];
  reference: string;
}
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Solves a x = b by Gaussian elimination with partial pivoting (a is small and regularised). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = row;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const top = m[col] ?? [];
    for (let row = col + 1; row < n; row++) {
      const current = m[row] ?? [];
      const factor = (current[col] ?? 0) / (top[col] ?? 1);
      for (let k = col; k <= n; k++) current[k] = (current[k] ?? 0) - factor * (top[k] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const current = m[row] ?? [];
    let sum = current[n] ?? 0;
    for (let k = row + 1; k < n; k++) sum -= (current[k] ?? 0) * (x[k] ?? 0);
    x[row] = sum / (current[row] ?? 1);
  }
  return x;
}

/** Newton's method on the mean pairwise log-loss plus L2, over the chosen feature columns. */
function fitPairwise(pairs: Float64Array, width: number, columns: number[]): number[] {
  const count = pairs.length / width;
  const n = columns.length;
  let weights = new Array<number>(n).fill(0);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const gradient = weights.map((weight) => L2 * weight * count);
    const hessian = columns.map((_, i) => columns.map((__, j) => (i === j ? L2 * count : 0)));
    for (let pair = 0; pair < count; pair++) {
      const base = pair * width;
      let margin = 0;
      for (let i = 0; i < n; i++) margin += (weights[i] ?? 0) * (pairs[base + (columns[i] ?? 0)] ?? 0);
      const p = sigmoid(margin);
      for (let i = 0; i < n; i++) {
        const xi = pairs[base + (columns[i] ?? 0)] ?? 0;
        gradient[i] = (gradient[i] ?? 0) + (p - 1) * xi;
        const row = hessian[i] ?? [];
        for (let j = 0; j < n; j++) row[j] = (row[j] ?? 0) + p * (1 - p) * xi * (pairs[base + (columns[j] ?? 0)] ?? 0);
      }
    }
    const move = solve(hessian, gradient);
    weights = weights.map((weight, i) => weight - (move[i] ?? 0));
  }
  return weights;
}

/** Mean ROUGE-1 F1 of the summaries these weights and this budget make. */
function tuningRouge(articles: TuningArticle[], weights: number[], wordsPerSentence: number): number {
  let total = 0;
  for (const { sentences, rows, reference } of articles) {
    const scores = rows.map((row) => row.reduce((sum, value, column) => sum + value * (weights[column] ?? 0), 0));
    const chosen = selectSentences(sentences, scores, 3, wordsPerSentence * 3);
    total += rougeN(chosen.map((index) => sentences[index]).join(" "), reference, 1).f1;
  }
  return total / Math.max(1, articles.length);
}

function main(): void {
  const dir = resolve(process.argv[2] ?? join(dataDir(), "cnndm-frank"));
  if (missingFolders(dir).length) {
    console.error(`train-summary: no BBC-News-Summary-layout data at ${dir}; pass its folder as the first argument.`);
    process.exit(2);
  }
  const width = FEATURE_NAMES.length;
  const differences: number[] = [];
  const articles: TuningArticle[] = [];
  for (const article of loadBbcNews(dir).filter((entry) => splitOf(entry) === "tune")) {
    const sentences = splitSentences(article.body);
    const rows = sentenceFeatures(sentences, article.title);
    const oracle = new Set(greedyOracle(sentences, article.reference));
    articles.push({ sentences, rows, reference: article.reference });
    rows.forEach((better, i) => {
      if (!oracle.has(i)) return;
      rows.forEach((worse, j) => {
        if (!oracle.has(j)) for (let c = 0; c < width; c++) differences.push((better[c] ?? 0) - (worse[c] ?? 0));
      });
    });
  }
  const pairs = Float64Array.from(differences);
  console.log(`${articles.length} tuning articles, ${pairs.length / width} sentence pairs (oracle over not)`);

  const fullWeights = (columns: number[]) => {
    const fitted = fitPairwise(pairs, width, columns);
    const weights = new Array<number>(width).fill(0);
    columns.forEach((column, i) => (weights[column] = fitted[i] ?? 0));
    return weights;
  };
  let chosen = CORE.map((name) => FEATURE_NAMES.indexOf(name));
  let weights = fullWeights(chosen);
  let best = tuningRouge(articles, weights, START_WORDS_PER_SENTENCE);
  console.log(`  ${CORE.join(" + ")}: tune ROUGE-1 ${(100 * best).toFixed(2)}`);
  for (;;) {
    let step: { columns: number[]; weights: number[]; score: number } | undefined;
    for (let column = 0; column < width; column++) {
      if (chosen.includes(column)) continue;
      const columns = [...chosen, column];
      const candidate = fullWeights(columns);
      const score = tuningRouge(articles, candidate, START_WORDS_PER_SENTENCE);
      console.log(`  + ${FEATURE_NAMES[column]}: tune ROUGE-1 ${(100 * score).toFixed(2)}`);
      if (!step || score > step.score) step = { columns, weights: candidate, score };
    }
    if (!step || step.score < best + MIN_GAIN) break;
    ({ columns: chosen, weights, score: best } = step);
    console.log(`kept ${chosen.map((c) => FEATURE_NAMES[c]).join(" + ")}: tune ROUGE-1 ${(100 * best).toFixed(2)}`);
  }

  let budget = START_WORDS_PER_SENTENCE;
  for (const words of BUDGETS) {
    const score = tuningRouge(articles, weights, words);
    console.log(`  ${words} words a sentence (${words * 3} for 3): tune ROUGE-1 ${(100 * score).toFixed(2)}`);
    if (score > best) ({ budget, best } = { budget: words, best: score });
  }

  console.log(`\nselected model, tune ROUGE-1 ${(100 * best).toFixed(2)}:`);
  console.log("export const FEATURE_WEIGHTS: Record<FeatureName, number> = {");
  FEATURE_NAMES.forEach((name, column) => console.log(`  ${name}: ${(weights[column] ?? 0).toFixed(2)},`));
  console.log("};");
  console.log(`export const WORDS_PER_SENTENCE = ${budget};`);
}

main();
