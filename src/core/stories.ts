// Stories: articles about the same news, grouped. A story's card speaks for all its articles.
import type { Article, Entity, EntityKind } from "./article.js";
import type { SourceLink, StoryCard, TimelineEntry } from "./card.js";
import { contentTerms } from "./cluster/features.js";
import { ALL_CAPS } from "./nlp/entities/tokens.js";
import { foldKey } from "./nlp/places.js";
import { outletOf } from "./outlet.js";
import { storySummary } from "./story-summary.js";
import { singular } from "./text.js";
import { vote, winner } from "./votes.js";

export interface Story {
  id: number;
  /** Best first: the order search or the digest ranked them in. */
  articles: Article[];
  /** How many of the first articles were found (by a search, in a briefing's window): only those may
   * speak for the story; the rest fill its card in. All of them when absent. */
  found?: number;
  /** How widely the whole story is covered, when more of it is stored than `articles` holds. */
  coverage?: Coverage;
}

/** Distinct outlets (named ones) and reports (articles and near-duplicate copies) of a story. */
export interface Coverage {
  outlets: number;
  reports: number;
}

/** When an article happened as far as newsbot knows: its date, or when it was stored if it has none
 * or claims a date after it arrived (the store ranks by the same rule). */
export function newsTime(article: Pick<Article, "publishedAt" | "storedAt">): Date {
  const published = article.publishedAt;
  return published && published < article.storedAt ? published : article.storedAt;
}

/** Groups ranked articles by story, keeping the rank order of each story's best article. */
export function groupByStory(articles: Article[]): Story[] {
  const stories = new Map<number, Story>();
  for (const article of articles) {
    const story = stories.get(article.storyId);
    if (story) story.articles.push(article);
    else stories.set(article.storyId, { id: article.storyId, articles: [article] });
  }
  return [...stories.values()];
}

/** The most recent time any article of the story was news. */
export function latestNews(story: Story): Date {
  return new Date(Math.max(...story.articles.map((a) => newsTime(a).getTime())));
}

/** A card names the few key people, places and organisations of each kind, not everyone mentioned. */
const MAX_CARD_ENTITIES_PER_KIND = 4;

interface NameTally {
  mentions: number;
  kinds: Map<EntityKind, number>;
  names: Map<string, number>;
}

/** A name as a key: folded, middle initials left out ("Barack H. Obama" is Barack Obama). */
function nameKey(name: string): string {
  const words = foldKey(name).split(" ");
  return words.filter((w, i) => i === 0 || i === words.length - 1 || !/^\p{L}\.?$/u.test(w)).join(" ");
}

/** Whether `short` names the institution `long` does, as singular words: the same words ("Tories",
 * "Tory"), or as many words that each start the other's ("Lib Dems", "Liberal Democrats"; several
 * words of three letters at least). Names of different lengths may share initials ("Moto The",
 * "Motorola": small words have none), but are never the same. */
function sameInstitution(short: string[], long: string[]): boolean {
  if (short.length !== long.length) return false;
  return short.every((w, i) => w === long[i]) || (short.length > 1 && short.every((w, i) => w.length >= 3 && long[i]!.startsWith(w)));
}

/** Counts another form's mentions, kinds and spellings under a name it is merged into. */
function foldTally(into: NameTally, from: NameTally): void {
  into.mentions += from.mentions;
  for (const [kind, n] of from.kinds) vote(into.kinds, kind, n);
  for (const [name, n] of from.names) vote(into.names, name, n);
}

/** Words an acronym leaves out: "Federal Bureau of Investigation" is the FBI. */
const ACRONYM_SKIPS = new Set(["of", "the", "and", "for"]);

/** The initials an organisation's name is filed under: an acronym's letters ("IMF"), else the first
 * letter of each word but the small ones ("International Monetary Fund"), so the two meet. */
function initialsOf(words: string[], tally: NameTally): string {
  if (words.length > 1) return wordInitials(words);
  const name = winner(tally.names) ?? "";
  return ALL_CAPS.test(name) && name.length <= 6 ? words[0]! : words[0]![0]!;
}

function wordInitials(words: string[]): string {
  let initials = "";
  for (const w of words) if (!ACRONYM_SKIPS.has(w)) initials += w[0];
  return initials;
}

/** Whether `short` is the one-word acronym of `long` ("imf", "international monetary fund"). */
function isAcronymOf(short: string[], long: string[]): boolean {
  return short.length === 1 && long.length > 1 && short[0] === wordInitials(long);
}

/** Folds each name into a more mentioned organisation or place it is another form of, or into its
 * acronym and back ("Islamic State", "IS"). People are left alone: "Ed Balls" and "Edward Balls"
 * may be one man, "William" and "Williams" are not. Only names with the same initials can be forms
 * of one another, so each is compared with those only. */
function mergeInstitutionForms(merged: Map<string, NameTally>): void {
  const kept = new Map<string, Array<{ words: string[]; tally: NameTally }>>();
  for (const [key, tally] of [...merged].sort(([, a], [, b]) => b.mentions - a.mentions)) {
    const words = key.split(" ").map(singular);
    const initials = initialsOf(words, tally);
    let alike = kept.get(initials);
    if (!alike) kept.set(initials, (alike = []));
    const into = alike.find(
      (k) =>
        winner(k.tally.kinds) !== "person" &&
        (sameInstitution(words, k.words) || sameInstitution(k.words, words) || isAcronymOf(words, k.words) || isAcronymOf(k.words, words)),
    );
    if (!into) {
      alike.push({ words, tally });
      continue;
    }
    foldTally(into.tally, tally);
    merged.delete(key);
  }
}

/** A given name this long or longer may be the short form of a longer one. */
const MIN_SHORT_GIVEN_NAME = 3;

/** Folds a person into a more mentioned one of the story with the same other names and a given name
 * that starts the same way: "Steve Gerrard" is the "Steven Gerrard", "Rafa Benitez" the "Rafael
 * Benitez" of the other reports. */
function mergeShortGivenNames(merged: Map<string, NameTally>): void {
  const byRest = new Map<string, Array<[string, NameTally]>>();
  for (const [key, tally] of merged) {
    const space = key.indexOf(" ");
    if (space < 0 || winner(tally.kinds) !== "person") continue;
    const rest = key.slice(space);
    const group = byRest.get(rest);
    if (group) group.push([key, tally]);
    else byRest.set(rest, [[key, tally]]);
  }
  for (const group of byRest.values()) {
    if (group.length < 2) continue;
    const kept: Array<{ given: string; tally: NameTally }> = [];
    for (const [key, tally] of group.sort(([, a], [, b]) => b.mentions - a.mentions)) {
      const given = key.slice(0, key.indexOf(" "));
      const into = kept.find((k) => {
        const [short, long] = k.given.length <= given.length ? [k.given, given] : [given, k.given];
        return short.length >= MIN_SHORT_GIVEN_NAME && long.startsWith(short);
      });
      if (!into) {
        kept.push({ given, tally });
        continue;
      }
      foldTally(into.tally, tally);
      merged.delete(key);
    }
  }
}

/** Entities across the story's articles, merged by name whatever its case ("Isis", "ISIS") or middle
 * initials, and an organisation or place across its forms ("Tories", "Tory"), most mentioned first,
 * a few of each kind. Articles may disagree on a name's kind ("Chelsea" the club or a person) or
 * spelling: the one with the most mentions across the story wins.
 * A lone given name or surname that one other article spells out in full is that person ("Najib" and
 * "Najib Razak"), and so is a lone surname taken for an organisation ("Parry", "Rick Parry"); a name
 * that stays alone is named on the card only if mentioned more than once. A short given name is the
 * longer one of the same person ("Steve Gerrard", "Steven Gerrard"). */
function storyEntities(story: Story): Entity[] {
  const merged = new Map<string, NameTally>();
  for (const entity of story.articles.flatMap((a) => a.entities)) {
    const key = nameKey(entity.name);
    const seen = merged.get(key) ?? { mentions: 0, kinds: new Map(), names: new Map() };
    seen.mentions += entity.mentions;
    vote(seen.kinds, entity.kind, entity.mentions);
    vote(seen.names, entity.name, entity.mentions);
    merged.set(key, seen);
  }
  mergeInstitutionForms(merged);
  mergeShortGivenNames(merged);
  // Full names by their given name and by their surname; null when two people share it.
  const byGiven = new Map<string, NameTally | null>();
  const bySurname = new Map<string, NameTally | null>();
  const lone: Array<[string, NameTally, EntityKind]> = [];
  for (const [key, tally] of merged) {
    const kind = winner(tally.kinds);
    const space = key.indexOf(" ");
    if (space < 0) lone.push([key, tally, kind]);
    else if (kind === "person") {
      const given = key.slice(0, space);
      const surname = key.slice(key.lastIndexOf(" ") + 1);
      byGiven.set(given, byGiven.has(given) ? null : tally);
      bySurname.set(surname, bySurname.has(surname) ? null : tally);
    }
  }
  for (const [key, tally, kind] of lone) {
    // A surname the tagger took for a firm in an article that names no one in full ("Parry said").
    const given = kind === "person" ? byGiven.get(key) : undefined;
    const surname = kind === "place" ? undefined : bySurname.get(key);
    if (given === null || surname === null || (given && surname && given !== surname)) continue;
    const fuller = given ?? surname;
    if (!fuller) continue;
    fuller.mentions += tally.mentions;
    merged.delete(key);
  }
  const ranked = [...merged.values()]
    .map((t): Entity => ({ kind: winner(t.kinds), name: winner(t.names), mentions: t.mentions }))
    // A one-word "person" named once is more often a stray word than a key person ("Ed", "Kent").
    .filter((e) => e.kind !== "person" || e.name.includes(" ") || e.mentions > 1)
    .sort((a, b) => b.mentions - a.mentions);
  const kept = new Map<string, number>();
  return ranked.filter((e) => {
    const n = (kept.get(e.kind) ?? 0) + 1;
    kept.set(e.kind, n);
    return n <= MAX_CARD_ENTITIES_PER_KIND;
  });
}

/** Where other modules have always found it. */
export { outletOf };

/** Every report of a story, the articles and their near-duplicate copies alike. */
interface Report {
  title: string;
  source?: string;
  url?: string;
  at: Date;
}

function storyReports(story: Story): Report[] {
  return story.articles.flatMap((article) => [
    { title: article.title, source: article.source, url: article.url, at: newsTime(article) },
    ...article.copies.map((copy) => ({
      title: copy.title,
      source: copy.source,
      url: copy.url,
      at: newsTime(copy),
    })),
  ]);
}

/** The outlets behind a story, in the order given; reports from unknown outlets are left out. */
function storySources(reports: Report[]): SourceLink[] {
  const sources = new Map<string, SourceLink>();
  for (const report of reports) {
    const name = outletOf(report);
    if (name && !sources.has(name)) sources.set(name, { name, url: report.url });
  }
  return [...sources.values()];
}

/** How widely a story is covered: distinct outlets (reports of unknown outlets count one each) and reports. */
export function coverage(story: Story): Coverage {
  const reports = storyReports(story);
  return { outlets: new Set(reports.map((r, i) => outletOf(r) ?? `#${i}`)).size, reports: reports.length };
}

/** A card's timeline keeps the latest reports of a long-running story. */
const MAX_TIMELINE_ENTRIES = 8;

function storyTimeline(reports: Report[]): TimelineEntry[] {
  return [...reports]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-MAX_TIMELINE_ENTRIES)
    .map((r) => ({ at: r.at.toISOString(), source: outletOf(r), headline: r.title, url: r.url }));
}

function termSet(sentence: string): Set<string> {
  return new Set(contentTerms(sentence));
}

/** Jaccard similarity of two word sets; 0 when both are empty. */
function overlap(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}

/**
 * The article that speaks for a story, among those found: the one most outlets ran, then the one
 * whose headline is most like the story's other headlines ("Samsung Galaxy S5 review" rather than
 * "Samsung Waves away a million" for a story of Galaxy S5 reviews), then the first given (the best
 * match of a search).
 */
export function leadArticle(story: Story): Article {
  const found = story.articles.slice(0, story.found ?? story.articles.length);
  if (found.length === 0) throw new Error(`story ${story.id} has no articles`);
  const headlines = story.articles.map((a) => termSet(a.title));
  const typicality = (i: number): number => headlines.reduce((sum, h, j) => (j === i ? sum : sum + overlap(headlines[i]!, h)), 0);
  let lead = 0;
  let leadTypicality = typicality(0);
  // A report with text leads before a headline-only one: the card's summary, reading time and link
  // come from the lead.
  const told = (a: Article): number => (a.body.trim() ? 1 : 0);
  for (let i = 1; i < found.length; i++) {
    const text = told(found[i]!) - told(found[lead]!);
    const copies = found[i]!.copies.length - found[lead]!.copies.length;
    const t = typicality(i);
    if (text > 0 || (text === 0 && (copies > 0 || (copies === 0 && t > leadTypicality)))) [lead, leadTypicality] = [i, t];
  }
  return found[lead]!;
}

/** The headline a story's card shows. */
export function storyHeadline(story: Story): string {
  return leadArticle(story).title;
}

export function storyCard(story: Story): StoryCard {
  const lead = leadArticle(story);
  const reports = storyReports(story);
  const sources = storySources(reports);
  return {
    type: "story",
    storyId: String(story.id),
    headline: lead.title,
    summary: (story.articles.length === 1 ? lead.summary : storySummary(lead, story.articles)).join(" "),
    entities: storyEntities(story),
    sources,
    // The store counts over every article of the story; the card may have read only the latest.
    sourceCount: Math.max(sources.length, story.coverage?.outlets ?? 0),
    articleCount: Math.max(reports.length, story.coverage?.reports ?? 0),
    timeline: storyTimeline(reports),
    url: lead.url ?? null,
    publishedAt: latestNews(story).toISOString(),
    readingMinutes: lead.readingMinutes,
    imageCaption: lead.imageCaption,
  };
}
