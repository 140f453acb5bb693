// Story-summary benchmark: ingests a mixed corpus (the BBC News Summary articles, outlet "BBC", and
// the WikiRef folder, of no named outlet) into a fresh temporary store, exactly as `ingest` would,
// takes every story of more than one article as its card reads it (the latest 10 articles), and
// counts the summaries that break each rule of a story summary (storySummaryFaults): a sentence that
// leans on one left out ("She said ..."), a sentence from another report that does not name its
// outlet, two sentences that retell one fact. newsbot's story summary beside the collage it replaced
// (the lead's lede, then the best-scored summary sentences of all the articles), in the same run.
//
//   npm run bench:story-summary -- [--bbc DIR] [--wikiref DIR] [--overlaps] [--show N]
//
// --overlaps prints the distribution of restatement() over sentence pairs that tell different things
// (pairs of one article's sentences) and over pairs across the reports of one story (where retellings
// are), with sample pairs around the threshold: how MAX_RESTATEMENT was chosen.
// --show N prints N summaries that break a rule under the old algorithm, old and new side by side.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Article } from "../src/core/article.js";
import { contentTerms } from "../src/core/cluster/features.js";
import { ingestArticles } from "../src/core/ingest.js";
import { splitSentences } from "../src/core/nlp/sentences.js";
import { scoreSentences } from "../src/core/nlp/summary.js";
import { groupByStory, leadArticle, type Story } from "../src/core/stories.js";
import { MAX_RESTATEMENT, restatement, storySummary, storySummaryFaults, type StorySummaryFaults } from "../src/core/story-summary.js";
import { Ingest } from "../src/core/storage/ingest.js";
import { SqliteStorage } from "../src/store/sqlite/sqlite-storage.js";
import { printTable, readCorpus, requireDir } from "./data.js";

/** The articles a card reads of a story (newsroom.ts CARD_ARTICLES). */
const CARD_ARTICLES = 10;
const NOW = new Date("2024-01-01T00:00:00Z");

/** Today's algorithm until this change (stories.ts before story-summary.ts), kept as the baseline:
 * the lead's lede, then the best-scored of all the articles' stored summary sentences, leaving out
 * those sharing 60% of their content words (Jaccard) with one already in, in pool order. */
function collageSummary(lead: Article, articles: Article[]): string[] {
  const [lede, ...rest] = lead.summary;
  const seen = new Set(lede ? [lede] : []);
  const pool = [...rest, ...articles.filter((a) => a !== lead).flatMap((a) => a.summary)].filter((s) => !seen.has(s) && seen.add(s));
  const scores = scoreSentences(pool, lead.title);
  const termSet = (s: string) => new Set(contentTerms(s));
  const jaccard = (a: Set<string>, b: Set<string>) => {
    let both = 0;
    for (const t of a) if (b.has(t)) both++;
    const union = a.size + b.size - both;
    return union === 0 ? 0 : both / union;
  };
  const kept = lede ? [termSet(lede)] : [];
  const best: Array<{ sentence: string; i: number }> = [];
  for (const c of pool.map((sentence, i) => ({ sentence, score: scores[i] ?? 0, i })).sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (kept.length >= 3) break;
    const terms = termSet(c.sentence);
    if (kept.some((k) => jaccard(k, terms) >= 0.6)) continue;
    kept.push(terms);
    best.push(c);
  }
  const chosen = best.sort((a, b) => a.i - b.i).map((s) => s.sentence);
  return lede ? [lede, ...chosen] : chosen;
}

const ALGORITHMS: Record<string, (lead: Article, articles: Article[]) => string[]> = {
  "collage (before)": collageSummary,
  "newsbot story summary": storySummary,
};

async function multiArticleStories(bbc: string, wikiref: string): Promise<Story[]> {
  const inputs = [...(await readCorpus(path.join(bbc, "News Articles"), "BBC")), ...(await readCorpus(wikiref))];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-story-summary-"));
  const store = new SqliteStorage(path.join(dir, "bench.db"));
  try {
    const report = await ingestArticles(inputs, new Ingest(store), () => NOW);
    const stored = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    const stories = groupByStory(stored);
    // Issue 19's drift check: BBC articles of different events must not pile into one story.
    const [widest] = stories.map((s) => ({ s, bbc: s.articles.filter((a) => a.source === "BBC").length })).sort((a, b) => b.bbc - a.bbc);
    if (widest) console.log(`largest story: ${widest.bbc} BBC articles of ${widest.s.articles.length} (target: at most 15), "${widest.s.articles.slice(0, 3).map((a) => a.title).join('", "')}", ...`);
    const ids = stories.filter((s) => s.articles.length > 1).map((s) => s.id);
    const articles = await store.articles.ofStories(ids, CARD_ARTICLES);
    console.log(`${inputs.length} articles read, ${report.added} stored, ${ids.length} stories of more than one article`);
    return ids.map((id) => ({ id, articles: articles.get(id) ?? [] }));
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const RULES: Array<[keyof StorySummaryFaults, string]> = [
  ["dangling", "pronoun opening without its sentence"],
  ["unattributed", "other report's sentence, no outlet"],
  ["redundant", `retold fact (restatement >= ${MAX_RESTATEMENT})`],
];

function faultTable(stories: Story[]): void {
  const rows = Object.entries(ALGORITHMS).map(([name, summarize]) => {
    const broken = { dangling: 0, unattributed: 0, redundant: 0, any: 0 };
    let sentences = 0;
    let words = 0;
    for (const story of stories) {
      const lead = leadArticle(story);
      const summary = summarize(lead, story.articles);
      sentences += summary.length;
      words += summary.join(" ").split(/\s+/).filter(Boolean).length;
      const faults = storySummaryFaults(summary, lead, story.articles);
      for (const [rule] of RULES) if (faults[rule] > 0) broken[rule]++;
      if (RULES.some(([rule]) => faults[rule] > 0)) broken.any++;
    }
    const n = Math.max(1, stories.length);
    return [name, stories.length, ...RULES.map(([rule]) => broken[rule]), broken.any, (sentences / n).toFixed(2), (words / n).toFixed(1)];
  });
  printTable(["algorithm", "stories", ...RULES.map(([, label]) => label), "any rule", "sentences", "words"], rows);
}

/** Quantiles of a sorted list. */
function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

/** The restatement distribution of sentence pairs within one article and across one story's reports. */
function overlaps(stories: Story[]): void {
  const within: number[] = [];
  const across: Array<{ score: number; a: string; b: string }> = [];
  for (const story of stories) {
    const bodies = story.articles.map((a) => splitSentences(a.body).filter((s) => s.split(" ").length >= 6));
    for (const sentences of bodies) {
      for (let i = 0; i < sentences.length; i++) for (let j = i + 1; j < sentences.length; j++) within.push(restatement(sentences[i]!, sentences[j]!));
    }
    for (let x = 0; x < bodies.length; x++) {
      for (let y = x + 1; y < bodies.length; y++) {
        for (const a of bodies[x]!) for (const b of bodies[y]!) if (a !== b) across.push({ score: restatement(a, b), a, b });
      }
    }
  }
  const bins = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.01];
  const share = (scores: number[], lo: number, hi: number) => scores.filter((s) => s >= lo && s < hi).length;
  const acrossScores = across.map((p) => p.score);
  console.log("\nrestatement (share of the shorter sentence's content bigrams in the other) of sentence pairs:");
  printTable(
    ["restatement", "within one article", "across one story's reports"],
    bins.slice(0, -1).map((lo, i) => [`[${lo.toFixed(2)}, ${Math.min(1, bins[i + 1]!).toFixed(2)}${i === bins.length - 2 ? "]" : ")"}`, share(within, lo, bins[i + 1]!), share(acrossScores, lo, bins[i + 1]!)]),
  );
  within.sort((a, b) => a - b);
  console.log(`within one article: ${within.length} pairs, 99th percentile ${quantile(within, 0.99).toFixed(3)}, 99.9th ${quantile(within, 0.999).toFixed(3)}`);
  // Sample pairs across reports in each bin around the threshold, to read which are retellings.
  for (const [lo, hi] of [[0.15, 0.2], [0.2, 0.25], [0.25, 0.3], [0.3, 0.4]] as const) {
    const inBin = across.filter((p) => p.score >= lo && p.score < hi);
    console.log(`\n-- across reports, restatement in [${lo}, ${hi}): ${inBin.length} pairs; every ${Math.max(1, Math.floor(inBin.length / 8))}th of them:`);
    for (const p of inBin.filter((_, i) => i % Math.max(1, Math.floor(inBin.length / 8)) === 0).slice(0, 8)) {
      console.log(`  ${p.score.toFixed(2)}  A: ${p.a}\n        B: ${p.b}`);
    }
  }
}

function show(stories: Story[], n: number): void {
  let shown = 0;
  for (const story of stories) {
    if (shown >= n) break;
    const lead = leadArticle(story);
    const before = collageSummary(lead, story.articles);
    const faults = storySummaryFaults(before, lead, story.articles);
    if (!RULES.some(([rule]) => faults[rule] > 0)) continue;
    shown++;
    console.log(`\n# ${lead.title} (${story.articles.length} articles) ${JSON.stringify(faults)}`);
    console.log(`  before: ${before.join(" ")}`);
    console.log(`  now:    ${storySummary(lead, story.articles).join(" ")}`);
  }
}

/** The rule table over the mixed corpus's multi-article stories: what bench:summary prints last. */
export async function storySummaryBench(bbc: string, wikiref: string): Promise<void> {
  faultTable(await multiArticleStories(bbc, wikiref));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { bbc: { type: "string" }, wikiref: { type: "string" }, overlaps: { type: "boolean", default: false }, show: { type: "string" } },
  });
  const bbc = requireDir(values.bbc, "bbc-news-summary", "The BBC News Summary folder");
  const wikiref = requireDir(values.wikiref, "wikiref220", "The WikiRef folder");
  const stories = await multiArticleStories(bbc, wikiref);
  faultTable(stories);
  if (values.overlaps) overlaps(stories);
  if (values.show) show(stories, Number(values.show));
}

// Run as a script, not when bench:summary imports the table.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
