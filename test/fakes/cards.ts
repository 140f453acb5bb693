// Cards for the renderers' tests.
import { StoryCard, type Card } from "../../src/core/card.js";

/** A small, valid story card; tests override what they look at. */
export function storyCardFixture(overrides: Partial<StoryCard> = {}): StoryCard {
  return StoryCard.parse({
    type: "story",
    storyId: "7",
    headline: "Talks resume in Damascus",
    summary: "Syrian officials met envoys in Damascus on Monday. The talks covered the border.",
    entities: [
      { kind: "place", name: "Syria", mentions: 2 },
      { kind: "person", name: "Ayman Sousan", mentions: 1 },
    ],
    sources: [{ name: "Asharq Al-Awsat", url: "https://aawsat.com/a" }],
    sourceCount: 1,
    articleCount: 1,
    timeline: [{ at: "2026-11-27T06:00:00.000Z", source: "Asharq Al-Awsat", headline: "Talks resume in Damascus" }],
    url: "https://example.com/a",
    publishedAt: "2026-11-27T06:00:00.000Z",
    readingMinutes: 3,
    ...overrides,
  });
}

/** A notice, a help and a paused, failing source card, with the platform's markup in the text that
 * comes from outside (a query, a fetch error): the renderer must show it as text. */
export function otherCardsFixture(markup: { notice: string; problem: string }): Card[] {
  return [
    { type: "notice", text: `No story matches ${markup.notice}.`, suggestions: ["/story syria", "/digest"] },
    { type: "help", commands: [{ usage: "/story <topic>", description: "Find a story" }, { usage: "/help", description: "This list" }] },
    {
      type: "source",
      sourceId: "s1",
      name: "Example News",
      url: "https://news.example/feed.xml",
      status: "paused",
      origin: "file",
      articles: 12,
      lastPolledAt: "2026-11-27T06:00:00.000Z",
      problem: `HTTP 404 ${markup.problem}`,
    },
  ];
}

/** Notice, help and source cards far over every platform's limits; `urlLength` is how long the
 * feed URL's path is (each platform caps a link differently). */
export function oversizeCardsFixture(urlLength: number): Card[] {
  return [
    { type: "notice", text: "x".repeat(10_000), suggestions: Array.from({ length: 500 }, (_, i) => `suggestion ${i}`) },
    { type: "help", commands: Array.from({ length: 500 }, (_, i) => ({ usage: `/cmd${i}`, description: "d".repeat(600) })) },
    {
      type: "source",
      sourceId: "s".repeat(5000),
      name: "n".repeat(5000),
      url: `https://long.example/${"p".repeat(urlLength)}`,
      status: "active",
      origin: "user",
      articles: 1,
      lastPolledAt: "2026-11-27T06:00:00.000Z",
      nextPollAt: "2026-11-27T07:00:00.000Z",
      problem: "p".repeat(10_000),
    },
  ];
}
