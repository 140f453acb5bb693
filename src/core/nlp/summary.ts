// Extractive summary: scores each sentence with a small learned linear model over plain features,
// then takes the best, at most k and about 25 words each (75 for 3), in article order. Offline,
// deterministic, a fraction of a millisecond per article. The model, learned from editors'
// highlights (summary-model.ts), weighs a sentence's place in the article, how central its words
// are and its length; the other features are candidates that training tried and left at weight 0.
// The lede opens the summary only when it scores among the best, as it usually does.
import { withoutDateline } from "./dateline.js";
import { splitSentences } from "./sentences.js";
import { STOP_WORDS } from "./stopwords.js";
import { FEATURE_WEIGHTS, WORDS_PER_SENTENCE } from "./summary-model.js";

export const FEATURE_NAMES = [
  "centrality",
  "length",
  "first",
  "position",
  "titleOverlap",
  "quote",
  "number",
  "pronounStart",
  "names",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Words with an optional apostrophe ending ("world's", "don't"). Numbers are left out: "2005" or
 * "1" recur across sentences without being what the article is about. */
const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

function contentWords(sentence: string): string[] {
  const words = sentence.toLowerCase().match(WORD) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word.includes("’") ? word.replace("’", "'") : word));
}

/** One row of features per sentence, in the order of `names` (all of FEATURE_NAMES unless told):
 * scoring computes only the features the model weighs. Features that depend on the article's scale
 * (word counts) are centred on the article's mean, because the model only ever compares sentences
 * of the same article. */
export function sentenceFeatures(sentences: string[], title: string, names: readonly FeatureName[] = FEATURE_NAMES): number[][] {
  let counts: { words: string[][]; centrality: number[]; length: number[]; meanCentrality: number; meanLength: number } | undefined;
  const wordCounts = () => {
    if (counts) return counts;
    const words = sentences.map(contentWords);
    // In how many sentences each content word appears: a word spread across the article is its
    // topic, a word repeated within one sentence is only emphasis.
    const frequency = new Map<string, number>();
    // The sentence that last counted each word: a word is counted once per sentence.
    const countedIn = new Map<string, number>();
    words.forEach((list, index) => {
      for (const word of list) {
        if (countedIn.get(word) === index) continue;
        countedIn.set(word, index);
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
      }
    });
    const centrality = words.map((list) => Math.log1p(list.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0)));
    const length = words.map((list) => Math.log1p(list.length));
    counts = { words, centrality, length, meanCentrality: mean(centrality), meanLength: mean(length) };
    return counts;
  };
  let titleWords: Set<string> | undefined;

  const features: Record<FeatureName, (sentence: string, index: number) => number> = {
    // Luhn / SumBasic: a sentence built from the article's recurring words is about its main
    // topic. Log of the summed sentence counts of its words; with "length" the model learns
    // how far to favour dense sentences over merely long ones (score ~ sum / length^w).
    centrality: (_, index) => (wordCounts().centrality[index] ?? 0) - wordCounts().meanCentrality,
    // Log content-word count: long sentences carry more facts, but length alone inflates
    // the summed frequencies above.
    length: (_, index) => (wordCounts().length[index] ?? 0) - wordCounts().meanLength,
    // The news lede states the story.
    first: (_, index) => (index === 0 ? 1 : 0),
    // Later paragraphs hold background and reaction. Counted in sentences from the top (log), not
    // as a share of the article: an editor's highlights come from the first screen however long
    // the article runs.
    position: (_, index) => Math.log1p(index),
    // Share of the headline's words the sentence repeats: the headline names the story.
    titleOverlap: (_, index) => {
      titleWords ??= new Set(contentWords(title));
      const hits = new Set((wordCounts().words[index] ?? []).filter((word) => titleWords?.has(word)));
      return titleWords.size ? hits.size / titleWords.size : 0;
    },
    // Quotations are colour, rarely the facts a summary needs.
    quote: (sentence) => (/^["“‘']|["”’],? (?:he|she|they|it|[A-Z][\w.-]*(?: [A-Z][\w.-]*)*) (?:said|says|added|told)/.test(sentence) ? 1 : 0),
    // Figures (results, scores, dates) are the facts readers want.
    number: (sentence) => (/\d/.test(sentence) ? 1 : 0),
    // "He said ...", "It was ...": leans on a sentence the reader may not have been shown.
    pronounStart: (sentence) => (PRONOUN_START.test(sentence) ? 1 : 0),
    // Share of its words that are capitalised past the first: names of people, places and
    // organisations, the who and where of a story.
    names: capitalisedShare,
  };
  return sentences.map((sentence, index) => names.map((name) => features[name](sentence, index)));
}

const PRONOUN_START = /^["“‘']?(?:he|she|it|they|his|her|its|their|this|that|these|those|there)\b/i;

function capitalisedShare(sentence: string): number {
  const words = sentence.split(/\s+/).slice(1).filter((word) => /\p{L}/u.test(word));
  return words.length ? words.filter((word) => /^["“‘'(]?\p{Lu}/u.test(word)).length / words.length : 0;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/** Scores each sentence with the learned weights; higher means more summary-worthy. */
export function scoreSentences(sentences: string[], title: string): number[] {
  return sentenceFeatures(sentences, title, WEIGHED).map((row) => row.reduce((sum, value, column) => sum + value * (WEIGHTS[column] ?? 0), 0));
}

/** The features the model gives a weight, and their weights in the same order. */
const WEIGHED = FEATURE_NAMES.filter((name) => FEATURE_WEIGHTS[name] !== 0);
const WEIGHTS = WEIGHED.map((name) => FEATURE_WEIGHTS[name]);

/** A heading, list item or caption: no closing punctuation. */
const FINISHED = /[.!?]["'”’)\]]*$/;
/** A sentence that starts in the middle of a word or a sentence: a lower-case first word with no
 * capital in it ("hat's the difference", where a page lost its drop cap), unlike "iPhone sales". */
const BROKEN_START = /^["'“‘(]?\p{Ll}[^\s\p{Lu}]*(?:\s|$)/u;

export interface SummaryOptions {
  /** Stop adding sentences past this many words; the best sentence is kept whatever its length.
   * Default: WORDS_PER_SENTENCE (summary-model.ts) for each of the k sentences. */
  maxWords?: number;
}

/** Words as a reader counts them: runs between spaces that hold a letter or a digit. */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}

/** The best sentences of the article, at most k and about `maxWords` words, in article order, the
 * first without its dateline; all of its full sentences when they fit. */
export function summarize(article: { title: string; body: string }, k = 3, options: SummaryOptions = {}): string[] {
  return summaryPicker(article)(k, options).map((pick) => pick.text);
}

/** An article split and scored once, for picks of any size: the best `k` sentences in article order,
 * each with its index among the article's sentences (the first loses its dateline). */
export function summaryPicker(article: { title: string; body: string }) {
  const sentences = splitSentences(article.body);
  const scores = scoreSentences(sentences, article.title);
  return (k: number, options: SummaryOptions = {}): Array<{ text: string; index: number }> =>
    selectSentences(sentences, scores, k, options.maxWords ?? WORDS_PER_SENTENCE * k).map((index) => ({
      text: index === 0 ? withoutDateline(sentences[index] ?? "") : (sentences[index] ?? ""),
      index,
    }));
}

/** Indexes, in article order, of the best-scored sentences: at most k, and no more once the next
 * would take the summary past maxWords (the best one is kept whatever its length). */
export function selectSentences(sentences: string[], scores: number[], k: number, maxWords: number): number[] {
  if (k <= 0) return [];
  // Headings, standfirsts, list items and broken-off sentences read badly run into the sentences of a
  // summary ("... from Syrian opposition A 50-strong commission"): only when the article has no real sentence.
  const finished = sentences.flatMap((text, index) => (FINISHED.test(text) && !BROKEN_START.test(text) ? [index] : []));
  const pool = finished.length > 0 ? finished : sentences.map((_, index) => index);
  // Ties go to the earlier sentence, so the result never depends on sort stability.
  pool.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const chosen: number[] = [];
  // A sentence a page repeats (a list item, a pull quote) is said once.
  const said = new Set<string>();
  let words = 0;
  for (const index of pool) {
    if (chosen.length >= k) break;
    const text = sentences[index] ?? "";
    const length = countWords(text);
    // Past the budget, a lower-scored shorter sentence may still fit: the highlights under a news
    // article are a few short sentences, not three long ones.
    if (said.has(text) || (chosen.length > 0 && words + length > maxWords)) continue;
    said.add(text);
    chosen.push(index);
    words += length;
  }
  return chosen.sort((a, b) => a - b);
}
