// Story-clustering benchmark: newsbot's incremental clusterer against a plain TF-IDF single-pass
// baseline, scored by B-cubed precision, recall and F1 against a folder's event labels.
//
//   npm run bench:cluster -- [dir] [--assign FILE] [--sweep]
//
// dir: a headline-first folder with labels.tsv (`file<TAB>label`, header row); default
// ../shared/data/wikiref220. Articles are read as `ingest` reads them and enriched (entities); the
// corpus is undated, so every article gets the same news time. Files are processed one at a time in
// file-name order, through assign() then record(), exactly as the store does; then each split again
// in 30 shuffled orders (mean and worst), since the file-name order is only one arbitrary order.
//
// Split rule (fixed): a file is in the tuning split when the top bit of the FNV-1a 32-bit hash of its
// file name (UTF-16 code units) is 0, and held out when it is 1. (Not the low bit: FNV-1a's low bit is
// only the parity of the characters.) The clusterer's weights and threshold and the baseline's
// threshold were chosen by looking at the tuning split only. Each split is clustered on its own, with
// its own document frequencies starting from nothing; "all" clusters every file together.
//
// --assign FILE writes {"<file name>": "<story id>"} for all files (clustered together).
// --sweep shows how the thresholds were chosen: B-cubed on the tuning split only, averaged over 30
// shuffled orders (file-name order alone is one easy order), for a range of thresholds. The rule:
// the highest mean F1 among the thresholds whose worst precision is at least 0.9. The tuning split
// has no related-but-different topics, so its precision is 1.0 everywhere; the sweep therefore also
// mixes the first 24 BBC articles of each category into every order (when ../shared/data holds them;
// all unrelated to WikiRef and each its own label) and shows the tuning articles' precision and how
// many of them share a story with a BBC article.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { STOP_WORDS } from "../src/core/nlp/stopwords.js";
import { enrich } from "../src/core/enrich.js";
import { listArticleFiles, readArticleFile } from "../src/core/ingest/index.js";
import { bcubed, type BCubed } from "../src/core/cluster/bcubed.js";
import { StoryClusterer } from "../src/core/cluster/clusterer.js";
import type { ClusterConfig } from "../src/core/cluster/config.js";
import { fnv1a, type ClusterArticle } from "../src/core/cluster/features.js";
import { defaultDataDir } from "./bbc-news.js";
import { printTable, readCorpus, requireDir } from "./data.js";

type Split = "tune" | "holdout";

interface Item {
  file: string;
  label: string;
  split: Split | "distractor";
  article: ClusterArticle;
}

/** The same news time for every article: WikiRef is undated. */
const NEWS_AT = new Date("2024-01-01T00:00:00Z");
/** The baseline's one threshold (cosine to a cluster centroid), the best on the tuning split. */
const BASELINE_THRESHOLD = 0.18;

function splitOf(file: string): Split {
  return fnv1a(file) >>> 31 === 0 ? "tune" : "holdout";
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:cluster -- [dir] [--assign FILE] [--sweep]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { dir?: string; assign?: string; sweep: boolean } {
  let dir: string | undefined;
  let assign: string | undefined;
  let sweep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--assign") {
      assign = argv[++i];
      if (!assign) usage("--assign needs a file name");
    } else if (arg === "--sweep") sweep = true;
    else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (dir) usage(`one folder only (got ${dir} and ${arg})`);
    else dir = arg;
  }
  return { dir, assign, sweep };
}

function readLabels(dir: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(join(dir, "labels.tsv"), "utf8");
  } catch {
    console.error(`bench:cluster: no labels.tsv in ${dir}; the folder needs one (file<TAB>label, with a header row).`);
    process.exit(2);
  }
  const labels = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [file, label] = line.split("\t");
    if (file && label) labels.set(file, label.trim());
  }
  return labels;
}

async function load(dir: string): Promise<Item[]> {
  const labels = readLabels(dir);
  const { files } = await listArticleFiles([dir]);
  files.sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
  const items: Item[] = [];
  for (const path of files) {
    const file = basename(path);
    const label = labels.get(file);
    if (!label) {
      console.error(`bench:cluster: ${file} has no label in labels.tsv; skipped.`);
      continue;
    }
    const input = (await readArticleFile(path)).articles[0];
    if (!input) {
      console.error(`bench:cluster: ${file} holds no article; skipped.`);
      continue;
    }
    const enriched = enrich(input, NEWS_AT);
    items.push({ file, label, split: splitOf(file), article: { ...enriched, newsAt: NEWS_AT } });
  }
  if (items.length === 0) {
    console.error(`bench:cluster: no labelled articles in ${dir}.`);
    process.exit(2);
  }
  return items;
}

/** newsbot's clusterer, one article at a time as the store runs it: cluster id per item. */
function clusterNewsbot(items: Item[], config: Partial<ClusterConfig> = {}, kinds?: Map<string, number>): number[] {
  const clusterer = new StoryClusterer(config);
  let nextStory = 1;
  return items.map((item, index) => {
    const features = clusterer.features(item.article);
    const decision = clusterer.assign(features, item.article.newsAt);
    kinds?.set(decision.kind, (kinds.get(decision.kind) ?? 0) + 1);
    const storyId = decision.kind === "new" ? nextStory++ : decision.storyId;
    clusterer.record(index + 1, storyId, features, item.article.newsAt);
    return storyId;
  });
}

const BASELINE_WORD = /\p{L}+/gu;

/** Single-pass TF-IDF, the textbook way: each article's vector is its raw term counts (lowercase
 * words, stop words out) times a smoothed IDF from the articles seen so far, unit length, fixed on
 * arrival; the article joins the cluster whose centroid (sum of its members' vectors) is nearest by
 * cosine if that is at least the threshold, else starts a new cluster. */
function clusterBaseline(items: Item[], threshold: number): number[] {
  const df = new Map<string, number>();
  const centroids: Array<Map<string, number>> = [];
  return items.map((item, seen) => {
    const tf = new Map<string, number>();
    for (const w of `${item.article.title}\n${item.article.body}`.toLowerCase().match(BASELINE_WORD) ?? []) {
      if (!STOP_WORDS.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    }
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, n] of tf) {
      const x = n * (Math.log((1 + seen + 1) / (1 + df.get(w)!)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    let best = -1;
    let bestSim = -1;
    centroids.forEach((c, i) => {
      let dot = 0;
      let cnorm = 0;
      for (const x of c.values()) cnorm += x * x;
      for (const [w, x] of v) dot += x * (c.get(w) ?? 0);
      const sim = cnorm > 0 ? dot / Math.sqrt(cnorm) : 0;
      if (sim > bestSim) [best, bestSim] = [i, sim];
    });
    if (best < 0 || bestSim < threshold) {
      centroids.push(v);
      return centroids.length - 1;
    }
    const c = centroids[best]!;
    for (const [w, x] of v) c.set(w, (c.get(w) ?? 0) + x);
    return best;
  });
}

/** How many shuffled orders of the tuning split the sweep averages over. */
const SWEEP_ORDERS = 30;
/** BBC articles per category mixed into the sweep as distractors. */
const DISTRACTORS_PER_CATEGORY = 24;

/** The first DISTRACTORS_PER_CATEGORY articles of each BBC category, each its own label; none when
 * the BBC folder is absent. */
async function loadDistractors(): Promise<Item[]> {
  const root = join(defaultDataDir(), "News Articles");
  if (!existsSync(root)) return [];
  const items: Item[] = [];
  for (const category of readdirSync(root).sort()) {
    const articles = (await readCorpus(join(root, category))).slice(0, DISTRACTORS_PER_CATEGORY);
    articles.forEach((input, i) => {
      const file = `bbc/${category}/${i}`;
      items.push({ file, label: file, split: "distractor", article: { ...enrich(input, NEWS_AT), newsAt: NEWS_AT } });
    });
  }
  return items;
}

/** B-cubed precision over the tuning articles only, in a run that had distractors mixed in, and how
 * many tuning articles share their story with at least one distractor. */
function precisionAmongDistractors(order: Item[], clusters: number[]): { precision: number; merged: number } {
  const keys = order.map((item, i) => `${clusters[i]}\t${item.label}`);
  const size = new Map<number, number>();
  const same = new Map<string, number>();
  const withDistractor = new Set<number>();
  order.forEach((item, i) => {
    const c = clusters[i]!;
    size.set(c, (size.get(c) ?? 0) + 1);
    same.set(keys[i]!, (same.get(keys[i]!) ?? 0) + 1);
    if (item.split === "distractor") withDistractor.add(c);
  });
  let precision = 0;
  let tuning = 0;
  let merged = 0;
  order.forEach((item, i) => {
    if (item.split === "distractor") return;
    const c = clusters[i]!;
    tuning++;
    precision += same.get(keys[i]!)! / size.get(c)!;
    if (withDistractor.has(c)) merged++;
  });
  return { precision: precision / tuning, merged };
}

/** The mean and the worst of one B-cubed figure over several runs, as the tables print them. */
function meanOf(scores: BCubed[], key: keyof BCubed): string {
  return (scores.reduce((sum, s) => sum + s[key], 0) / scores.length).toFixed(3);
}

function worstOf(scores: BCubed[], key: keyof BCubed): string {
  return Math.min(...scores.map((s) => s[key])).toFixed(3);
}

/** `count` fixed pseudo-random orders of the items (mulberry32 seeded 1..count, Fisher-Yates). */
function shuffledOrders(items: Item[], count: number): Item[][] {
  const orders: Item[][] = [];
  for (let seed = 1; seed <= count; seed++) {
    let state = seed;
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const order = [...items];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    orders.push(order);
  }
  return orders;
}

function score(items: Item[], clusters: number[]): BCubed & { clusters: number } {
  return { ...bcubed(items.map((item, i) => ({ cluster: clusters[i]!, label: item.label }))), clusters: new Set(clusters).size };
}

function row(part: string, system: string, items: Item[], s: BCubed & { clusters: number }): string[] {
  return [part, system, String(items.length), String(new Set(items.map((i) => i.label)).size), String(s.clusters), s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3)];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = requireDir(args.dir, "wikiref220", "The WikiRef folder");
  const items = await load(dir);
  const parts: Array<[string, Item[]]> = [
    ["holdout", items.filter((i) => i.split === "holdout")],
    ["tune", items.filter((i) => i.split === "tune")],
    ["all", items],
  ];

  const rows: string[][] = [];
  const kinds = new Map<string, number>();
  for (const [part, subset] of parts) {
    rows.push(row(part, "newsbot", subset, score(subset, clusterNewsbot(subset, {}, part === "all" ? kinds : undefined))));
    rows.push(row(part, `TF-IDF single-pass (${BASELINE_THRESHOLD})`, subset, score(subset, clusterBaseline(subset, BASELINE_THRESHOLD))));
  }

  // Throughput of the clusterer alone (features, assign, record), after a warm-up run.
  clusterNewsbot(items);
  const rounds = 5;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) clusterNewsbot(items);
  const perSecond = (items.length * rounds) / ((performance.now() - started) / 1000);

  console.log(`Story clustering on ${dir} (split: top bit of FNV-1a of the file name, 0 = tune, 1 = holdout)`);
  printTable(["split", "system", "articles", "labels", "clusters", "B3 precision", "B3 recall", "B3 F1"], rows, 2);
  const decisions = ["new", "join", "near-duplicate"].map((kind) => `${kinds.get(kind) ?? 0} ${kind}`).join(", ");
  console.log(`newsbot decisions on all: ${decisions}`);
  console.log(`newsbot clusterer: ${Math.round(perSecond)} articles/s (features + assign + record, all ${items.length} articles)`);

  // File-name order is one arbitrary order of undated articles; single-pass clustering depends on it.
  const orderRows: string[][] = [];
  for (const [part, subset] of parts.slice(0, 2)) {
    const orders = shuffledOrders(subset, SWEEP_ORDERS);
    const systems: Array<[string, (order: Item[]) => number[]]> = [
      ["newsbot", (order) => clusterNewsbot(order)],
      [`TF-IDF single-pass (${BASELINE_THRESHOLD})`, (order) => clusterBaseline(order, BASELINE_THRESHOLD)],
    ];
    for (const [system, cluster] of systems) {
      const scores = orders.map((order) => score(order, cluster(order)));
      orderRows.push([part, system, meanOf(scores, "precision"), worstOf(scores, "precision"), meanOf(scores, "recall"), meanOf(scores, "f1"), worstOf(scores, "f1")]);
    }
  }
  console.log(`\nThe same splits in ${SWEEP_ORDERS} shuffled orders (file-name order above is one of many):`);
  printTable(["split", "system", "mean P", "worst P", "mean R", "mean F1", "worst F1"], orderRows, 2);

  if (args.sweep) {
    const tune = items.filter((i) => i.split === "tune");
    const orders = shuffledOrders(tune, SWEEP_ORDERS);
    const distractors = await loadDistractors();
    const mixed = distractors.length > 0 ? shuffledOrders([...tune, ...distractors], SWEEP_ORDERS) : [];
    const sweep: string[][] = [];
    const systems: Array<[string, (order: Item[], threshold: number) => number[]]> = [
      ["newsbot", (order, threshold) => clusterNewsbot(order, { joinThreshold: threshold })],
      ["TF-IDF single-pass", clusterBaseline],
    ];
    for (const [system, cluster] of systems) {
      for (let step = 4; step <= 20; step++) {
        const threshold = step / 100;
        const scores = orders.map((order) => {
          const clusters = cluster(order, threshold);
          return bcubed(order.map((item, i) => ({ cluster: clusters[i]!, label: item.label })));
        });
        const line = [system, threshold.toFixed(2), meanOf(scores, "f1"), meanOf(scores, "precision"), worstOf(scores, "precision"), meanOf(scores, "recall")];
        if (mixed.length > 0) {
          const runs = mixed.map((order) => precisionAmongDistractors(order, cluster(order, threshold)));
          const precisions = runs.map((r) => r.precision);
          line.push(
            (precisions.reduce((a, b) => a + b, 0) / runs.length).toFixed(3),
            Math.min(...precisions).toFixed(3),
            (runs.reduce((sum, r) => sum + r.merged, 0) / runs.length).toFixed(1),
          );
        }
        sweep.push(line);
      }
    }
    console.log(`\nTuning sweep: the tuning split (${tune.length} articles) in ${SWEEP_ORDERS} shuffled orders, by join threshold`);
    if (mixed.length > 0) console.log(`"+ distractors": the same, with ${distractors.length} BBC articles mixed into each order; "merged": tuning articles sharing a story with one`);
    else console.log(`(no distractor columns: ${defaultDataDir()} not found)`);
    const distractorHeaders = mixed.length > 0 ? ["P + distractors", "worst", "merged"] : [];
    printTable(["system", "threshold", "mean F1", "mean P", "worst P", "mean R", ...distractorHeaders], sweep, 1);
  }

  if (args.assign) {
    const clusters = clusterNewsbot(items);
    const out: Record<string, string> = {};
    items.forEach((item, i) => (out[item.file] = String(clusters[i])));
    writeFileSync(args.assign, JSON.stringify(out, null, 2) + "\n");
    console.log(`assignments written to ${args.assign}`);
  }
}

await main();
