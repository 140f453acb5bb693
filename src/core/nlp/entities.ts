// Named entities per article: people, places and organisations under canonical names.
// A fast capitalised-span tagger that reads compromise's lexicon (first names, surnames, known orgs and
// places, organisation/place head words) and the country gazetteer. Running compromise's own
// pipeline costs ~17 ms per article (its tokenizer alone ~1.5 ms), ten times the ingest budget.
// The steps live in ./entities/: lexicon, tokens, classify, assemble.
import type { Entity } from "../article.js";
import { datelineLength } from "./dateline.js";
import { assemble } from "./entities/assemble.js";
import { mentionsOf, type Mention } from "./entities/classify.js";
import { MATCH_WORDS } from "./entities/lexicon.js";
import { isHeadline, spans, tokenize, type Token } from "./entities/tokens.js";

/** People, places and organisations in an article, under canonical names, most-mentioned first
 * (ties: first appearance). Places that are countries/demonyms/capitals resolve to the country (an
 * article saying "Syrian" and "Damascus" has the place Syria with 2 mentions). */
export function findEntities(article: { title: string; body: string }): Entity[] {
  const lines: Token[][] = [];
  const headlines: Token[][] = [];
  const lowerWords = new Set<string>();
  const matchWords = new Set<string>();
  let offset = 0;
  // The dateline's city is where the reporter was ("WASHINGTON (Kyodo) Kurt Campbell said"); blanked,
  // not cut, so that offsets stay those of the text.
  const opening = article.body.search(/\S/);
  const dateline = opening < 0 ? 0 : datelineLength(article.body.slice(opening));
  const body = dateline > 0 ? article.body.slice(0, opening) + " ".repeat(dateline) + article.body.slice(opening + dateline) : article.body;
  for (const line of `${article.title}\n${body}`.split("\n")) {
    const tokens = tokenize(line, offset);
    offset += line.length + 1;
    if (tokens.length === 0) continue;
    for (const t of tokens) {
      if (!t.name) lowerWords.add(t.lower);
      if (MATCH_WORDS.has(t.lower)) matchWords.add(t.lower);
    }
    (isHeadline(tokens, line) ? headlines : lines).push(tokens);
  }
  const mentions: Mention[] = [];
  for (const tokens of lines) for (const span of spans(tokens)) mentionsOf(span, lowerWords, mentions);
  return assemble(mentions, headlines, matchWords.size >= 2);
}
