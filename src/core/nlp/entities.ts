// Named entities per article: people, places and organisations under canonical names.
// A fast capitalised-span tagger that reads compromise's lexicon (first names, surnames, known orgs and
// places, organisation/place head words) and the country gazetteer. Running compromise's own
// pipeline costs ~17 ms per article (its tokenizer alone ~1.5 ms), ten times the ingest budget.
// The steps live in ./entities/: lexicon, tokens, classify (rules: runs of name words -> mentions),
// model (learnt: how sure each mention's kind is), assemble (mentions -> entities).
import type { Entity, EntityKind } from "../article.js";
import { datelineLength } from "./dateline.js";
import { assemble, type HeadlineMention } from "./entities/assemble.js";
import { mentionsOf, writtenSpan, type Mention } from "./entities/classify.js";
import type { Candidate } from "./entities/features.js";
import { articleProbabilities, readingOf } from "./entities/model.js";
import { markAffiliation } from "./entities/written.js";
import { isHeadline, spans, tokenize, type Token } from "./entities/tokens.js";

/** People, places and organisations in an article, under canonical names, most-mentioned first
 * (ties: first appearance). Places that are countries/demonyms/capitals resolve to the country (an
 * article saying "Syrian" and "Damascus" has the place Syria with 2 mentions). An entity whose kind
 * the model is unsure of has `sure: false`: search and clustering use it, cards leave it off. */
export function findEntities(article: { title: string; body: string }): Entity[] {
  return tagArticle(article, false).entities;
}

/** One mention in the text `${title}\n${body}`, with the kind it was read as. */
export interface TaggedMention {
  start: number;
  end: number;
  kind: EntityKind;
  /** The kind is above the model's precision threshold: what a card would show. */
  sure: boolean;
}

/** Every mention read as a person, place or organisation, in text order. */
export function tagMentions(article: { title: string; body: string }): TaggedMention[] {
  return tagArticle(article, true).mentions;
}

/** The rules' mentions of an article, each with the tokens around it, and its headline-style lines. */
export function candidatesOf(article: { title: string; body: string }): { candidates: Candidate[]; headlines: Token[][] } {
  const lines: Token[][] = [];
  const headlines: Token[][] = [];
  const lowerWords = new Set<string>();
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
    for (const t of tokens) if (!t.name) lowerWords.add(t.lower);
    (isHeadline(tokens, line) ? headlines : lines).push(tokens);
  }
  const candidates: Candidate[] = [];
  const found: Mention[] = [];
  for (const tokens of lines) {
    for (const span of spans(tokens)) {
      found.length = 0;
      mentionsOf(span, lowerWords, found);
      for (const mention of found) {
        // The mention's words: from the span's token at its start to the one at its end.
        let from = 0;
        while (from < span.run.length && span.run[from]!.pos !== mention.pos) from++;
        if (from === span.run.length) from = -1;
        let to = from;
        while (to + 1 < span.run.length && span.run[to + 1]!.pos < mention.end) to++;
        const index = (span.run[from] ?? span.run[0]!).index;
        markAffiliation(mention, tokens, index, index + to - from);
        candidates.push({
          mention,
          run: span.run.slice(Math.max(from, 0), to + 1),
          prev: tokens[index - 1],
          prev2: tokens[index - 2],
          next: tokens[index + to - from + 1],
        });
      }
    }
  }
  return { candidates, headlines };
}

/** The article's entities, and its mentions when asked for (bench:entities scores them). */
function tagArticle(article: { title: string; body: string }, withMentions: boolean): { entities: Entity[]; mentions: TaggedMention[] } {
  const { candidates, headlines } = candidatesOf(article);
  const probs = articleProbabilities(candidates);
  const readings = probs.map((p) => readingOf(p));
  const mentions = candidates.map(({ mention: m }, i) => {
    const reading = readings[i]!;
    // The model settles a kind it is sure of; otherwise the rules' guess stands, for search and
    // clustering, never sure. A country's mention is the country whatever the model says of this form.
    const kind = m.country ? "place" : reading.sure ? reading.kind : m.kind;
    m.kind = kind;
    m.confident = reading.sure && reading.kind === kind;
    return m;
  });
  const inHeadlines: HeadlineMention[] = [];
  const entities = assemble(mentions, headlines, inHeadlines);
  if (!withMentions) return { entities, mentions: [] };
  const sureEntities = new Set(entities.filter((e) => e.sure !== false).map((e) => `${e.kind}:${e.name}`));
  const tagged: TaggedMention[] = [];
  mentions.forEach((m, i) => {
    const reading = readings[i]!;
    // As a mention, a country may be read as an organisation ("North Korea said") or as no name at
    // all ("Syrian"); the entity stays the country, which a card shows as a place.
    const kind = m.country ? (reading.kind ?? (m.tokens > 1 ? "place" : undefined)) : m.resolved;
    if (!kind) return;
    const sure = m.country ? reading.kind === "place" || reading.sure : reading.sure && reading.kind === kind;
    tagged.push({ ...writtenSpan(m), kind, sure });
  });
  // A headline names again what the body names: as sure as the entity.
  for (const h of inHeadlines) tagged.push({ start: h.pos, end: h.end, kind: h.kind, sure: sureEntities.has(`${h.kind}:${h.name}`) });
  return { entities, mentions: outermost(tagged) };
}

/** The mentions no other mention contains ("US President Barack Obama", not also "US"), in text order. */
function outermost(tagged: TaggedMention[]): TaggedMention[] {
  const sorted = tagged.sort((a, b) => a.start - b.start || b.end - a.end);
  let reach = -1;
  return sorted.filter((m) => {
    if (m.end <= reach) return false;
    reach = Math.max(reach, m.end);
    return true;
  });
}
