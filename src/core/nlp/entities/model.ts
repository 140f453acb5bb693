// The entity model: a multinomial logistic regression over features.ts, learnt by
// bench/train-entities.ts (weights in entity-weights.ts). It says how likely each mention is a person,
// a place, an organisation or none of them; mentions of one name in an article share one reading.
import type { EntityKind } from "../../article.js";
import { foldKey } from "../places.js";
import { ENTITY_MODEL } from "./entity-weights.js";
import { articleView, featuresOf, type Candidate } from "./features.js";

/** The classes the model tells apart, in the order of each weight row. */
export const CLASSES = ["person", "place", "organisation", "none"] as const;
export type EntityClass = (typeof CLASSES)[number];

export interface Reading {
  kind: EntityKind | undefined;
  /** The probability of that kind. */
  p: number;
  /** Above the kind's precision threshold: a card may show it. */
  sure: boolean;
}

export interface Weights {
  weights: Record<string, number[]>;
  thresholds: Record<EntityKind, number>;
  /** First words of a name that annotators leave out of the mention's span ("United" of "United
   * States": tagged an adjective, not a proper noun), learnt; the entity keeps its whole name. */
  outsideSpan?: string[];
}

// Weight rows as typed arrays in a Map, built once per model: the lookup runs for every feature of
// every mention.
const compiled = new WeakMap<Weights, Map<string, Float64Array>>();
function rowsOf(model: Weights): Map<string, Float64Array> {
  let rows = compiled.get(model);
  if (!rows) {
    rows = new Map(Object.entries(model.weights).map(([f, w]) => [f, Float64Array.from(CLASSES, (_, k) => w[k] ?? 0)]));
    compiled.set(model, rows);
  }
  return rows;
}

/** Class probabilities from a feature list. */
export function probabilities(features: string[], model: Weights = ENTITY_MODEL): number[] {
  const rows = rowsOf(model);
  const z = new Array<number>(CLASSES.length).fill(0);
  for (const f of features) {
    const w = rows.get(f);
    if (w) for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  let max = z[0]!;
  for (let k = 1; k < z.length; k++) max = Math.max(max, z[k]!);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return z;
}

/** Per mention, the probabilities averaged over the article's mentions of the same name: one name,
 * one reading ("Everton" is the club in every sentence of a match report, or in none). (Pooling a
 * lone surname with its full name lowered recall at the same precision on the tuning part.) */
export function articleProbabilities(candidates: Candidate[], model: Weights = ENTITY_MODEL): number[][] {
  const view = articleView(candidates);
  const probs = candidates.map((c) => probabilities(featuresOf(c, view), model));
  // A country's forms differ in kind ("Syrian" names no place in the text): each reads alone.
  const keys = candidates.map(({ mention: m }) => (m.country ? undefined : foldKey(m.name)));
  const byName = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key === undefined) return;
    const sum = byName.get(key) ?? new Array<number>(CLASSES.length).fill(0);
    for (let k = 0; k < sum.length; k++) sum[k]! += probs[i]![k]!;
    byName.set(key, sum);
  });
  return keys.map((key, i) => {
    const sum = key === undefined ? undefined : byName.get(key);
    if (!sum) return probs[i]!;
    const total = sum.reduce((a, b) => a + b, 0);
    return sum.map((v) => v / total);
  });
}

/** The most likely kind (undefined when "none" is likelier than any) and whether it is sure. */
export function readingOf(probs: number[], model: Weights = ENTITY_MODEL): Reading {
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
  const cls = CLASSES[best]!;
  if (cls === "none") return { kind: undefined, p: probs[best]!, sure: false };
  const p = probs[best]!;
  return { kind: cls, p, sure: p >= model.thresholds[cls] };
}
