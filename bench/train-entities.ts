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
// kind's threshold is the lowest at which the out-of-fold cards (each document tagged whole, as
// bench:entities does, by a model fit on the others) keep the precision target on that kind (and at
// the three steps above it). The L2 strength is the one whose thresholds show the most right card
// mentions. The mention-level readings are printed too; countries apart: cards show them without a
// threshold (entities.ts). DEBUG_CARDS=kind:step prints the wrong card mentions at that step; L2=a,b
// tries those strengths only.
// Env: MIN_COUNT, LEXICAL_MIN_COUNT (how often a feature, a context word's, must occur to be learnt);
// DEBUG_CV=P prints the out-of-fold readings at P or above that are wrong.
import fs from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { candidatesOf, tagMentions } from "../src/core/nlp/entities.js";
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
const L2_GRID = (process.env.L2 ?? "0.0003,0.001,0.003").split(",").map(Number);
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

/** What one threshold of a kind adds to the cards of the documents read out of fold: mentions shown,
 * right ones (a gold span of that kind exactly). */
interface CardTally {
  found: number;
  right: number;
  /** Not right, but inside a gold mention of the kind (printed only: GUM marks the outermost mention). */
  inside: number;
}
const STEP_FROM = 40;

/** Out-of-fold cards: each tuning document tagged as bench:entities tags it (entities.ts, the whole
 * pipeline: a name's mentions share a reading, an entity is on the card when one of its mentions is
 * sure, so all of its mentions are), by a model fit on the other documents, at each threshold of one
 * kind while the others show nothing. What a card shows is what the threshold is chosen on, not the
 * mention the model reads. */
function cardCurves(docs: TaggedDoc[], L2: number, outside: string[]): Record<EntityKind, CardTally[]> {
  const curves = Object.fromEntries(KINDS.map((k) => [k, Array.from({ length: 100 }, () => ({ found: 0, right: 0, inside: 0 }))])) as Record<EntityKind, CardTally[]>;
  const never = { person: 1, place: 1, organisation: 1 };
  for (const test of docs) {
    const model = fit(examplesOf(docs.filter((d) => d !== test)), L2);
    model.outsideSpan = outside;
    const article = asArticle(test.doc.text);
    const gold = new Set(test.doc.entities.map((e) => `${e.start}:${e.end}:${e.kind === "organization" ? "organisation" : e.kind}`));
    const keys = (kind?: EntityKind): Set<string> =>
      new Set(
        tagMentions(article, model)
          .filter((m) => m.sure && (kind === undefined || m.kind === kind))
          .map((m) => {
            const t = trimmed(test.doc.text, { start: m.start, end: m.end, kind: "person" });
            return `${t.start}:${t.end}:${m.kind}`;
          }),
      );
    model.thresholds = { ...never };
    const before = keys();
    for (const kind of KINDS) {
      for (let step = STEP_FROM; step < 100; step++) {
        model.thresholds = { ...never, [kind]: step / 100 };
        for (const key of keys(kind)) {
          if (before.has(key)) continue;
          const tally = curves[kind][step]!;
          tally.found++;
          if (gold.has(key)) {
            tally.right++;
            continue;
          }
          const [start = 0, end = 0] = key.split(":").map(Number);
          if (test.doc.entities.some((e) => e.kind === (kind === "organisation" ? "organization" : kind) && e.start <= start && end <= e.end)) tally.inside++;
          if (process.env.DEBUG_CARDS === `${kind}:${step}`) {
            const g = test.doc.entities.find((e) => e.start === start && e.end === end);
            console.log(`    card fp ${kind} ${g ? `gold ${g.kind}` : "no gold span"} ${test.doc.id} ${JSON.stringify(test.doc.text.slice(start, end))} in ${JSON.stringify(test.doc.text.slice(Math.max(0, start - 30), end + 20))}`);
          }
        }
      }
    }
  }
  return curves;
}

/** Per kind, the lowest threshold at which the out-of-fold cards keep the target precision, and keep
 * it at the three thresholds just above, counting only thresholds that show at least MIN_SHOWN
 * mentions; 1 when none does. With the right mentions the cards show then. */
function cardThresholds(curves: Record<EntityKind, CardTally[]>): { thresholds: Record<EntityKind, number>; right: number } {
  const out: Record<EntityKind, number> = { person: 1, place: 1, organisation: 1 };
  let total = 0;
  for (const kind of KINDS) {
    const ok = (step: number) => {
      const t = curves[kind][step];
      return t !== undefined && t.found >= MIN_SHOWN && t.right / t.found >= target;
    };
    // right/shown (and, in brackets, counting too those inside a gold mention of the kind)
    console.log(`  cards, ${kind}: ${[50, 60, 70, 75, 80, 85, 90, 95].map((st) => { const t = curves[kind][st]!; return `${st}: ${t.right}/${t.found} (${t.right + t.inside})`; }).join("  ")}`);
    for (let step = STEP_FROM; step <= 96; step++) {
      if (![0, 1, 2, 3].every((d) => ok(step + d))) continue;
      out[kind] = step / 100;
      total += curves[kind][step]!.right;
      break;
    }
  }
  return { thresholds: out, right: total };
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
  const mentionLevel = thresholds(readings);
  console.log(`L2 ${L2}, by mention: thresholds ${JSON.stringify(mentionLevel.thresholds)}, ${mentionLevel.right} right mentions`);
  const onCards = cardThresholds(cardCurves(docs, L2, outside));
  const chosen = { thresholds: { ...onCards.thresholds, country: mentionLevel.thresholds.country }, right: onCards.right };
  // Out-of-fold precision per kind at a few thresholds: right / shown, of the gold mentions the rules find.
  const logLoss = -readings.reduce((a, r) => a + Math.log(Math.max(r.pGold, 1e-9)), 0) / readings.length;
  console.log(`L2 ${L2}, on cards: thresholds ${JSON.stringify(chosen.thresholds)}, ${chosen.right} right card mentions, log-loss ${logLoss.toFixed(4)}`);
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
// L2 ${best!.L2}. Thresholds: the lowest probability above which leave-one-document-out cards keep
// precision ${target} on a kind on the tuning part (1: never sure).
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
