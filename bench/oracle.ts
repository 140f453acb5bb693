// The greedy oracle: which article sentences best reproduce a human reference. It labels the
// training data of the summary model (bench/train-summary.ts) and gives the benchmark its ceiling.
import { rougeN } from "./rouge.js";

/** The sentences (indexes, in article order) that greedily maximise ROUGE-1 + ROUGE-2 F1 against
 * the reference: add the sentence that raises the score most, stop at `limit` or when none raises
 * it (Nallapati et al. 2017's labelling, as BertSumExt trains on). */
export function greedyOracle(sentences: string[], reference: string, limit = 3): number[] {
  const chosen: number[] = [];
  let best = 0;
  while (chosen.length < limit) {
    let step: { index: number; score: number } | undefined;
    sentences.forEach((_, index) => {
      if (chosen.includes(index)) return;
      const candidate = [...chosen, index].sort((a, b) => a - b).map((i) => sentences[i]).join(" ");
      const score = rougeN(candidate, reference, 1).f1 + rougeN(candidate, reference, 2).f1;
      if (score > (step?.score ?? best)) step = { index, score };
    });
    if (!step) break;
    chosen.push(step.index);
    best = step.score;
  }
  return chosen.sort((a, b) => a - b);
}
