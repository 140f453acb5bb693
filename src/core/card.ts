// Digest cards: the platform-neutral answer to every command and every briefing. Adapters render
// them (terminal text, Block Kit, embeds); the core never formats for a platform.
import { z } from "zod";
import { Entity } from "./article.js";

export const SourceLink = z.object({
  name: z.string(),
  url: z.string().optional(),
});
export type SourceLink = z.infer<typeof SourceLink>;

/** One report in a story's timeline: who ran what, when. */
export const TimelineEntry = z.object({
  /** ISO 8601. */
  at: z.string(),
  source: z.string().optional(),
  headline: z.string(),
  url: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** One story: what a reader needs to decide whether to open it. */
export const StoryCard = z.object({
  type: z.literal("story"),
  storyId: z.string(),
  headline: z.string(),
  /** 2-3 sentences, in article order. */
  summary: z.string(),
  entities: z.array(Entity),
  sources: z.array(SourceLink),
  /** How many outlets ran the story, and how many reports it has (near-duplicate copies included). */
  sourceCount: z.number().int().nonnegative(),
  articleCount: z.number().int().positive(),
  /** The story's reports, oldest first; the latest few when there are many. */
  timeline: z.array(TimelineEntry),
  url: z.string().nullable(),
  /** ISO 8601; when the source gave no date, when newsbot stored the article. */
  publishedAt: z.string(),
  /** 0 when the story has only headlines: nothing to read. */
  readingMinutes: z.number().int().nonnegative(),
  imageCaption: z.string().optional(),
});
export type StoryCard = z.infer<typeof StoryCard>;

/** What a card says where its summary would be when no report of the story had any text. */
export function missingSummary(card: StoryCard): string {
  return card.articleCount > 1 ? "No summary: the sources gave only headlines." : "No summary: the source gave only a headline.";
}

/** "4 min read"; nothing for a story of headlines only. */
export function readingTime(card: StoryCard): string[] {
  return card.readingMinutes > 0 ? [`${card.readingMinutes} min read`] : [];
}

/** A followed feed, for `sources list` and the answers to add / remove / resume. */
export const SourceCard = z.object({
  type: z.literal("source"),
  sourceId: z.string(),
  name: z.string(),
  url: z.string(),
  status: z.enum(["active", "paused"]),
  /** Where it was defined: by a user (command or chat) or in the sources file. */
  origin: z.enum(["user", "file"]),
  articles: z.number().int().nonnegative(),
  /** ISO 8601 times of the last poll and the next one (none while paused). */
  lastPolledAt: z.string().optional(),
  nextPollAt: z.string().optional(),
  /** Why it is paused, or what went wrong on the last poll. */
  problem: z.string().optional(),
});
export type SourceCard = z.infer<typeof SourceCard>;

/** A short line of text: an empty digest, a "did you mean", a usage error. */
export const NoticeCard = z.object({
  type: z.literal("notice"),
  text: z.string(),
  /** Follow-ups a user can try, shown as a list (closest topics, example commands). */
  suggestions: z.array(z.string()).default([]),
});
export type NoticeCard = z.infer<typeof NoticeCard>;

/** The commands a user can type, for /help. */
export const HelpCard = z.object({
  type: z.literal("help"),
  commands: z.array(z.object({ usage: z.string(), description: z.string() })),
});
export type HelpCard = z.infer<typeof HelpCard>;

export const Card = z.discriminatedUnion("type", [StoryCard, SourceCard, NoticeCard, HelpCard]);
export type Card = z.infer<typeof Card>;

/** A file an answer comes with (/sources export's OPML): each chat platform hands it to the asker alone. */
export const ReplyFile = z.object({
  name: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type ReplyFile = z.infer<typeof ReplyFile>;

/** What a command or a briefing answers: a title line and its cards. */
export const Reply = z.object({
  title: z.string(),
  cards: z.array(Card),
  file: ReplyFile.optional(),
  /** Set when nothing was done: a usage error, a caller without permission, an unknown source. The
   * terminal exits with status 1 on it, so a script can tell. */
  failed: z.literal(true).optional(),
});
export type Reply = z.infer<typeof Reply>;

export function notice(text: string, suggestions: string[] = []): NoticeCard {
  return { type: "notice", text, suggestions };
}

/** The answer to a request that could not be carried out: a title and one notice saying why. */
export function refusal(title: string, text: string, suggestions: string[] = []): Reply {
  return { title, cards: [notice(text, suggestions)], failed: true };
}
