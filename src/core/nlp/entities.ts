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
import { ENTITY_MODEL } from "./entities/entity-weights.js";
import { articleProbabilities, readingOf, type Weights } from "./entities/model.js";
import { foldKey, matchPlace } from "./places.js";
import { FIRST, FUNCTION, KNOWN, ORG, PERSON, PLACE, VERB, flagsOf } from "./entities/lexicon.js";
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
  /** The entity the mention was merged into is one a card shows (the model is sure of one of its mentions). */
  sure: boolean;
}

/** Every mention read as a person, place or organisation, in text order (by `model`: the training
 * script reads what a card would show with a model fit on other documents). */
export function tagMentions(article: { title: string; body: string }, model: Weights = ENTITY_MODEL): TaggedMention[] {
  return tagArticle(article, true, model).mentions;
}

// A result beside a name ("Sweden 1 – 0 Korea Republic", "beat Crystal Palace 2-1"): the name is a
// team's, whatever else it names.
const SCORE_AFTER = /^\s+\d{1,2}\s*[–—-]\s*\d{1,2}(?!\d)/u;
const SCORE_BEFORE = /(?<![\d–—-]\s*)\d{1,2}\s*[–—-]\s*\d{1,2}\s+$/u;
/** A result line: "Group G — Belgium 3 – 0 Panama". */
const RESULT_LINE = /(\p{Lu}[\p{L}\p{M}'’.]*(?: \p{Lu}[\p{L}\p{M}'’.]*){0,3}) \d{1,2} ?[–—-] ?\d{1,2} (\p{Lu}[\p{L}\p{M}'’.]*(?: \p{Lu}[\p{L}\p{M}'’.]*){0,3})/gu;

/** The rules' mentions of an article, each with the tokens around it, and its headline-style lines. */
export function candidatesOf(
  article: { title: string; body: string },
  model: Weights = ENTITY_MODEL,
): { candidates: Candidate[]; headlines: Token[][]; teams: Set<string> } {
  const outside = new Set(model.outsideSpan);
  const lines: Token[][] = [];
  const headlines: Token[][] = [];
  const teams = new Set<string>();
  const lowerWords = new Set<string>();
  let offset = 0;
  // The dateline's city is where the reporter was ("WASHINGTON (Kyodo) Kurt Campbell said"); blanked,
  // not cut, so that offsets stay those of the text.
  const opening = article.body.search(/\S/);
  const dateline = opening < 0 ? 0 : datelineLength(article.body.slice(opening));
  const body = dateline > 0 ? article.body.slice(0, opening) + " ".repeat(dateline) + article.body.slice(opening + dateline) : article.body;
  const text = `${article.title}\n${body}`;
  const flagsSeen = new Map<string, number>();
  for (const line of text.split("\n")) {
    const tokens = tokenize(line, offset, flagsSeen);
    offset += line.length + 1;
    if (tokens.length === 0) continue;
    for (const t of tokens) if (!t.name) lowerWords.add(t.lower);
    if (!isHeadline(tokens, line)) lines.push(tokens);
    else {
      headlines.push(tokens);
      for (const [, home = "", away = ""] of line.matchAll(RESULT_LINE)) for (const name of [home, away]) teams.add(foldKey(matchPlace(name)?.topic.canonical ?? name));
    }
  }
  const candidates: Candidate[] = [];
  const found: Mention[] = [];
  for (const tokens of lines) {
    for (const span of spans(tokens)) {
      found.length = 0;
      mentionsOf(span, lowerWords, found);
      for (const mention of found) {
        // "US$ 10 billion": a currency, not the country.
        if (mention.country && text[mention.end] === "$") continue;
        // The mention's words: from the span's token at its start to the one at its end.
        let from = 0;
        while (from < span.run.length && span.run[from]!.pos !== mention.pos) from++;
        if (from === span.run.length) from = -1;
        let to = from;
        while (to + 1 < span.run.length && span.run[to + 1]!.pos < mention.end) to++;
        const index = (span.run[from] ?? span.run[0]!).index;
        markAffiliation(mention, tokens, index, index + to - from);
        if (from >= 0 && to > from && outside.has(span.run[from]!.lower) && writtenSpan(mention).start === mention.pos) mention.writtenFrom = span.run[from + 1]!.pos;
        const run = span.run.slice(Math.max(from, 0), to + 1);
        candidates.push({
          mention,
          run,
          prev: tokens[index - 1],
          prev2: tokens[index - 2],
          next: tokens[index + to - from + 1],
          attached: attachedToName(tokens, index),
          lowerToo: run.some((t) => lowerWords.has(t.lower)),
        });
        if (SCORE_AFTER.test(text.slice(mention.end, mention.end + 12)) || SCORE_BEFORE.test(text.slice(Math.max(0, mention.pos - 12), mention.pos))) teams.add(foldKey(mention.name));
      }
    }
  }
  lastNameOfLonger(candidates);
  markRegions(candidates, text);
  markLists(candidates, text);
  return { candidates, headlines, teams };
}

/** "Valeska Paris ... Paris was born", "George Washington ... Washington said": a capital's or a
 * country's name alone, when the article names someone or something whose name ends in it, is that
 * name's short form, not the country. */
function lastNameOfLonger(candidates: Candidate[]): void {
  const lastWords = new Set<string>();
  // Only names whose other words are given names or words the lexicon does not know: not "Bank of
  // England", "New England", "Air France".
  const personLike = (t: Token) => (t.flags & (PLACE | ORG)) === 0 && ((t.flags & KNOWN) === 0 || (t.flags & FIRST) !== 0);
  for (const { mention: m, run } of candidates) {
    if (!m.country && m.kind !== "place" && run.length > 1 && !m.work && run.slice(0, -1).every(personLike)) lastWords.add(run[run.length - 1]!.lower);
  }
  if (lastWords.size === 0) return;
  for (const { mention: m, run } of candidates) {
    if (!m.country || run.length !== 1 || !lastWords.has(run[0]!.lower)) continue;
    Object.assign(m, { country: false, kind: undefined, sure: false, name: run[0]!.text });
  }
}

/** "Darmanin in Paris", "the MIT office in Cambridge": the name ends a phrase that a name before it
 * heads (a preposition, then up to two nouns back to a name), which annotators mark as one mention. */
function attachedToName(tokens: Token[], index: number): boolean {
  const prep = tokens[index - 1];
  if (!prep || prep.name || tokens[index]!.broken || (prep.flags & FUNCTION) === 0 || prep.lower === "and" || prep.lower === "or") return false;
  for (let k = index - 2; k >= index - 4 && k >= 0; k--) {
    const t = tokens[k]!;
    if (tokens[k + 1]!.broken) return false;
    if (t.name) return true;
    if ((t.flags & (VERB | FUNCTION)) !== 0) return false;
  }
  return false;
}

/** "Irving, Texas", "Sochi, Russia": a place, a comma, then the state or country it is in, is one
 * place as news annotators mark it (not a list: "Libya, Syria and Yemen"). The written span of the
 * first widens over the second, which stays an entity of its own. */
function markRegions(candidates: Candidate[], text: string): void {
  for (let i = 0; i + 1 < candidates.length; i++) {
    const [a, b] = [candidates[i]!, candidates[i + 1]!];
    const [first, region] = [a.mention, b.mention];
    if (text.slice(first.end, region.pos) !== ", " || first.country || first.writtenTo !== undefined) continue;
    const place = region.country ? matchPlace(region.name)?.form === "name" : (flagsOf(foldKey(region.name)) & (PLACE | PERSON)) === PLACE;
    if (!place || /^(?:,\s*|\s+and\s+)\p{Lu}/u.test(text.slice(region.end, region.end + 8))) continue;
    first.writtenTo = region.end;
    a.region = true;
    b.inRegion = true;
  }
}

/** "Afghanistan, Eritrea, Libya, Syria and Yemen": annotators mark a list of names as one mention. */
function markLists(candidates: Candidate[], text: string): void {
  for (let i = 0; i + 1 < candidates.length; i++) {
    const [a, b] = [candidates[i]!, candidates[i + 1]!];
    const gap = text.slice(writtenSpan(a.mention).end, Math.min(b.mention.pos, writtenSpan(b.mention).start));
    if (a.region || b.inRegion || !LIST_GAP.test(gap)) continue;
    a.listed = b.listed = true;
  }
}

const LIST_GAP = /^(?:,|,? (?:and|or)(?: even| also)?|;)(?: the)? $/u;

/** The article's entities, and its mentions when asked for (bench:entities scores them). */
function tagArticle(article: { title: string; body: string }, withMentions: boolean, model: Weights = ENTITY_MODEL): { entities: Entity[]; mentions: TaggedMention[] } {
  const { candidates, headlines, teams } = candidatesOf(article, model);
  const probs = articleProbabilities(candidates, model);
  const readings = probs.map((p) => readingOf(p, model));
  // A name the article puts beside a result is a team in all its mentions ("Sweden 1 – 0 Korea
  // Republic", "Sweden had more of the ball"), a country's name too; no card is sure of a team.
  // "Syrian", "a New Zealander": a country's adjective or its people, never the place as written.
  const text = `${article.title}\n${article.body}`;
  const demonyms = new Set<number>();
  candidates.forEach(({ mention: m }, i) => {
    if (m.country && matchPlace(text.slice(m.pos, m.end))?.form === "demonym") demonyms.add(i);
  });
  const mentions = candidates.map(({ mention: m }, i) => {
    const reading = readings[i]!;
    if (teams.size > 0 && teams.has(foldKey(m.name))) {
      Object.assign(m, { kind: "organisation", country: false, sure: true, confident: false });
      readings[i] = { kind: "organisation", p: reading.p, sure: false };
      return m;
    }
    // The model settles a kind it is sure of; otherwise the rules' guess stands, for search and
    // clustering, never sure. A country's mention is the country whatever the model says of this form;
    // a card shows it when the model reads this mention as the place (not a team, a government acting,
    // a name in a list) and it is not a demonym ("a New Zealander"). No threshold lifts countries'
    // cross-validated precision (about 0.67 at every threshold, train-entities prints it: GUM marks
    // most of the rest as part of a longer mention, "Muslims from Myanmar", or as an organisation,
    // "North Korea said"), and a card without its countries would tell a reader less.
    const kind = m.country ? "place" : reading.sure ? reading.kind : m.kind;
    m.kind = kind;
    m.confident = m.country ? reading.kind === "place" && !demonyms.has(i) : reading.sure && reading.kind === kind;
    // A place the lexicon knows ("Houston", "Florida", "Mecca") that the model reads as the place is
    // shown as a country is: no threshold lifts places' cross-validated precision to 0.90 either. Not
    // where it ends or starts a longer name's phrase ("Museum of Flight in Seattle", "Mecca's Grand
    // Mosque"), which annotators mark as one place.
    if (!m.country && kind === "place" && m.sure && reading.kind === "place" && !insideLonger(candidates[i]!)) m.confident = true;
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
    const kind = !m.country ? m.resolved : demonyms.has(i) ? (reading.kind === "place" ? undefined : reading.kind) : (reading.kind ?? (m.tokens > 1 ? "place" : undefined));
    if (!kind) return;
    tagged.push({ ...writtenSpan(m), kind, sure: m.onCard === true && kind === m.resolved });
  });
  // A headline names again what the body names: as sure as the entity.
  for (const h of inHeadlines) tagged.push({ start: h.pos, end: h.end, kind: h.kind, sure: sureEntities.has(`${h.kind}:${h.name}`) });
  return { entities, mentions: outermost(tagged) };
}

/** "Museum of Flight in Seattle", "Mecca's Grand Mosque": the name is part of a longer one's phrase. */
function insideLonger(c: Candidate): boolean {
  return c.attached === true || (c.run[c.run.length - 1]!.possessive && c.next?.name === true);
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
