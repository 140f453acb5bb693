// Trains the story clusterer's join model (src/core/cluster/join-model.ts) on the TUNING halves only
// of Google News' labels (../shared/data/uci-news/headlines-dev.jsonl, headline-only) and of WikiRef
// (bench/cluster.ts splits them; the held-out halves are never read here), and writes the weights as
// a TypeScript module. Deterministic: fixed orders, Newton's method from zero.
//
//   npx tsx bench/train-cluster.ts [--records FILE] [--wikiref DIR] [--write]
//
// Examples: each article of a shuffled order against the most similar (centroid cosine) candidate
// story the clusterer finds for it (StoryClusterer.candidates: its features of the article vs. the
// story), labelled 1 when the story's commonest gold label is the article's. Two rounds: stories grown by an oracle among the
// clusterer's candidates (the article joins a candidate of its own label, if there is one), then stories grown by the round-1 model itself (what the
// model meets when it runs), both kept; ORDERS orders each. Logistic regression with a small L2 penalty on standardised
// features; each corpus weighs the same in the loss. Without --write it prints the weights only.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { JOIN_FEATURES, StoryClusterer, type JoinModel } from "../src/core/cluster/clusterer.js";
import { dataDir } from "./data.js";
import { loadFolder, loadRecords, shuffledOrders, type Item } from "./cluster.js";

const ORDERS = 6;
const L2 = 1e-3;

interface Example {
  x: number[];
  y: number;
  w: number;
}

/** One pass over an order: the stories an oracle grows among the clusterer's candidates (model
 * undefined), or the model's own. */
function examplesOf(order: Item[], model: JoinModel | undefined): Array<Omit<Example, "w">> {
  const clusterer = new StoryClusterer({}, undefined, model);
  const labels = new Map<number, Map<string, number>>();
  const out: Array<Omit<Example, "w">> = [];
  let next = 1;
  order.forEach((item, i) => {
    const features = clusterer.features(item.article);
    const majority = (storyId: number) => {
      let best: [string, number] = ["", 0];
      for (const [label, n] of labels.get(storyId) ?? []) if (n > best[1] || (n === best[1] && label < best[0])) best = [label, n];
      return best[0];
    };
    // By centroid cosine, not by the probability of the model written last: training must not depend on it.
    const candidates = clusterer.candidates(features, item.article.newsAt).sort((x, y) => y.similarity - x.similarity || x.storyId - y.storyId);
    // The decision is about the most similar stories: the long tail of candidates sharing one word
    // would teach the model that a weak match is often right (big stories), which it is not among
    // the stories it actually weighs.
    for (const c of candidates.slice(0, 1)) out.push({ x: c.features, y: majority(c.storyId) === item.label ? 1 : 0 });
    let storyId: number;
    if (!model) {
      // The best the clusterer could do: the most similar candidate of the article's label, if any.
      const hit = candidates.find((c) => majority(c.storyId) === item.label);
      storyId = hit ? hit.storyId : next++;
    } else {
      const decision = clusterer.assign(features, item.article.newsAt);
      storyId = decision.kind === "new" ? next++ : decision.storyId;
    }
    const counts = labels.get(storyId) ?? new Map<string, number>();
    counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
    labels.set(storyId, counts);
    clusterer.record(i + 1, storyId, features, item.article.newsAt);
  });
  return out;
}

/** Solves a x = b (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** Weighted L2-penalised logistic regression by Newton's method; weights on the raw feature scale. */
export function fitLogistic(examples: Example[]): JoinModel {
  const d = examples[0]!.x.length;
  const total = examples.reduce((s, e) => s + e.w, 0);
  const mean = Array.from({ length: d }, (_, j) => examples.reduce((s, e) => s + e.w * e.x[j]!, 0) / total);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(examples.reduce((s, e) => s + e.w * (e.x[j]! - mean[j]!) ** 2, 0) / total) || 1);
  const z = examples.map((e) => [1, ...e.x.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = beta.map((b, j) => (j > 0 ? L2 * b : 0));
    const hess = beta.map((_, j) => beta.map((__, k) => (j === k && j > 0 ? L2 : 0)));
    examples.forEach((e, n) => {
      const row = z[n]!;
      let s = 0;
      for (let j = 0; j <= d; j++) s += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const w = e.w / total;
      for (let j = 0; j <= d; j++) {
        grad[j]! += w * (p - e.y) * row[j]!;
        for (let k = 0; k <= d; k++) hess[j]![k]! += w * p * (1 - p) * row[j]! * row[k]!;
      }
    });
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  const weights = Array.from({ length: d }, (_, j) => beta[j + 1]! / sd[j]!);
  const bias = beta[0]! - weights.reduce((s, w, j) => s + w * mean[j]!, 0);
  return { weights, bias };
}

function weighted(examples: Array<Omit<Example, "w">>, share: number): Example[] {
  return examples.map((e) => ({ ...e, w: share / examples.length }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const records = option("--records") ?? join(dataDir(), "uci-news", "headlines-dev.jsonl");
  const wikiref = option("--wikiref") ?? join(dataDir(), "wikiref220");
  const corpora: Array<[string, Item[]]> = [
    ["google", loadRecords(records).filter((i) => i.split === "tune")],
    ["wikiref", (await loadFolder(wikiref)).filter((i) => i.split === "tune")],
  ];
  const gold = corpora.map(([, items]) => shuffledOrders(items, ORDERS).flatMap((order) => examplesOf(order, undefined)));
  const first = fitLogistic(gold.flatMap((examples) => weighted(examples, 1)));
  const onPolicy = corpora.map(([, items], c) => [...gold[c]!, ...shuffledOrders(items, ORDERS).flatMap((order) => examplesOf(order, first))]);
  const model = fitLogistic(onPolicy.flatMap((examples) => weighted(examples, 1)));
  corpora.forEach(([name], c) => console.log(`${name}: ${onPolicy[c]!.length} examples, ${onPolicy[c]!.filter((e) => e.y === 1).length} positive`));
  for (const [j, name] of JOIN_FEATURES.entries()) console.log(`${name.padEnd(22)} ${model.weights[j]!.toFixed(4)}`);
  console.log(`${"bias".padEnd(22)} ${model.bias.toFixed(4)}`);
  if (!args.includes("--write")) return;
  const round = (v: number) => Number(v.toFixed(4));
  const file = `// Written by bench/train-cluster.ts (npx tsx bench/train-cluster.ts --write): do not edit by hand.
// The story clusterer's join model: logistic regression over what a new article shares with a
// candidate story (StoryClusterer.candidates computes the features), trained on the TUNING halves of
// Google News' labels (headline-only) and WikiRef, never on their held-out halves.
//
// centroid            cosine (TF-IDF) of the article and the story's centroid (all its articles)
// recent              cosine of the article and the centroid of the story's recent core (its latest coreArticles)
// best                the best cosine of the article and one article of the recent core
// origin              cosine of the article and the centroid of the story's first originArticles
// headline            IDF-weighted share of the article's title terms found in the recent core's titles
// sharedWords         how many of its title terms are in the recent core's titles (at most 3)
// rarestShared        the IDF of the rarest of them, over the highest IDF possible (ln(1 + N) + 1)
// entities            people and organisations the article shares with the recent core (at most 3)
// leadAgrees          1 when the article's lead person/organisation is one of the story's key actors
// headlineOnlyHours   headlineOnly x ln(1 + hours since the story's latest article) (WikiRef is undated)
// size                ln(1 + the story's articles)
// headlineOnly        1 for an article without a body
// headlineOnlyRecent  headlineOnly x recent
// headlineOnlyHeadline headlineOnly x headline
export const JOIN_WEIGHTS = {
${JOIN_FEATURES.map((name, j) => `  ${name}: ${round(model.weights[j]!)},`).join("\n")}
};
export const JOIN_BIAS = ${round(model.bias)};
`;
  writeFileSync(new URL("../src/core/cluster/join-model.ts", import.meta.url), file);
  console.log("written: src/core/cluster/join-model.ts");
}

await main();
