// Story-clustering benchmark: newsbot's incremental clusterer against a plain TF-IDF single-pass
// baseline, scored by B-cubed precision, recall and F1 against gold story labels.
//
//   npm run bench:cluster -- [input] [--assign FILE] [--sweep]
//
// input: either a headline-first folder with labels.tsv (`file<TAB>label`, header row), default
// ../shared/data/wikiref220, or a JSON Lines file of labelled records ({id, title, body, source,
// publishedAt, label}: bench/labelled-records.ts), e.g. ../shared/data/uci-news/headlines-dev.jsonl.
// Articles are enriched (entities) as the store enriches them; a record keeps its empty body (a
// headline-only item is clustered on its title). A record's news time is its publishedAt; the folder
// is undated, so every file gets the same one. Articles are processed one at a time through assign()
// then record(), exactly as the store does: first in the given order (file-name order for a folder,
// file order for records), then in 30 shuffled orders (mean and worst), each article keeping its own
// news time, since single-pass clustering depends on the order and the given one is only one of many.
//
// Split rule (fixed): an article is in the tuning split when the top bit of the FNV-1a 32-bit hash
// (UTF-16 code units) of its key is 0, and held out when it is 1. The key is the file name for a
// folder (as issue 3 split WikiRef) and the label for records, so that whole stories are held out.
// (Not the low bit: FNV-1a's low bit is only the parity of the characters.) Settings were chosen by
// looking at the tuning split only. Each split is clustered on its own, with its own document
// frequencies starting from nothing; "all" clusters every article together.
//
// The baseline's one threshold is chosen in the same run: the best mean F1 of the tuning split over
// the 30 orders, from BASELINE_THRESHOLDS.
//
// --assign FILE writes {"<id>": "<story id>"} for every article clustered together in the given order
// (the record's id, or the file name for a folder).
// --sweep shows how the settings were chosen, one at a time around the defaults: B-cubed on the tuning
// split only, averaged over 30 shuffled orders. For the folder, whose tuning split has no
// related-but-different topics (precision 1.0 almost everywhere), the sweep also mixes the first 24
// BBC articles of each category into every order (when ../shared/data holds them): unrelated to
// WikiRef, each its own story but for 8 events that several of them report (DISTRACTOR_EVENTS). It
// shows the tuning articles' precision among them, how many share a story with a BBC article, the
// BBC articles' precision, and the F1 of all of them together.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { STOP_WORDS } from "../src/core/nlp/stopwords.js";
import { enrich } from "../src/core/enrich.js";
import { listArticleFiles, readArticleFile } from "../src/core/article-files/index.js";
import { bcubed, type BCubed } from "../src/core/cluster/bcubed.js";
import { StoryClusterer } from "../src/core/cluster/clusterer.js";
import type { ClusterConfig } from "../src/core/cluster/config.js";
import { fnv1a, type ClusterArticle } from "../src/core/cluster/features.js";
import { defaultDataDir } from "./bbc-news.js";
import { printTable, requireDir } from "./data.js";
import { parseLabelledRecords } from "./labelled-records.js";

export type Split = "tune" | "holdout";

export interface Item {
  /** The record's id, or the file name for a folder. */
  id: string;
  label: string;
  split: Split | "distractor";
  article: ClusterArticle;
}

/** The same news time for every article of a folder: WikiRef is undated. */
const NEWS_AT = new Date("2024-01-01T00:00:00Z");
/** The baseline thresholds (cosine to a cluster centroid) tried on the tuning split. */
const BASELINE_THRESHOLDS = Array.from({ length: 19 }, (_, i) => Number((0.04 + i * 0.02).toFixed(2)));

export function splitOf(key: string): Split {
  return fnv1a(key) >>> 31 === 0 ? "tune" : "holdout";
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:cluster -- [folder | records.jsonl] [--assign FILE] [--sweep]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { input?: string; assign?: string; sweep: boolean } {
  let input: string | undefined;
  let assign: string | undefined;
  let sweep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--assign") {
      assign = argv[++i];
      if (!assign) usage("--assign needs a file name");
    } else if (arg === "--sweep") sweep = true;
    else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (input) usage(`one input only (got ${input} and ${arg})`);
    else input = arg;
  }
  return { input, assign, sweep };
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

export async function loadFolder(dir: string): Promise<Item[]> {
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
    items.push({ id: file, label, split: splitOf(file), article: { ...enriched, newsAt: NEWS_AT } });
  }
  return items;
}

/** Labelled records, in file order, each at its publishedAt and split by its label. */
export function loadRecords(path: string): Item[] {
  let records;
  try {
    records = parseLabelledRecords(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`bench:cluster: ${path}: ${(error as Error).message}`);
    process.exit(2);
  }
  return records.map(({ id, title, body, source, publishedAt, label }) => {
    const newsAt = new Date(publishedAt);
    const enriched = enrich({ title, body, source, publishedAt: newsAt }, newsAt);
    return { id, label, split: splitOf(label), article: { ...enriched, newsAt } };
  });
}

/** newsbot's clusterer, one article at a time as the store runs it: cluster id per item. */
export function clusterNewsbot(items: Item[], config: Partial<ClusterConfig> = {}, kinds?: Map<string, number>): number[] {
  const clusterer = new StoryClusterer(config);
  let nextStory = 1;
  // A folded story's articles are the story's it was folded into.
  const into = new Map<number, number>();
  const resolve = (id: number): number => {
    let r = id;
    while (into.has(r)) r = into.get(r)!;
    return r;
  };
  const stories = items.map((item, index) => {
    const features = clusterer.features(item.article);
    const decision = clusterer.assign(features, item.article.newsAt);
    kinds?.set(decision.kind, (kinds.get(decision.kind) ?? 0) + 1);
    const storyId = decision.kind === "new" ? nextStory++ : decision.storyId;
    if (decision.kind === "join") {
      for (const from of decision.folds ?? []) {
        clusterer.fold(storyId, from);
        into.set(from, storyId);
        kinds?.set("fold", (kinds.get("fold") ?? 0) + 1);
      }
    }
    clusterer.record(index + 1, storyId, features, item.article.newsAt);
    return storyId;
  });
  return stories.map(resolve);
}

const BASELINE_WORD = /\p{L}+/gu;

/** Single-pass TF-IDF, the textbook way: each article's vector is its raw term counts (lowercase
 * words, stop words out) times a smoothed IDF from the articles seen so far, unit length, fixed on
 * arrival; the article joins the cluster whose centroid (sum of its members' vectors) is nearest by
 * cosine if that is at least the threshold (the first such cluster on a tie), else starts a new
 * cluster. Only clusters sharing a word can reach a positive threshold, so an inverted index finds them. */
function clusterBaseline(items: Item[], threshold: number): number[] {
  const df = new Map<string, number>();
  const centroids: Array<Map<string, number>> = [];
  const norms: number[] = [];
  const postings = new Map<string, number[]>();
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
    const dots = new Map<number, number>();
    for (const [w, x] of v) for (const i of postings.get(w) ?? []) dots.set(i, (dots.get(i) ?? 0) + x * centroids[i]!.get(w)!);
    let best = -1;
    let bestSim = 0;
    for (const [i, dot] of dots) {
      const sim = dot / Math.sqrt(norms[i]!);
      if (sim > bestSim || (sim === bestSim && i < best)) [best, bestSim] = [i, sim];
    }
    if (best < 0 || bestSim < threshold) {
      best = centroids.length;
      centroids.push(new Map());
      norms.push(0);
    }
    const c = centroids[best]!;
    for (const [w, x] of v) {
      const before = c.get(w);
      if (before === undefined) {
        if (!postings.has(w)) postings.set(w, []);
        postings.get(w)!.push(best);
      }
      const after = (before ?? 0) + x;
      norms[best]! += after * after - (before ?? 0) ** 2;
      c.set(w, after);
    }
    return best;
  });
}

/** How many shuffled orders of the tuning split the sweep averages over. */
const SWEEP_ORDERS = 30;
/** BBC articles per category mixed into the sweep as distractors. */
const DISTRACTORS_PER_CATEGORY = 24;

/** Distractors that report one news event, read and grouped by hand: they share a story label. Every
 * other distractor is its own story. */
const DISTRACTOR_EVENTS: Record<string, string[]> = {
  "Yukos bankruptcy": ["business/003.txt", "business/025.txt"],
  "Whitbread prize for Andrea Levy": ["entertainment/007.txt", "entertainment/013.txt"],
  "Oscar race": ["entertainment/035.txt", "entertainment/039.txt", "entertainment/041.txt"],
  "Hewitt on working women": ["politics/001.txt", "politics/003.txt"],
  "Kenteris and Thanou hearing": ["sport/017.txt", "sport/023.txt", "sport/033.txt", "sport/047.txt"],
  "Chepkemei ban": ["sport/013.txt", "sport/019.txt", "sport/021.txt"],
  "Balco case": ["sport/035.txt", "sport/039.txt", "sport/045.txt"],
  "Sony PSP launch": ["tech/025.txt", "tech/045.txt"],
};

/** The first DISTRACTORS_PER_CATEGORY articles of each BBC category (by file name), labelled by
 * DISTRACTOR_EVENTS; none when the BBC folder is absent. */
async function loadDistractors(): Promise<Item[]> {
  const root = join(defaultDataDir(), "News Articles");
  if (!existsSync(root)) return [];
  const events = new Map(Object.entries(DISTRACTOR_EVENTS).flatMap(([event, files]) => files.map((file) => [file, event])));
  const items: Item[] = [];
  for (const category of readdirSync(root).sort()) {
    const names = readdirSync(join(root, category)).filter((name) => name.endsWith(".txt")).sort().slice(0, DISTRACTORS_PER_CATEGORY);
    for (const name of names) {
      const file = `${category}/${name}`;
      const [input] = (await readArticleFile(join(root, category, name))).articles;
      if (input) items.push({ id: file, label: `bbc: ${events.get(file) ?? file}`, split: "distractor", article: { ...enrich(input, NEWS_AT), newsAt: NEWS_AT } });
    }
  }
  return items;
}

/** B-cubed precision over the tuning articles only, in a run that had distractors mixed in; how many
 * tuning articles share their story with at least one distractor; and the distractors' own precision. */
function precisionAmongDistractors(order: Item[], clusters: number[]): { precision: number; merged: number; distractorPrecision: number } {
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
  let distractorPrecision = 0;
  order.forEach((item, i) => {
    const c = clusters[i]!;
    const own = same.get(keys[i]!)! / size.get(c)!;
    if (item.split === "distractor") {
      distractorPrecision += own;
      return;
    }
    tuning++;
    precision += own;
    if (withDistractor.has(c)) merged++;
  });
  return { precision: precision / tuning, merged, distractorPrecision: distractorPrecision / (order.length - tuning) };
}

/** The mean and the worst of one B-cubed figure over several runs, as the tables print them. */
function meanOf(scores: BCubed[], key: keyof BCubed): string {
  return (scores.reduce((sum, s) => sum + s[key], 0) / scores.length).toFixed(3);
}

function worstOf(scores: BCubed[], key: keyof BCubed): string {
  return Math.min(...scores.map((s) => s[key])).toFixed(3);
}

/** `count` fixed pseudo-random orders of the items (mulberry32 seeded 1..count, Fisher-Yates). */
export function shuffledOrders(items: Item[], count: number): Item[][] {
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

export interface Scored extends BCubed {
  clusters: number;
  /** The largest predicted story: its size and the share of it that has its commonest label. */
  largest: number;
  purity: number;
}

export function score(items: Item[], clusters: number[]): Scored {
  const members = new Map<number, string[]>();
  items.forEach((item, i) => {
    const labels = members.get(clusters[i]!);
    if (labels) labels.push(item.label);
    else members.set(clusters[i]!, [item.label]);
  });
  let largest: string[] = [];
  for (const labels of members.values()) if (labels.length > largest.length) largest = labels;
  const counts = new Map<string, number>();
  for (const label of largest) counts.set(label, (counts.get(label) ?? 0) + 1);
  const purity = largest.length > 0 ? Math.max(...counts.values()) / largest.length : 0;
  return { ...bcubed(items.map((item, i) => ({ cluster: clusters[i]!, label: item.label }))), clusters: members.size, largest: largest.length, purity };
}

function row(part: string, system: string, items: Item[], s: Scored): string[] {
  const figures = [s.precision, s.recall, s.f1, s.purity].map((x) => x.toFixed(3));
  return [part, system, String(items.length), String(new Set(items.map((i) => i.label)).size), String(s.clusters), ...figures.slice(0, 3), String(s.largest), figures[3]!];
}

/** The mean of one figure over several runs. */
function mean<T>(runs: T[], figure: (run: T) => number): number {
  return runs.reduce((sum, run) => sum + figure(run), 0) / runs.length;
}

/** One row of the sweep: a system, the setting's value, and how the system clusters an order with it. */
type SweepRow = [system: string, value: string, cluster: (order: Item[]) => number[]];

/** The tuning sweep: each setting on the tuning split alone and, when there are distractors, mixed
 * with them, in the same shuffled orders. */
class Sweep {
  readonly #orders: Item[][];
  readonly #mixed: Item[][];

  constructor(tune: Item[], distractors: Item[]) {
    this.#orders = shuffledOrders(tune, SWEEP_ORDERS);
    this.#mixed = distractors.length > 0 ? shuffledOrders([...tune, ...distractors], SWEEP_ORDERS) : [];
  }

  print(setting: string, systems: SweepRow[]): void {
    const rows = systems.map(([system, value, cluster]) => {
      const scores = this.#orders.map((order) => score(order, cluster(order)));
      const line = [system, value, meanOf(scores, "f1"), worstOf(scores, "f1"), meanOf(scores, "precision"), worstOf(scores, "precision"), meanOf(scores, "recall")];
      line.push(String(Math.max(...scores.map((s) => s.largest))));
      if (this.#mixed.length > 0) {
        const runs = this.#mixed.map((order) => {
          const clusters = cluster(order);
          return { ...precisionAmongDistractors(order, clusters), all: score(order, clusters) };
        });
        line.push(
          mean(runs, (r) => r.precision).toFixed(3),
          Math.min(...runs.map((r) => r.precision)).toFixed(3),
          mean(runs, (r) => r.merged).toFixed(1),
          mean(runs, (r) => r.distractorPrecision).toFixed(3),
          mean(runs, (r) => r.all.f1).toFixed(3),
        );
      }
      return line;
    });
    const distractorHeaders = this.#mixed.length > 0 ? ["+ distractors: tuning P", "worst", "merged", "BBC P", "F1"] : [];
    printTable(["system", setting, "mean F1", "worst F1", "mean P", "worst P", "mean R", "largest", ...distractorHeaders], rows, 1);
  }
}

/** The input's articles in the given order, and how they are split. */
async function loadInput(given: string | undefined): Promise<{ input: string; items: Item[]; splitKey: string }> {
  const input = requireDir(given, "wikiref220", "The WikiRef folder or a labelled .jsonl file");
  const items = statSync(input).isDirectory() ? await loadFolder(input) : loadRecords(input);
  if (items.length === 0) {
    console.error(`bench:cluster: no labelled articles in ${input}.`);
    process.exit(2);
  }
  return { input, items, splitKey: statSync(input).isDirectory() ? "file name" : "label" };
}

/** The baseline threshold with the best mean F1 over the shuffled orders of the tuning split. */
function tuneBaseline(tune: Item[]): number {
  const orders = shuffledOrders(tune, SWEEP_ORDERS);
  let best = { threshold: BASELINE_THRESHOLDS[0]!, f1: -1 };
  for (const threshold of BASELINE_THRESHOLDS) {
    const f1 = mean(orders, (order) => score(order, clusterBaseline(order, threshold)).f1);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best.threshold;
}

/** The items, each at the first one's news time. */
function atOneTime(items: Item[]): Item[] {
  const newsAt = items[0]?.article.newsAt;
  return items.map((item) => ({ ...item, article: { ...item.article, newsAt: newsAt! } }));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { input, items, splitKey } = await loadInput(args.input);
  const parts: Array<[string, Item[]]> = [
    ["holdout", items.filter((i) => i.split === "holdout")],
    ["tune", items.filter((i) => i.split === "tune")],
    ["all", items],
  ];
  const baselineThreshold = tuneBaseline(parts[1]![1]);
  const baseline = `TF-IDF single-pass (${baselineThreshold.toFixed(2)})`;
  const systems: Array<[string, (order: Item[]) => number[]]> = [
    ["newsbot", (order) => clusterNewsbot(order)],
    // What folding adds: newsbot as it was before the store could fold stories.
    ["newsbot without folding", (order) => clusterNewsbot(order, { foldThreshold: 1 })],
    // Google News' labelled records come one crawl burst per label, minutes apart: a clusterer that
    // weighs time can read the label off it, which real feeds do not give away. This row puts every
    // item at one time.
    ...(splitKey === "label" ? [["newsbot, every item at one time", (order: Item[]) => clusterNewsbot(atOneTime(order))] satisfies [string, unknown]] : []),
    [baseline, (order) => clusterBaseline(order, baselineThreshold)],
  ];

  const rows: string[][] = [];
  const kinds = new Map<string, number>();
  for (const [part, subset] of parts) {
    rows.push(row(part, "newsbot", subset, score(subset, clusterNewsbot(subset, {}, part === "all" ? kinds : undefined))));
    rows.push(row(part, baseline, subset, score(subset, clusterBaseline(subset, baselineThreshold))));
  }

  // Throughput of the clusterer alone (features, assign, record), after a warm-up run; with and
  // without folding in turn, so that both meet the same load.
  clusterNewsbot(items);
  const rounds = 5;
  const spent = { folding: 0, without: 0 };
  for (let r = 0; r < rounds; r++) {
    let started = performance.now();
    clusterNewsbot(items);
    spent.folding += performance.now() - started;
    started = performance.now();
    clusterNewsbot(items, { foldThreshold: 1 });
    spent.without += performance.now() - started;
  }
  const msPerArticle = (ms: number) => (ms / (items.length * rounds)).toFixed(3);

  console.log(`Story clustering on ${input} (split: top bit of FNV-1a of the ${splitKey}, 0 = tune, 1 = holdout)`);
  console.log(`baseline threshold: the best mean F1 of the tuning split over ${SWEEP_ORDERS} shuffled orders, of ${BASELINE_THRESHOLDS[0]} to ${BASELINE_THRESHOLDS.at(-1)}`);
  console.log(`\nIn the given order (${splitKey === "label" ? "file order" : "file-name order"}); "largest" is the largest predicted story, "purity" the share of it with its commonest label:`);
  printTable(["split", "system", "articles", "labels", "clusters", "B3 precision", "B3 recall", "B3 F1", "largest", "purity"], rows, 2);
  const decisions = ["new", "join", "near-duplicate"].map((kind) => `${kinds.get(kind) ?? 0} ${kind}`).join(", ");
  console.log(`newsbot decisions on all: ${decisions}`);
  console.log(
    `newsbot clusterer: ${msPerArticle(spent.folding)} ms/article, ${msPerArticle(spent.without)} without folding ` +
      `(features + assign + record, all ${items.length} articles, ${rounds} rounds each in turn; load average ${os.loadavg()[0]!.toFixed(1)})`,
  );

  // Single-pass clustering depends on the order; the given order is one of many.
  const orderRows: string[][] = [];
  for (const [part, subset] of parts.slice(0, 2)) {
    const orders = shuffledOrders(subset, SWEEP_ORDERS);
    for (const [system, cluster] of systems) {
      const scores = orders.map((order) => score(order, cluster(order)));
      const largest = scores.reduce((a, b) => (b.largest > a.largest ? b : a));
      orderRows.push([
        part,
        system,
        meanOf(scores, "precision"),
        worstOf(scores, "precision"),
        meanOf(scores, "recall"),
        worstOf(scores, "recall"),
        meanOf(scores, "f1"),
        worstOf(scores, "f1"),
        String(largest.largest),
        largest.purity.toFixed(3),
      ]);
    }
  }
  console.log(`\nThe same splits in ${SWEEP_ORDERS} shuffled orders, each article at its own news time ("largest": the largest story of any order, and its purity):`);
  printTable(["split", "system", "mean P", "worst P", "mean R", "worst R", "mean F1", "worst F1", "largest", "purity"], orderRows, 2);

  if (args.sweep) {
    const tune = parts[1]![1];
    const distractors = splitKey === "file name" ? await loadDistractors() : [];
    const sweep = new Sweep(tune, distractors);
    console.log(`\nTuning sweep: the tuning split (${tune.length} articles) in ${SWEEP_ORDERS} shuffled orders; "largest": the largest story of any order`);
    if (distractors.length > 0) {
      console.log(
        `"+ distractors": the same, with ${distractors.length} BBC articles mixed into each order, each its own story but for ` +
          `${Object.keys(DISTRACTOR_EVENTS).length} events read by hand: "tuning P" is the ` +
          `tuning articles' precision, "merged" how many of them share a story with one, "BBC P" the BBC articles' precision, ` +
          `"F1" that of all the articles together`,
      );
    } else if (splitKey === "file name") console.log(`(no distractor columns: ${defaultDataDir()} not found)`);
    const values = (from: number, to: number, step: number) =>
      Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(2)));
    const newsbot = (setting: keyof ClusterConfig, value: number): SweepRow => [
      "newsbot",
      String(value),
      (order) => clusterNewsbot(order, { [setting]: value }),
    ];
    console.log("\nBy join threshold (newsbot: cosine, for articles with a body; the baseline: its cosine):");
    sweep.print("join threshold", [
      ...values(0.1, 0.2, 0.02).map((t) => newsbot("joinThreshold", t)),
      ...values(0.04, 0.2, 0.04).map((t): SweepRow => ["TF-IDF single-pass", String(t), (order) => clusterBaseline(order, t)]),
    ]);
    console.log("\nBy the join model's threshold (headline-only items):");
    sweep.print("headline-only threshold", values(0.4, 0.8, 0.1).map((t) => newsbot("headlineOnlyJoinThreshold", t)));
    console.log("\nBy fold threshold (headline-only items; 1 never folds):");
    sweep.print("fold threshold", [1, 0.99, 0.98, 0.97, 0.95, 0.92, 0.9].map((t) => newsbot("foldThreshold", t)));
    console.log("\nBy the fold's story similarity (the cosine of the two stories' recent cores; 0 leaves it to the item):");
    sweep.print("fold similarity", [0, 0.1, 0.2, 0.3].map((t) => newsbot("foldSimilarity", t)));
    console.log("\nBy the story size from which the subject check applies (articles with a body):");
    sweep.print("subject from", [1, 4, 6, 8, 10, 12, 1000].map((n) => newsbot("subjectMinArticles", n)));
    console.log("\nBy how rare a shared subject term must be (its IDF over the highest possible; 0 counts every term):");
    sweep.print("subject rarity", [0, 0.4, 0.5, 0.6].map((r) => newsbot("subjectRarity", r)));
    console.log("\nBy the articles of a story's recent core:");
    sweep.print("core articles", [2, 4, 8].map((n) => newsbot("coreArticles", n)));
    console.log("\nBy centroid decay (1 keeps every article at full weight in the centroid):");
    sweep.print("centroid decay", [1, 0.95, 0.9].map((d) => newsbot("centroidDecay", d)));
  }

  if (args.assign) {
    const clusters = clusterNewsbot(items);
    const out: Record<string, string> = {};
    items.forEach((item, i) => (out[item.id] = String(clusters[i])));
    writeFileSync(args.assign, JSON.stringify(out, null, 2) + "\n");
    console.log(`assignments written to ${args.assign}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
