// Learns the summary scorer's weights (src/core/nlp/summary-model.ts) from the tuning split only
// (file number % 4 === 1, see splitOf in bench/bbc-news.ts) and prints them to paste in.
//
//   npx tsx bench/train-summary.ts [dir]
//
// Fit: pairwise logistic regression (a linear RankNet). For every pair of sentences of one article
// where the reference prefers one (kept over dropped, or listed earlier among the kept: the
// references list their sentences best first), P(preferred ranks higher) = sigmoid(w . (x_a - x_b)).
// Only the order within an article matters to summarize(), so this fits it better than a
// per-sentence classifier. Selection: start from centrality + length and add a feature only
// while it raises P@3 on the tuning split by at least MIN_GAIN; the others keep weight 0.
import { resolve } from "node:path";
import { splitSentences } from "../src/core/nlp/sentences.js";
import { FEATURE_NAMES, sentenceFeatures, type FeatureName } from "../src/core/nlp/summary.js";
import { containmentKey, defaultDataDir, loadBbcNews, missingFolders, splitOf } from "./bbc-news.js";

const L2 = 1e-3;
const NEWTON_STEPS = 25;
/** About 5 more right picks in the 1,677 of the tuning split: less is noise. */
const MIN_GAIN = 0.003;
const CORE: FeatureName[] = ["centrality", "length"];

interface TuningArticle {
  rows: number[][];
  kept: boolean[];
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

/** Share of each article's top three (by these weights) that the reference keeps, averaged. */
function precisionAt3(articles: TuningArticle[], weights: number[]): number {
  let total = 0;
  for (const { rows, kept } of articles) {
    const top = rows
      .map((row, index) => ({ score: row.reduce((sum, value, column) => sum + value * (weights[column] ?? 0), 0), index }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 3);
    total += top.filter((entry) => kept[entry.index]).length / Math.max(1, top.length);
  }
  return total / Math.max(1, articles.length);
}

function main(): void {
  const dir = resolve(process.argv[2] ?? defaultDataDir());
  if (missingFolders(dir).length) {
    console.error(`train-summary: no BBC News Summary data at ${dir}; pass its folder as the first argument.`);
    process.exit(2);
  }
  const width = FEATURE_NAMES.length;
  const differences: number[] = [];
  const articles: TuningArticle[] = [];
  for (const article of loadBbcNews(dir).filter((entry) => splitOf(entry) === "tune")) {
    const sentences = splitSentences(article.body);
    const reference = containmentKey(article.reference);
    const rows = sentenceFeatures(sentences, article.title);
    // Where each sentence starts in the reference; -1 when the reference drops it.
    const at = sentences.map((sentence) => reference.indexOf(containmentKey(sentence)));
    articles.push({ rows, kept: at.map((position) => position >= 0) });
    rows.forEach((better, i) => {
      const mine = at[i] ?? -1;
      if (mine < 0) return;
      rows.forEach((worse, j) => {
        const theirs = at[j] ?? -1;
        if (theirs < 0 || theirs > mine) for (let c = 0; c < width; c++) differences.push((better[c] ?? 0) - (worse[c] ?? 0));
      });
    });
  }
  const pairs = Float64Array.from(differences);
  console.log(`${articles.length} tuning articles, ${pairs.length / width} ordered sentence pairs`);

  const fullWeights = (columns: number[]) => {
    const fitted = fitPairwise(pairs, width, columns);
    const weights = new Array<number>(width).fill(0);
    columns.forEach((column, i) => (weights[column] = fitted[i] ?? 0));
    return weights;
  };
  let chosen = CORE.map((name) => FEATURE_NAMES.indexOf(name));
  let weights = fullWeights(chosen);
  let best = precisionAt3(articles, weights);
  console.log(`  ${chosen.map((c) => FEATURE_NAMES[c]).join(" + ")}: tune P@3 ${best.toFixed(4)}`);
  for (;;) {
    let step: { columns: number[]; weights: number[]; score: number } | undefined;
    for (let column = 0; column < width; column++) {
      if (chosen.includes(column)) continue;
      const columns = [...chosen, column];
      const candidate = fullWeights(columns);
      const score = precisionAt3(articles, candidate);
      console.log(`  + ${FEATURE_NAMES[column]}: tune P@3 ${score.toFixed(4)}`);
      if (!step || score > step.score) step = { columns, weights: candidate, score };
    }
    if (!step || step.score < best + MIN_GAIN) break;
    ({ columns: chosen, weights, score: best } = step);
    console.log(`kept ${chosen.map((c) => FEATURE_NAMES[c]).join(" + ")}: tune P@3 ${best.toFixed(4)}`);
  }

  console.log(`\nselected model, tune P@3 ${best.toFixed(4)}:`);
  console.log("export const FEATURE_WEIGHTS: Record<FeatureName, number> = {");
  FEATURE_NAMES.forEach((name, column) => console.log(`  ${name}: ${(weights[column] ?? 0).toFixed(2)},`));
  console.log("};");
}

main();
