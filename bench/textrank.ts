// TextRank baseline (Mihalcea & Tarau 2004): sentences are nodes, word overlap normalised by
// sentence lengths weighs the edges, PageRank ranks them; the top k come back in article order.
import { splitSentences } from "../src/core/nlp/sentences.js";

const DAMPING = 0.85;
const ITERATIONS = 50;

function words(sentence: string): Set<string> {
  return new Set(sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** The original TextRank similarity: shared words over the sum of the log lengths. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (Math.log(a.size) + Math.log(b.size));
}

export function textRank(body: string, k = 3): string[] {
  const sentences = splitSentences(body);
  if (sentences.length <= k) return sentences;
  const bags = sentences.map(words);
  const n = sentences.length;
  const weights = bags.map((a, i) => bags.map((b, j) => (i === j ? 0 : similarity(a, b))));
  const outWeight = weights.map((row) => row.reduce((sum, w) => sum + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Array<number>(n).fill((1 - DAMPING) / n);
    for (let j = 0; j < n; j++) {
      const total = outWeight[j] ?? 0;
      if (total === 0) continue;
      const share = (DAMPING * (rank[j] ?? 0)) / total;
      const row = weights[j] ?? [];
      for (let i = 0; i < n; i++) next[i] = (next[i] ?? 0) + (row[i] ?? 0) * share;
    }
    rank = next;
  }
  const chosen = rank
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  return chosen.map((index) => sentences[index] ?? "");
}
