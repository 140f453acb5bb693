// A story card for the renderers' tests.
import { StoryCard } from "../../src/core/card.js";

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
