// Stories: articles about the same news, grouped. A story's card speaks for all its articles.
import type { Article } from "./article.js";
import type { SourceLink, StoryCard, TimelineEntry } from "./card.js";
import { contentTerms } from "./cluster/features.js";
import { outletOf } from "./outlet.js";
import { storySummary } from "./story-summary.js";
import { storyEntities } from "./story-entities.js";

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
    entities: storyEntities(story.articles),
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
