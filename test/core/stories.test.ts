import { describe, expect, it } from "vitest";
import type { Article, Entity } from "../../src/core/article.js";
import { groupByStory, storyCard } from "../../src/core/stories.js";

const STORED = new Date("2026-11-27T08:00:00Z");

function article(id: number, storyId: number, over: Partial<Article> = {}): Article {
  return {
    id,
    storyId,
    title: `Article ${id}`,
    body: "Body.",
    contentHash: `h${id}`,
    storedAt: STORED,
    summary: [`First sentence of ${id}.`, "Second sentence."],
    entities: [],
    readingMinutes: 2,
    ...over,
  };
}

const person = (name: string, mentions: number): Entity => ({ kind: "person", name, mentions });

describe("groupByStory", () => {
  it("groups articles by story in the order of each story's best article", () => {
    const stories = groupByStory([article(1, 10), article(2, 20), article(3, 10)]);
    expect(stories.map((s) => [s.id, s.articles.map((a) => a.id)])).toEqual([
      [10, [1, 3]],
      [20, [2]],
    ]);
  });
});

describe("storyCard", () => {
  it("leads with the best article and merges the entities and sources of all articles", () => {
    const card = storyCard({
      id: 10,
      articles: [
        article(1, 10, {
          source: "Wire",
          url: "https://wire.example/a",
          publishedAt: new Date("2026-11-26T10:00:00Z"),
          entities: [person("Ayman Sousan", 2), { kind: "place", name: "Syria", mentions: 5 }],
        }),
        article(2, 10, {
          url: "https://www.daily.example/b",
          publishedAt: new Date("2026-11-27T06:00:00Z"),
          entities: [person("Ayman Sousan", 1)],
        }),
        article(3, 10, { entities: [] }),
      ],
    });
    expect(card).toEqual({
      type: "story",
      storyId: "10",
      headline: "Article 1",
      summary: "First sentence of 1. Second sentence.",
      entities: [{ kind: "place", name: "Syria", mentions: 5 }, person("Ayman Sousan", 3)],
      // Named by the article, else by the link's host; the third article has neither and is left out.
      sources: [
        { name: "Wire", url: "https://wire.example/a" },
        { name: "daily.example", url: "https://www.daily.example/b" },
      ],
      url: "https://wire.example/a",
      publishedAt: "2026-11-27T08:00:00.000Z",
      readingMinutes: 2,
      imageCaption: undefined,
    });
  });

  it("names at most four entities of each kind, the most mentioned", () => {
    const people = [6, 5, 4, 3, 2, 1].map((n) => person(`Person ${n}`, n));
    const card = storyCard({ id: 1, articles: [article(1, 1, { entities: [...people, { kind: "place", name: "Iraq", mentions: 1 }] })] });
    expect(card.entities.map((e) => e.name)).toEqual(["Person 6", "Person 5", "Person 4", "Person 3", "Iraq"]);
  });
});
