// ROUGE-N (clipped n-gram overlap) and ROUGE-L (longest common subsequence) between a candidate
// summary and a reference, as precision, recall and F1.
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Lower-cased runs of letters and digits. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(" ");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(candidate: string, reference: string, n: number): RougeScore {
  const candidateGrams = ngramCounts(rougeTokens(candidate), n);
  const referenceGrams = ngramCounts(rougeTokens(reference), n);
  let overlap = 0;
  let candidateTotal = 0;
  let referenceTotal = 0;
  for (const count of referenceGrams.values()) referenceTotal += count;
  for (const [gram, count] of candidateGrams) {
    candidateTotal += count;
    // Clipped: an n-gram counts at most as often as the reference has it.
    overlap += Math.min(count, referenceGrams.get(gram) ?? 0);
  }
  const precision = candidateTotal ? overlap / candidateTotal : 0;
  const recall = referenceTotal ? overlap / referenceTotal : 0;
  return { precision, recall, f1: f1(precision, recall) };
}

function f1(precision: number, recall: number): number {
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Length of the longest common subsequence of two token lists: O(n m) time, O(m) memory. */
export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] = token === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** ROUGE-L: the longest common subsequence of the whole candidate and the whole reference (in-order
 * words, not necessarily adjacent), over each one's length. This is rouge-score's "rougeL", not the
 * per-sentence union "rougeLsum". */
export function rougeL(candidate: string, reference: string): RougeScore {
  const candidateTokens = rougeTokens(candidate);
  const referenceTokens = rougeTokens(reference);
  const common = lcsLength(candidateTokens, referenceTokens);
  const precision = candidateTokens.length ? common / candidateTokens.length : 0;
  const recall = referenceTokens.length ? common / referenceTokens.length : 0;
  return { precision, recall, f1: f1(precision, recall) };
}
