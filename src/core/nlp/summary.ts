// Extractive summary: scores each sentence with a small learned linear model over plain features
// and keeps the best k in article order. Offline, deterministic, a fraction of a millisecond per
// article. The learned model weighs how central a sentence's words are against its length; the
// other features (position, title overlap, quotes, numbers) are candidates that training tried
// and left at weight 0 (see summary-model.ts).
import { withoutDateline } from "./dateline.js";
import { splitSentences } from "./sentences.js";
import { STOP_WORDS } from "./stopwords.js";
import { FEATURE_WEIGHTS } from "./summary-model.js";

export const FEATURE_NAMES = [
  "centrality",
  "length",
  "first",
  "position",
  "titleOverlap",
  "quote",
  "number",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Words with an optional apostrophe ending ("world's", "don't"). Numbers are left out: "2005" or
 * "1" recur across sentences without being what the article is about. */
const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

function contentWords(sentence: string): string[] {
  const words = sentence.toLowerCase().match(WORD) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word.replace("’", "'")));
}

/** One row of features per sentence, in FEATURE_NAMES order. Features that depend on the
 * article's scale (word counts) are centred on the article's mean, because the model only ever
 * compares sentences of the same article. */
export function sentenceFeatures(sentences: string[], title: string): number[][] {
  const words = sentences.map(contentWords);
  // In how many sentences each content word appears: a word spread across the article is its
  // topic, a word repeated within one sentence is only emphasis.
  const frequency = new Map<string, number>();
  for (const list of words) for (const word of new Set(list)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const titleWords = new Set(contentWords(title));

  const centrality = words.map((list) => Math.log1p(list.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0)));
  const length = words.map((list) => Math.log1p(list.length));
  const meanCentrality = mean(centrality);
  const meanLength = mean(length);
  const last = Math.max(1, sentences.length - 1);

  return sentences.map((sentence, index) => {
    const list = words[index] ?? [];
    const titleHits = titleWords.size ? new Set(list.filter((word) => titleWords.has(word))).size / titleWords.size : 0;
    const row: Record<FeatureName, number> = {
      // Luhn / SumBasic: a sentence built from the article's recurring words is about its main
      // topic. Log of the summed sentence counts of its words; with "length" the model learns
      // how far to favour dense sentences over merely long ones (score ~ sum / length^w).
      centrality: (centrality[index] ?? 0) - meanCentrality,
      // Log content-word count: long sentences carry more facts, but length alone inflates
      // the summed frequencies above.
      length: (length[index] ?? 0) - meanLength,
      // The news lede states the story.
      first: index === 0 ? 1 : 0,
      // Later paragraphs hold background and reaction.
      position: index / last,
      // Share of the headline's words the sentence repeats: the headline names the story.
      titleOverlap: titleHits,
      // Quotations are colour, rarely the facts a summary needs.
      quote: /^["“‘']|["”’],? (?:he|she|they|it|[A-Z][\w.-]*(?: [A-Z][\w.-]*)*) (?:said|says|added|told)/.test(sentence) ? 1 : 0,
      // Figures (results, scores, dates) are the facts readers want.
      number: /\d/.test(sentence) ? 1 : 0,
    };
    return FEATURE_NAMES.map((name) => row[name]);
  });
}

function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/** Scores each sentence with the learned weights; higher means more summary-worthy. */
export function scoreSentences(sentences: string[], title: string): number[] {
  return sentenceFeatures(sentences, title).map((row) =>
    row.reduce((sum, value, column) => sum + value * FEATURE_WEIGHTS[FEATURE_NAMES[column] as FeatureName], 0),
  );
}

/** A heading, list item or caption: no closing punctuation. */
const FINISHED = /[.!?]["'”’)\]]*$/;
/** A sentence that starts in the middle of a word or a sentence: a lower-case first word with no
 * capital in it ("hat's the difference", where a page lost its drop cap), unlike "iPhone sales". */
const BROKEN_START = /^["'“‘(]?\p{Ll}[^\s\p{Lu}]*(?:\s|$)/u;

export interface SummaryOptions {
  /**
   * Open with the article's first sentence, the news lede, then add the best k-1. The sentences the
   * model likes best often lean on the lede ("the four countries held talks"), so a reader needs it;
   * on the BBC held-out split it costs P@3 0.95 -> 0.89 (bench:summary prints both).
   */
  lede?: boolean;
}

/** The best k sentences of the article, in article order, the first without its dateline; all of its
 * full sentences when it has k or fewer. */
export function summarize(article: { title: string; body: string }, k = 3, options: SummaryOptions = {}): string[] {
  return pickSentences(article, k, options).map(({ index, text }) => (index === 0 ? withoutDateline(text) : text));
}

function pickSentences(article: { title: string; body: string }, k: number, { lede = true }: SummaryOptions): Array<{ index: number; text: string }> {
  if (k <= 0) return [];
  const sentences = splitSentences(article.body);
  // Headings, standfirsts, list items and broken-off sentences read badly run into the sentences of a
  // summary ("... from Syrian opposition A 50-strong commission"): only when the article has no real sentence.
  const finished = sentences.flatMap((text, index) => (FINISHED.test(text) && !BROKEN_START.test(text) ? [index] : []));
  const pool = finished.length > 0 ? finished : sentences.map((_, index) => index);
  if (pool.length > k) {
    const scores = scoreSentences(sentences, article.title);
    // Ties go to the earlier sentence, so the result never depends on sort stability.
    pool.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  }
  const opening = lede && pool.includes(0) ? [0] : [];
  // A sentence a page repeats (a list item, a pull quote) is said once.
  const said = new Set<string>();
  return [...opening, ...pool.filter((index) => index !== 0 || opening.length === 0)]
    .filter((index) => !said.has(sentences[index] ?? "") && said.add(sentences[index] ?? ""))
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((index) => ({ index, text: sentences[index] ?? "" }));
}
