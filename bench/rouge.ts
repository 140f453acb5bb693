// ROUGE-N: clipped n-gram overlap between a candidate summary and a reference, as F1.
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
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
