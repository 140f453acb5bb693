// Story summary: what the card of a story of several articles says. One report tells it, the story's
// most representative one (the article its card leads with), so that every "he" and "it" has its
// antecedent: that report's best sentences, a sentence that leans on the one before it ("He said ...")
// only right after that sentence, and no fact told twice. Only when that report has too little to say
// do other reports fill in, and then every sentence says which outlet it comes from.
import type { Article } from "./article.js";
import { contentTerms } from "./cluster/features.js";
import { withoutDateline } from "./nlp/dateline.js";
import { splitSentences } from "./nlp/sentences.js";
import { summaryPicker } from "./nlp/summary.js";
import { outletOf } from "./outlet.js";
import { clipAtWord } from "./text.js";

/** A story summary is as long as an article's: the highlights under a headline. */
export const STORY_SUMMARY_SENTENCES = 3;
/** How many sentences past the wanted ones the summarizer is asked for, one more at a time, when some
 * of its best cannot be used (they lean on a sentence left out, or retell one already in). */
const EXTRA_CANDIDATES = 3;
/** A summary "sentence" longer than this is run-on text with no full stops: it is cut at a word, as
 * enrichment cuts a stored summary's. */
const MAX_SENTENCE_CHARS = 400;

/**
 * Two sentences retell one fact when this share of the shorter one's content bigrams (adjacent content
 * words, stemmed) is in the other too. Chosen on the BBC + WikiRef stories (bench:story-summary
 * --overlaps): of sentence pairs across one story's reports read at each level, retellings ("Northampton
 * coach Budge Pountney has been fined £2,000 ...", twice) are the majority from 0.3 up and a few in
 * ten below it; pairs within one article, which rarely tell one thing twice, reach 0.3 in 0.4% of cases.
 * Paraphrase with other words ("no further action taken" for "will take no action") stays below it:
 * taking every sentence from one report is what keeps those out.
 */
export const MAX_RESTATEMENT = 0.3;

/** One sentence of a report and where it stands in the report's body. */
interface Passage {
  text: string;
  report: Article;
  index: number;
}

/** Opens with a pronoun or a word pointing back ("He said", "But it", "This means"), perhaps after a
 * linking word: it continues the sentence before it and means nothing without it. */
const OPENS_WITH_PRONOUN =
  /^["“‘']?(?:(?:and|but|so|yet|still|however|meanwhile|instead|also|then|now)\b,?\s+)?(?:he|she|they|it|his|her|their|its|him|them|(?:this|that|these|those)\s+(?:is|was|are|were|has|had|have|will|would|could|may|might|means|meant|comes|came|follows|followed)\b)\b/i;
/** A quotation a pronoun speaks ("'We will win,' he said."): who said it is in the sentence before. */
const QUOTED_BY_PRONOUN =
  /["”’'],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|explained|insisted|continued|warned|argued|claimed|stressed|noted|admitted|went on)\b/i;

/** Whether a sentence leans on the one before it for who or what it is about. */
export function leansOnPrevious(sentence: string): boolean {
  return OPENS_WITH_PRONOUN.test(sentence) || QUOTED_BY_PRONOUN.test(sentence);
}

function bigrams(sentence: string): Set<string> {
  const terms = contentTerms(sentence);
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

/** How far one sentence retells another: the share of the shorter one's content bigrams the other has
 * too (0 to 1). Bigrams, not single words: two reports of one event share its names throughout, but
 * say the same thing only where they share phrases. The shorter one, so that a sentence retold inside
 * a longer one counts. */
export function restatement(a: string, b: string): number {
  const [x, y] = [bigrams(a), bigrams(b)];
  const [short, long] = x.size <= y.size ? [x, y] : [y, x];
  if (short.size === 0) return 0;
  let shared = 0;
  for (const pair of short) if (long.has(pair)) shared++;
  return shared / short.size;
}

/** The report's best `k` sentences by the article summarizer, in article order, each with its place
 * in the body: the report is split and scored once, however many picks are asked of it. */
function passagePicker(report: Article): (k: number) => Passage[] {
  const pick = summaryPicker(report);
  return (k) => pick(k).map(({ text, index }) => ({ text: clipAtWord(text, MAX_SENTENCE_CHARS), report, index }));
}

/** Whether `next` may follow the summary so far: it retells none of its sentences, and if it leans on
 * the sentence before it, that sentence is the summary's last. */
function fits(next: Passage, summary: Passage[]): boolean {
  if (summary.some((p) => restatement(p.text, next.text) >= MAX_RESTATEMENT)) return false;
  if (!leansOnPrevious(next.text)) return true;
  const before = summary.at(-1);
  return before?.report === next.report && before.index === next.index - 1;
}

/** Up to `wanted` of the report's best sentences that fit after the summary so far; the summarizer is
 * asked for a few more when some of its best do not fit. */
function reportSentences(report: Article, wanted: number, summary: Passage[]): Passage[] {
  let taken: Passage[] = [];
  const bestPassages = passagePicker(report);
  for (let k = wanted; k <= wanted + EXTRA_CANDIDATES; k++) {
    const candidates = bestPassages(k);
    taken = [];
    for (const passage of candidates) if (fits(passage, [...summary, ...taken])) taken.push(passage);
    // Enough, or the report has no more to give.
    if (taken.length >= wanted || candidates.length < k) break;
  }
  // Cut from the end, so no sentence loses the one it leans on.
  return taken.slice(0, wanted);
}

/** A sentence with the outlet it comes from, as a reader sees it in a summary drawn from several reports. */
function attributed(passage: Passage): string {
  return `${passage.text} (${outletOf(passage.report)})`;
}

/** Enrichment summarizes at most this much of a body (enrich.ts, MAX_NLP_CHARS): a longer one's
 * stored summary is of its start only. */
const SUMMARIZED_CHARS = 100_000;

/**
 * Whether the lead's stored summary is the story summary, so that its text need not be split and
 * scored again on every card (the summarizer's first use also costs a command 20-40 ms). Enrichment
 * stored the summarizer's best sentences of the lead's body (nlp/summary.ts, cut at MAX_SENTENCE_CHARS
 * as here), which are the first candidates reportSentences takes: when there are
 * STORY_SUMMARY_SENTENCES of them, all from the body as it is now, and each fits after the ones before
 * it (none leans on a sentence before it, none retells another), they are the summary storySummary
 * would make, in the same order. Otherwise (a brief, a headline, a sentence that needs the one before
 * it) the text is read again.
 */
function storedSummaryFits(lead: Article): boolean {
  const stored = lead.summary;
  if (stored.length !== STORY_SUMMARY_SENTENCES || lead.body.length > SUMMARIZED_CHARS) return false;
  if (!stored.every((sentence) => !sentence.endsWith("…") && lead.body.includes(sentence))) return false;
  return stored.every((sentence, i) => !leansOnPrevious(sentence) && stored.slice(0, i).every((before) => restatement(before, sentence) < MAX_RESTATEMENT));
}

/**
 * The summary of a story of several articles: the best sentences of `lead`, its most representative
 * report. When the lead has fewer to give (a headline-only item, a brief), the story's other reports
 * with a named outlet fill in, in the order given, and each sentence then names its outlet. A lead
 * of no known outlet is never mixed with others: its sentences could not say where they come from.
 */
export function storySummary(lead: Article, articles: Article[]): string[] {
  if (storedSummaryFits(lead)) return [...lead.summary];
  const summary = reportSentences(lead, STORY_SUMMARY_SENTENCES, []);
  if (summary.length > 0 && !outletOf(lead)) return summary.map((p) => p.text);
  for (const report of articles) {
    if (summary.length >= STORY_SUMMARY_SENTENCES) break;
    if (report === lead || !outletOf(report)) continue;
    summary.push(...reportSentences(report, STORY_SUMMARY_SENTENCES - summary.length, summary));
  }
  return summary.some((p) => p.report !== lead) ? summary.map(attributed) : summary.map((p) => p.text);
}

/** How many sentences of a story summary break each of its rules. */
export interface StorySummaryFaults {
  /** Opens with a pronoun or "he said" without the sentence it continues right before it. */
  dangling: number;
  /** Comes from a report other than the lead, and does not name that report's outlet. */
  unattributed: number;
  /** Pairs of sentences that retell one fact (restatement at least MAX_RESTATEMENT). */
  redundant: number;
}

const ATTRIBUTION = /\s\(([^()]+)\)$/;

/** Where a summary sentence comes from: the first report (lead first) whose body holds it. */
function locate(sentence: string, lead: Article, articles: Article[]): { report: Article; index: number } | undefined {
  for (const report of [lead, ...articles.filter((a) => a !== lead)]) {
    const sentences = splitSentences(report.body);
    const clipped = sentence.endsWith("…") ? sentence.slice(0, -1) : undefined;
    const index = sentences.findIndex(
      (s, i) => s === sentence || (i === 0 && withoutDateline(s) === sentence) || (clipped !== undefined && withoutDateline(s).startsWith(clipped)),
    );
    if (index >= 0) return { report, index };
  }
  return undefined;
}

/**
 * Checks a story's summary against the rules a story summary keeps (any summary, newsbot's or another
 * algorithm's): a sentence that leans on the one before it comes right after it, a sentence from a
 * report other than `lead` names its outlet ("... (Reuters)"), and no two sentences retell one fact.
 * A sentence found in no report counts as unattributed.
 */
export function storySummaryFaults(summary: string[], lead: Article, articles: Article[]): StorySummaryFaults {
  const faults: StorySummaryFaults = { dangling: 0, unattributed: 0, redundant: 0 };
  const texts = summary.map((s) => s.replace(ATTRIBUTION, ""));
  const sources = texts.map((text) => locate(text, lead, articles));
  texts.forEach((text, i) => {
    const source = sources[i];
    const outlet = ATTRIBUTION.exec(summary[i] ?? "")?.[1];
    if (!source || (source.report !== lead && outlet !== outletOf(source.report))) faults.unattributed++;
    const before = sources[i - 1];
    if (leansOnPrevious(text) && !(source && before?.report === source.report && before.index === source.index - 1)) faults.dangling++;
    for (let j = 0; j < i; j++) if (restatement(texts[j]!, text) >= MAX_RESTATEMENT) faults.redundant++;
  });
  return faults;
}
