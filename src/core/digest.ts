// The digest: the stories of a time window, ranked, cut to the few a reader has time for.
import type { Article } from "./article.js";
import { coverage, groupByStory, latestNews, type Story } from "./stories.js";
import { count } from "./text.js";

export interface DigestWindow {
  since: Date;
  until: Date;
}

export const DEFAULT_WINDOW_HOURS = 24;
export const DEFAULT_MAX_STORIES = 8;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A window as a briefing's title says it: "the last 24 hours", "the last 90 minutes", "the last 7 days". */
export function windowSpan(windowMs: number): string {
  const hours = windowMs / HOUR_MS;
  if (hours === 1) return "the last hour";
  if (hours < 1 || !Number.isInteger(hours)) return `the last ${count(Math.round(windowMs / MINUTE_MS), "minute")}`;
  // Up to two days people still count in hours ("the last 48 hours"); beyond, in days.
  if (hours > 48 && hours % 24 === 0) return `the last ${count(hours / 24, "day")}`;
  return `the last ${count(hours, "hour")}`;
}

/**
 * Ranks stories by how widely they are covered (distinct sources, then articles), then by how
 * recent they are: a story five outlets ran beats one outlet's latest item.
 */
export function rankStories(articles: Article[], window: DigestWindow, max: number): Story[] {
  const span = Math.max(1, window.until.getTime() - window.since.getTime());
  const score = (story: Story) => {
    const { outlets, reports } = coverage(story);
    const freshness = (latestNews(story).getTime() - window.since.getTime()) / span;
    return outlets * 2 + reports + freshness;
  };
  return groupByStory(articles)
    .map((story) => ({ story, score: score(story) }))
    .sort((a, b) => b.score - a.score || b.story.id - a.story.id)
    .slice(0, max)
    .map((s) => s.story);
}
