import { describe, expect, it } from "vitest";
import { canonicalUrl, contentHash, enrich, readingMinutes } from "../../src/core/enrich.js";

describe("canonicalUrl", () => {
  it("gives two links to the same article one form", () => {
    const forms = [
      "https://www.example.com/news/story-1?utm_source=twitter&utm_medium=social",
      "http://example.com/news/story-1/",
      "https://EXAMPLE.com/news/story-1#comments",
      "https://example.com/news/story-1?fbclid=abc",
    ];
    expect(new Set(forms.map(canonicalUrl))).toEqual(new Set(["https://example.com/news/story-1"]));
  });

  it("keeps the query parameters that choose the article, in a fixed order", () => {
    expect(canonicalUrl("https://example.com/view?b=2&id=7")).toBe("https://example.com/view?b=2&id=7");
    expect(canonicalUrl("https://example.com/view?id=7&b=2")).toBe("https://example.com/view?b=2&id=7");
    expect(canonicalUrl("https://example.com/view?id=8")).not.toBe(canonicalUrl("https://example.com/view?id=7"));
  });
});

describe("contentHash", () => {
  it("ignores case, accents, punctuation and spacing, but not words", () => {
    const hash = contentHash("Türkiye said: talks resume on Monday.");
    expect(contentHash("turkiye said talks   resume on monday")).toBe(hash);
    expect(contentHash("Türkiye said talks resume on Tuesday.")).not.toBe(hash);
  });
});

describe("readingMinutes", () => {
  it("counts about 230 words a minute, at least one", () => {
    expect(readingMinutes("one two three")).toBe(1);
    expect(readingMinutes("word ".repeat(1150))).toBe(5);
  });
});

describe("enrich", () => {
  it("copes with a 2 MB page: run-on text is cut, the whole body is kept", () => {
    const runOn = enrich({ title: "Dump", body: "word ".repeat(400_000).trim() }, new Date());
    expect(runOn.body).toHaveLength(2_000_000 - 1);
    expect(runOn.summary).toHaveLength(1);
    expect(runOn.summary[0]!.length).toBeLessThanOrEqual(401);
    expect(runOn.summary[0]!.endsWith("word…")).toBe(true);
    const repeated = enrich({ title: "Soup", body: "Trade talks in Syria went on. ".repeat(70_000) }, new Date());
    // Said once, and no half sentence from where the NLP stops reading.
    expect(repeated.summary).toEqual(["Trade talks in Syria went on."]);
    expect(repeated.entities).toEqual([{ kind: "place", name: "Syria", mentions: expect.any(Number) }]);
  });

  it("leaves the outlet out of the article's own entities", () => {
    const article = enrich(
      {
        title: "Iraq warns militias",
        body: "Speaking to Asharq Al-Awsat, an official said Iraq must stay out of the war. Asharq Al-Awsat reported it first. Officials consulted Shiite leaders and Shiite figures.",
        source: "Asharq Al-Awsat",
      },
      new Date("2026-11-27T08:00:00Z"),
    );
    const names = article.entities.map((e) => e.name);
    expect(names).toContain("Iraq");
    expect(names).not.toContain("Asharq Al-Awsat");
    expect(names).not.toContain("Shiite");
    expect(article.summary.length).toBeGreaterThan(0);
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
