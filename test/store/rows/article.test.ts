// Articles rows are read by hand (src/store/rows/article.ts): what each engine hands back becomes the
// same Article, and a row that does not hold what newsbot stores fails by the column's name.
import { describe, expect, it } from "vitest";
import { articleReaders, RowError } from "../../../src/store/rows/article.js";
import { postgresColumns, sqliteColumns } from "../../../src/store/rows/columns.js";

const STORED = new Date("2026-11-27T08:00:00Z");
const PUBLISHED = new Date("2026-11-27T06:30:00Z");
const ENTITIES = [
  { kind: "place", name: "Syria", mentions: 3 },
  { kind: "person", name: "Bashar al-Assad", mentions: 1, sure: false },
];

/** An articles row as SQLite returns it: times in milliseconds, JSON as text. */
const sqliteRow = {
  id: 7,
  story_id: 3,
  title: "Talks resume in Geneva",
  body: "Talks resumed in Geneva on Monday.",
  url: "https://wire.example/talks",
  canonical_url: "https://wire.example/talks",
  source: "Wire",
  image_caption: null,
  published_at: PUBLISHED.getTime(),
  stored_at: STORED.getTime(),
  content_hash: "abc",
  summary: JSON.stringify(["Talks resumed in Geneva on Monday."]),
  entities: JSON.stringify(ENTITIES),
  reading_minutes: 1,
};
/** The same row as Postgres returns it: Dates, and JSON already parsed. */
const postgresRow = { ...sqliteRow, published_at: PUBLISHED, stored_at: STORED, summary: JSON.parse(sqliteRow.summary) as unknown, entities: ENTITIES };

const ARTICLE = {
  id: 7,
  storyId: 3,
  title: "Talks resume in Geneva",
  body: "Talks resumed in Geneva on Monday.",
  url: "https://wire.example/talks",
  canonicalUrl: "https://wire.example/talks",
  source: "Wire",
  imageCaption: undefined,
  publishedAt: PUBLISHED,
  storedAt: STORED,
  contentHash: "abc",
  summary: ["Talks resumed in Geneva on Monday."],
  entities: ENTITIES,
  readingMinutes: 1,
};

describe("articles rows", () => {
  it("read as the same Article from either engine, with their copies in the order given", () => {
    const copy = { article_id: 7, title: "Geneva talks resume", source: "Daily", url: null, published_at: null, stored_at: STORED.getTime() };
    const sqlite = articleReaders(sqliteColumns);
    expect(sqlite.toArticles([sqlite.parseArticle(sqliteRow)], [copy, { ...copy, title: "Later copy" }])).toEqual([
      { ...ARTICLE, copies: [{ title: "Geneva talks resume", source: "Daily", url: undefined, publishedAt: undefined, storedAt: STORED }, expect.objectContaining({ title: "Later copy" })] },
    ]);
    const postgres = articleReaders(postgresColumns);
    expect(postgres.toArticles([postgres.parseArticle(postgresRow)], [])).toEqual([{ ...ARTICLE, copies: [] }]);
    // An undated article has no publishedAt.
    expect(sqlite.parseArticle({ ...sqliteRow, published_at: null }).publishedAt).toBeUndefined();
  });

  it("refuse a row that does not hold what newsbot stores, naming the column", () => {
    const { parseArticle, toArticles } = articleReaders(sqliteColumns);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...sqliteRow, title: null }, "title"],
      [{ ...sqliteRow, story_id: "3" }, "story_id"],
      [{ ...sqliteRow, stored_at: "yesterday" }, "stored_at"],
      [{ ...sqliteRow, entities: "not json" }, "entities"],
      [{ ...sqliteRow, entities: JSON.stringify([{ kind: "planet", name: "Mars", mentions: 1 }]) }, "entities"],
      [{ ...sqliteRow, summary: JSON.stringify([1, 2]) }, "summary"],
    ];
    for (const [row, column] of bad) {
      expect(() => parseArticle(row)).toThrow(RowError);
      expect(() => parseArticle(row)).toThrow(`articles row 7: ${column} does not hold`);
    }
    expect(() => toArticles([], [{ article_id: 7, title: "A copy", source: null, url: null, published_at: null, stored_at: null }])).toThrow(
      "article_copies row 7: stored_at does not hold",
    );
  });

  it("read with their copies in the same row (Postgres: COPIES_JSON, times as ISO text), or none", () => {
    const { withCopies } = articleReaders(postgresColumns);
    const copy = { title: "Geneva talks resume", source: "Daily", url: null, published_at: PUBLISHED.toISOString().replace("Z", "+00:00"), stored_at: STORED.toISOString() };
    expect(withCopies({ ...postgresRow, copies: [copy, { ...copy, title: "Later copy", published_at: null }] })).toEqual({
      ...ARTICLE,
      copies: [
        { title: "Geneva talks resume", source: "Daily", url: undefined, publishedAt: PUBLISHED, storedAt: STORED },
        { title: "Later copy", source: "Daily", url: undefined, publishedAt: undefined, storedAt: STORED },
      ],
    });
    expect(withCopies({ ...postgresRow, copies: null })).toEqual({ ...ARTICLE, copies: [] });
    expect(() => withCopies({ ...postgresRow, copies: "[]" })).toThrow("articles row 7: copies does not hold");
    expect(() => withCopies({ ...postgresRow, copies: [{ ...copy, stored_at: "yesterday" }] })).toThrow("article_copies row 7: stored_at does not hold");
    expect(() => withCopies({ ...postgresRow, copies: [{ ...copy, title: 3 }] })).toThrow("article_copies row 7: title does not hold");
  });
});
