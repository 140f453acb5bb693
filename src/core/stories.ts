// Stories: articles about the same news, grouped. A story's card speaks for all its articles.
import type { Article, Entity } from "./article.js";
import type { SourceLink, StoryCard } from "./card.js";

export interface Story {
  id: number;
  /** Best first: the order search or the digest ranked them in. */
  articles: Article[];
}

/** When an article happened as far as newsbot knows: its date, or when it was stored if it has none
 * or claims a date after it arrived (the store ranks by the same rule). */
export function newsTime(article: Article): Date {
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

/** Entities across the story's articles, merged by name, most mentioned first, a few of each kind. */
function storyEntities(story: Story): Entity[] {
  const merged = new Map<string, Entity>();
  for (const entity of story.articles.flatMap((a) => a.entities)) {
    const key = `${entity.kind}:${entity.name}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, mentions: seen.mentions + entity.mentions } : { ...entity });
  }
  const ranked = [...merged.values()].sort((a, b) => b.mentions - a.mentions);
  const kept = new Map<string, number>();
  return ranked.filter((e) => {
    const n = (kept.get(e.kind) ?? 0) + 1;
    kept.set(e.kind, n);
    return n <= MAX_CARD_ENTITIES_PER_KIND;
  });
}

/** The outlets behind a story, named by the article or else by its link's host; unknown ones are left out. */
function storySources(story: Story): SourceLink[] {
  const sources = new Map<string, SourceLink>();
  for (const article of story.articles) {
    const name = article.source ?? (article.url ? new URL(article.url).hostname.replace(/^www\./, "") : undefined);
    if (name && !sources.has(name)) sources.set(name, { name, url: article.url });
  }
  return [...sources.values()];
}

export function storyCard(story: Story): StoryCard {
  const [lead] = story.articles;
  if (!lead) throw new Error(`story ${story.id} has no articles`);
  return {
    type: "story",
    storyId: String(story.id),
    headline: lead.title,
    summary: lead.summary.join(" "),
    entities: storyEntities(story),
    sources: storySources(story),
    url: lead.url ?? null,
    publishedAt: latestNews(story).toISOString(),
    readingMinutes: lead.readingMinutes,
    imageCaption: lead.imageCaption,
  };
}
