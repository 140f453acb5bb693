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
// so they are estimated by 2-fold cross-validation over the tuning documents; each kind's threshold is
// the lowest at which those out-of-fold readings reach the precision target on that kind.
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
// Chosen on the tuning part's cross-validation: 0.001 left organisations never sure, 0.01 and up
// flatten every probability below the thresholds.
const L2 = 0.003;
const STEPS = 300;
const RATE = 0.5;
const KINDS: EntityKind[] = ["person", "place", "organisation"];

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

function tagged(doc: EntityDoc): TaggedDoc {
  const { candidates } = candidatesOf(asArticle(doc.text));
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

function fit(examples: Example[]): Weights {
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

/** Per kind, the lowest threshold at which out-of-fold readings of that kind reach the target precision. */
function thresholds(readings: Array<{ kind: EntityKind | undefined; p: number; gold: number }>): Record<EntityKind, number> {
  const out = { person: 1, place: 1, organisation: 1 } as Record<EntityKind, number>;
  for (const kind of KINDS) {
    const c = CLASSES.indexOf(kind);
    for (let t = 0.4; t <= 0.995; t += 0.01) {
      const shown = readings.filter((r) => r.kind === kind && r.p >= t);
      const right = shown.filter((r) => r.gold === c).length;
      // At least a handful of mentions, so one lucky document does not set it.
      if (shown.length >= 10 && right / shown.length >= target) {
        out[kind] = Math.round(t * 100) / 100;
        break;
      }
    }
  }
  return out;
}

const docs = tuning.map(tagged);
const [even, odd] = [docs.filter((_, i) => i % 2 === 0), docs.filter((_, i) => i % 2 === 1)];
const readings: Array<{ kind: EntityKind | undefined; p: number; gold: number }> = [];
for (const [train, test] of [[even, odd], [odd, even]] as const) {
  const model = fit(examplesOf(train));
  for (const d of test) {
    articleProbabilities(d.candidates, model).forEach((p, i) => {
      const r = readingOf(p, model);
      readings.push({ kind: r.kind, p: r.p, gold: d.labels[i]! });
    });
  }
}
// Out-of-fold precision and recall per kind at a few thresholds: right / shown of gold mentions.
for (const kind of KINDS) {
  const c = CLASSES.indexOf(kind);
  const gold = readings.filter((r) => r.gold === c).length;
  const line = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => {
    const shown = readings.filter((r) => r.kind === kind && r.p >= t);
    return `${t}: ${shown.filter((r) => r.gold === c).length}/${shown.length} of ${gold}`;
  });
  console.log(`cross-validated ${kind}: ${line.join("  ")}`);
}
const model = fit(examplesOf(docs));
model.thresholds = thresholds(readings);

const out = join(import.meta.dirname, "..", "src", "core", "nlp", "entities", "entity-weights.ts");
const header = `// Written by bench/train-entities.ts from the tuning part of gum-news.jsonl (${docs.length} documents,
// ${docs.reduce((n, d) => n + d.candidates.length, 0)} mentions): do not edit by hand. Each row: weights for ${CLASSES.join(", ")}.
// Thresholds: the lowest probability at which 2-fold cross-validated readings of a kind reach
// precision ${target} on the tuning part (1: never sure).
import type { Weights } from "./model.js";

`;
const rowsText = Object.entries(model.weights)
  .map(([f, w]) => `    ${JSON.stringify(f)}: [${w.join(", ")}],`)
  .join("\n");
fs.writeFileSync(
  out,
  `${header}export const ENTITY_MODEL: Weights = {\n  thresholds: ${JSON.stringify(model.thresholds).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": ")},\n  weights: {\n${rowsText}\n  },\n};\n`,
);
console.log(`${Object.keys(model.weights).length} features, thresholds ${JSON.stringify(model.thresholds)} -> ${out}`);
