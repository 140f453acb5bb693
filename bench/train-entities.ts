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
// kind's threshold is the lowest at which those out-of-fold readings keep the precision target on
// that kind (and at the three steps above it). The L2 strength is the one whose thresholds show the
// most right mentions. Countries are printed apart: cards show them without a threshold (entities.ts).
// Env: MIN_COUNT, LEXICAL_MIN_COUNT (how often a feature, a context word's, must occur to be learnt);
// DEBUG_CV=P prints the out-of-fold readings at P or above that are wrong.
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

const MIN_COUNT = Number(process.env.MIN_COUNT ?? 2);
// Words around a name (and inside it) are features only when the tuning part has them often enough.
const LEXICAL_MIN_COUNT = Number(process.env.LEXICAL_MIN_COUNT ?? 2);
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
  const names = [...counts].filter(([f, n]) => n >= (/^(?:p|nx|p2|lw|inner)=/.test(f) ? LEXICAL_MIN_COUNT : MIN_COUNT)).map(([f]) => f).sort();
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
  /** The probability of the right class, for the log-loss. */
  pGold: number;
  gold: number;
  /** A country's mention (its threshold is its own). */
  country: boolean;
  doc: string;
  name: string;
}

/** The precision of shown readings, and the lowest it falls to when any one document is left out
 * (printed: how much a precision rests on one document's names). */
function precisionOf(shown: OutOfFold[], c: number): { precision: number; worst: number } {
  const hits = shown.filter((r) => r.gold === c).length;
  const byDoc = new Map<string, { n: number; hits: number }>();
  for (const r of shown) {
    const d = byDoc.get(r.doc) ?? { n: 0, hits: 0 };
    d.n++;
    d.hits += r.gold === c ? 1 : 0;
    byDoc.set(r.doc, d);
  }
  let worst = hits / shown.length;
  for (const d of byDoc.values()) if (shown.length > d.n) worst = Math.min(worst, (hits - d.hits) / (shown.length - d.n));
  return { precision: hits / shown.length, worst };
}

/** Which readings a threshold applies to: a kind's, countries apart (their mentions resolve from the
 * gazetteer; the threshold says only whether one reads as the place). */
type Part = EntityKind | "country";
const PARTS: Part[] = [...KINDS, "country"];
const inPart = (r: OutOfFold, part: Part): boolean => (part === "country" ? r.country && r.kind === "place" : r.kind === part && !r.country);

/** Per kind (and for countries), the lowest threshold at which the out-of-fold readings shown keep the
 * target precision, and keep it at the three thresholds just above (one lucky step is not enough; a
 * dip far above is not a reason to show nothing), counting only thresholds that show at least MIN_SHOWN
 * mentions (one mistake among ten is noise); 1 when none does. With the right mentions it shows. */
function thresholds(readings: OutOfFold[]): { thresholds: Record<Part, number>; right: number } {
  const out = { person: 1, place: 1, organisation: 1, country: 1 } as Record<Part, number>;
  let total = 0;
  for (const part of PARTS) {
    const c = CLASSES.indexOf(part === "country" ? "place" : part);
    const ofPart = readings.filter((r) => inPart(r, part));
    const ok: boolean[] = [];
    for (let step = 0; step <= 99; step++) {
      const shown = ofPart.filter((r) => r.p >= step / 100);
      ok[step] = shown.length >= MIN_SHOWN && precisionOf(shown, c).precision >= target;
    }
    console.log(`  ${part}: ${[50, 60, 70, 75, 80, 85, 90, 95].map((st) => { const sh = ofPart.filter((r) => r.p >= st / 100); const q = precisionOf(sh, c); return `${st}: ${sh.length} ${q.precision.toFixed(2)}/${q.worst.toFixed(2)}`; }).join("  ")}`);
    let right = 0;
    for (let step = 40; step <= 96; step++) {
      if (![0, 1, 2, 3].every((d) => ok[step + d])) continue;
      out[part] = step / 100;
      right = ofPart.filter((r) => r.p >= step / 100 && r.gold === c).length;
      break;
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
      const m = test.candidates[i]!.mention;
      return { kind: r.kind, p: r.p, pGold: p[test.labels[i]!]!, gold: test.labels[i]!, country: m.country, doc: test.doc.id, name: test.doc.text.slice(writtenSpan(m).start, writtenSpan(m).end) };
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
let best: { L2: number; thresholds: Record<Part, number>; right: number } | undefined;
for (const L2 of L2_GRID) {
  const readings = crossValidated(docs, L2);
  const chosen = thresholds(readings);
  // Out-of-fold precision per kind at a few thresholds: right / shown, of the gold mentions the rules find.
  const logLoss = -readings.reduce((a, r) => a + Math.log(Math.max(r.pGold, 1e-9)), 0) / readings.length;
  console.log(`L2 ${L2}: thresholds ${JSON.stringify(chosen.thresholds)}, ${chosen.right} right mentions shown, log-loss ${logLoss.toFixed(4)}`);
  const countries = readings.filter((r) => r.country && r.kind === "place");
  const place = CLASSES.indexOf("place");
  console.log(`  country as place: ${[0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => { const shown = countries.filter((r) => r.p >= t); return `${t}: ${shown.filter((r) => r.gold === place).length}/${shown.length}`; }).join("  ")}`);
  for (const kind of KINDS) {
    const c = CLASSES.indexOf(kind);
    const gold = readings.filter((r) => r.gold === c).length;
    const line = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => {
      const shown = readings.filter((r) => r.kind === kind && r.p >= t);
      return `${t}: ${shown.filter((r) => r.gold === c).length}/${shown.length}`;
    });
    console.log(`  ${kind} (${gold} findable): ${line.join("  ")}`);
  }
  if (process.env.DEBUG_CV) for (const r of readings) if (r.kind && r.p >= Number(process.env.DEBUG_CV) && r.gold !== CLASSES.indexOf(r.kind)) console.log(`    fp ${r.kind} ${r.p.toFixed(2)} ${CLASSES[r.gold]} ${r.doc} ${JSON.stringify(r.name)}`);
  if (!best || chosen.right > best.right) best = { L2, ...chosen };
}
const model = fit(examplesOf(docs), best!.L2);
const { country, ...byKind } = best!.thresholds;
model.thresholds = byKind;
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
// Countries are not thresholded (entities.ts): printed so that the choice can be checked.
console.log(`countries: ${country < 1 ? `precision ${target} from p >= ${country}` : `no threshold reaches precision ${target}`} (a card shows a country wherever the model reads it as the place)`);
console.log(`left out of spans: ${outside.join(", ") || "none"}`);
console.log(`${Object.keys(model.weights).length} features, thresholds ${JSON.stringify(model.thresholds)} -> ${out}`);
