// Learns the entity model (src/core/nlp/entities/entity-weights.ts) from the tuning part of an
// annotated file, by default ../shared/data/entities/gum-news.jsonl; the held-out part (splitOf) is
// never read. bench:entities reports both parts.
//
//   npx tsx bench/train-entities.ts [FILE.jsonl] [--precision 0.9]
//
// Examples: every mention the rules find (classify.ts), labelled with the gold kind when a gold span
// is exactly the mention's, else "none". Fit: multinomial logistic regression with L2, by full-batch
// gradient descent (AdaGrad steps), on features.ts's features seen at least MIN_COUNT times.
// Thresholds: the probabilities the final model would give are unknown on documents it learnt from,
// so they are estimated by leave-one-document-out cross-validation over the tuning documents; each
// kind's threshold is the lowest above which those out-of-fold readings keep the precision target on
// that kind. The L2 strength is the one whose thresholds show the most right mentions.
import fs from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { candidatesOf } from "../src/core/nlp/entities.js";
import type { EntityKind } from "../src/core/article.js";
import { writtenSpan } from "../src/core/nlp/entities/classify.js";
import { articleView, featuresOf, type Candidate } from "../src/core/nlp/entities/features.js";
import { CLASSES, articleProbabilities, readingOf, type Weights } from "../src/core/nlp/entities/model.js";
import { dataDir } from "./data.js";
import { asArticle, readEntityDocs, splitOf, trimmed, type EntityDoc } from "./entity-data.js";

const MIN_COUNT = 2;
// Tried in cross-validation; 0.01 and up flatten every probability below any useful threshold.
const L2_GRID = [0.0003, 0.001, 0.003];
const STEPS = 300;
const RATE = 0.5;
const KINDS: EntityKind[] = ["person", "place", "organisation"];
const MIN_SHOWN = 20;
const OUTSIDE_MIN = 3;
const OUTSIDE_SHARE = 0.8;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { precision: { type: "string", default: "0.9" } } });
const target = Number(values.precision);
const file = positionals[0] ?? join(dataDir(), "entities", "gum-news.jsonl");
const tuning = readEntityDocs(file).filter((d) => splitOf(d.id) === "tune");

interface Example {
  features: string[];
  label: number;
}
interface TaggedDoc {
  doc: EntityDoc;
  candidates: Candidate[];
  labels: number[];
}

function tagged(doc: EntityDoc, outsideSpan: string[]): TaggedDoc {
  const { candidates } = candidatesOf(asArticle(doc.text), { weights: {}, thresholds: { person: 1, place: 1, organisation: 1 }, outsideSpan });
  const gold = new Map(doc.entities.map((e) => [`${e.start}:${e.end}`, e.kind === "organization" ? "organisation" : e.kind]));
  const labels = candidates.map(({ mention: m }) => {
    const span = trimmed(doc.text, { ...writtenSpan(m), kind: "person" });
    return CLASSES.indexOf((gold.get(`${span.start}:${span.end}`) ?? "none") as (typeof CLASSES)[number]);
  });
  return { doc, candidates, labels };
}

function examplesOf(docs: TaggedDoc[]): Example[] {
  return docs.flatMap(({ candidates, labels }) => {
    const view = articleView(candidates);
    return candidates.map((c, i) => ({ features: featuresOf(c, view), label: labels[i]! }));
  });
}

function fit(examples: Example[], L2: number): Weights {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f).sort();
  const index = new Map(names.map((f, i) => [f, i]));
  const rows = examples.map((e) => ({ ids: e.features.flatMap((f) => index.get(f) ?? []), label: e.label }));
  const k = CLASSES.length;
  const w = new Float64Array(names.length * k);
  const g2 = new Float64Array(names.length * k).fill(1e-8);
  for (let step = 0; step < STEPS; step++) {
    const grad = new Float64Array(w.length);
    for (const { ids, label } of rows) {
      const z = new Array<number>(k).fill(0);
      for (const id of ids) for (let c = 0; c < k; c++) z[c]! += w[id * k + c]!;
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < k; c++) {
        const d = e[c]! / sum - (c === label ? 1 : 0);
        for (const id of ids) grad[id * k + c]! += d;
      }
    }
    for (let i = 0; i < w.length; i++) {
      const gi = grad[i]! / rows.length + L2 * w[i]! * (names[Math.floor(i / k)] === "bias" ? 0 : 1);
      g2[i]! += gi * gi;
      w[i]! -= (RATE * gi) / Math.sqrt(g2[i]!);
    }
  }
  const weights: Record<string, number[]> = {};
  names.forEach((f, i) => {
    const row = CLASSES.map((_, c) => Math.round(w[i * k + c]! * 1000) / 1000);
    if (row.some((v) => Math.abs(v) >= 0.01)) weights[f] = row;
  });
  return { weights, thresholds: { person: 0.5, place: 0.5, organisation: 0.5 } };
}

interface OutOfFold {
  kind: EntityKind | undefined;
  p: number;
  gold: number;
}

/** Per kind, the lowest threshold above which every threshold keeps out-of-fold readings of that kind
 * at the target precision (a dip lower down is not bridged by a lucky step), counting only thresholds
 * that show at least MIN_SHOWN mentions (one mistake among ten is noise); 1 when none does. With the
 * right mentions it shows. */
function thresholds(readings: OutOfFold[]): { thresholds: Record<EntityKind, number>; right: number } {
  const out = { person: 1, place: 1, organisation: 1 } as Record<EntityKind, number>;
  let total = 0;
  for (const kind of KINDS) {
    const c = CLASSES.indexOf(kind);
    const ofKind = readings.filter((r) => r.kind === kind);
    let right = 0;
    for (let step = 99; step >= 40; step--) {
      const t = step / 100;
      const shown = ofKind.filter((r) => r.p >= t);
      const hits = shown.filter((r) => r.gold === c).length;
      if (shown.length < MIN_SHOWN) continue;
      if (hits / shown.length < target) break;
      out[kind] = t;
      right = hits;
    }
    total += right;
  }
  return { thresholds: out, right: total };
}

/** Out-of-fold readings: each document read by a model fit on the others. */
function crossValidated(docs: TaggedDoc[], L2: number): OutOfFold[] {
  return docs.flatMap((test) => {
    const model = fit(examplesOf(docs.filter((d) => d !== test)), L2);
    return articleProbabilities(test.candidates, model).map((p, i) => {
      const r = readingOf(p, model);
      return { kind: r.kind, p: r.p, gold: test.labels[i]! };
    });
  });
}

/** First words the annotators leave out of names of two words or more: at least OUTSIDE_MIN times,
 * and in OUTSIDE_SHARE of the names that start with them and that they mark either way. */
function outsideSpan(docs: TaggedDoc[]): string[] {
  const tally = new Map<string, { kept: number; left: number }>();
  for (const { doc, candidates } of docs) {
    const gold = new Set(doc.entities.map((e) => `${e.start}:${e.end}`));
    for (const { mention: m, run } of candidates) {
      const span = trimmed(doc.text, { ...writtenSpan(m), kind: "person" });
      if (run.length < 2 || span.start !== run[0]!.pos) continue;
      const t = tally.get(run[0]!.lower) ?? { kept: 0, left: 0 };
      if (gold.has(`${span.start}:${span.end}`)) t.kept++;
      else if (gold.has(`${run[1]!.pos}:${span.end}`)) t.left++;
      tally.set(run[0]!.lower, t);
    }
  }
  return [...tally].filter(([, t]) => t.left >= OUTSIDE_MIN && t.left >= OUTSIDE_SHARE * (t.left + t.kept)).map(([w]) => w).sort();
}

const outside = outsideSpan(tuning.map((d) => tagged(d, [])));
const docs = tuning.map((d) => tagged(d, outside));
let best: { L2: number; thresholds: Record<EntityKind, number>; right: number } | undefined;
for (const L2 of L2_GRID) {
  const readings = crossValidated(docs, L2);
  const chosen = thresholds(readings);
  // Out-of-fold precision per kind at a few thresholds: right / shown, of the gold mentions the rules find.
  console.log(`L2 ${L2}: thresholds ${JSON.stringify(chosen.thresholds)}, ${chosen.right} right mentions shown`);
  for (const kind of KINDS) {
    const c = CLASSES.indexOf(kind);
    const gold = readings.filter((r) => r.gold === c).length;
    const line = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => {
      const shown = readings.filter((r) => r.kind === kind && r.p >= t);
      return `${t}: ${shown.filter((r) => r.gold === c).length}/${shown.length}`;
    });
    console.log(`  ${kind} (${gold} findable): ${line.join("  ")}`);
  }
  if (!best || chosen.right > best.right) best = { L2, ...chosen };
}
const model = fit(examplesOf(docs), best!.L2);
model.thresholds = best!.thresholds;
model.outsideSpan = outside;

const out = join(import.meta.dirname, "..", "src", "core", "nlp", "entities", "entity-weights.ts");
const header = `// Written by bench/train-entities.ts from the tuning part of gum-news.jsonl (${docs.length} documents,
// ${docs.reduce((n, d) => n + d.candidates.length, 0)} mentions): do not edit by hand. Each row: weights for ${CLASSES.join(", ")}.
// L2 ${best!.L2}. Thresholds: the lowest probability above which leave-one-document-out readings of a
// kind keep precision ${target} on the tuning part (1: never sure).
import type { Weights } from "./model.js";

`;
const rowsText = Object.entries(model.weights)
  .map(([f, w]) => `    ${JSON.stringify(f)}: [${w.join(", ")}],`)
  .join("\n");
fs.writeFileSync(
  out,
  `${header}export const ENTITY_MODEL: Weights = {\n  thresholds: ${JSON.stringify(model.thresholds).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": ")},\n  outsideSpan: ${JSON.stringify(outside)},\n  weights: {\n${rowsText}\n  },\n};\n`,
);
console.log(`left out of spans: ${outside.join(", ") || "none"}`);
console.log(`${Object.keys(model.weights).length} features, thresholds ${JSON.stringify(model.thresholds)} -> ${out}`);
