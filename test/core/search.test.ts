import { describe, expect, it } from "vitest";
import { closestTopics, parseTopicQuery } from "../../src/core/search.js";

describe("parseTopicQuery", () => {
  it("widens a known place to all its names", () => {
    const { topics, query } = parseTopicQuery("syria");
    expect(topics.map((t) => t.canonical)).toEqual(["Syria"]);
    expect(query.groups).toHaveLength(1);
    expect(query.groups[0]).toEqual(expect.arrayContaining(["Syria", "Syrian", "Damascus"]));
  });

  it.each(["turkey", "türkiye", "Turkiye", "TURKEY"])("resolves %s to Türkiye", (typed) => {
    const { topics, query } = parseTopicQuery(typed);
    expect(topics[0]?.canonical).toBe("Türkiye");
    expect(query.groups[0]).toEqual(expect.arrayContaining(["Turkish"]));
  });

  it("leaves out a name the case-blind index would read as a common word", () => {
    const { topics, query } = parseTopicQuery("United States");
    expect(topics[0]?.canonical).toBe("United States");
    expect(query.groups[0]).toEqual(expect.arrayContaining(["United States", "U.S.", "American"]));
    expect(query.groups[0]).not.toContain("US");
    expect(parseTopicQuery("UK").query.groups[0]).toContain("UK");
  });

  it("keeps unknown words as their own required group", () => {
    const { words, query } = parseTopicQuery("Iraq budget vote");
    expect(words).toEqual(["Iraq", "budget", "vote"]);
    expect(query.match).toBe("all");
    expect(query.groups.slice(1)).toEqual([["budget"], ["vote"]]);
  });

  it("reads search syntax as words: quotes, parentheses, OR, *, -, :", () => {
    const { words } = parseTopicQuery('"syria" OR (iraq*) -NEAR title:oil');
    expect(words).toEqual(["syria", "iraq", "title", "oil"]);
  });

  it("copes with emoji, nothing, and 2,000 characters", () => {
    expect(parseTopicQuery("🙂🙂").words).toEqual([]);
    expect(parseTopicQuery("   ").words).toEqual([]);
    const long = parseTopicQuery('syria "(*:- '.repeat(200));
    expect(long.words.length).toBeLessThanOrEqual(12);
    expect(long.words.every((w) => /^syria$/i.test(w))).toBe(true);
  });
});

describe("closestTopics", () => {
  const known = [
    { name: "Iraq", kind: "place" as const, articles: 9 },
    { name: "Syria", kind: "place" as const, articles: 4 },
    { name: "Bashar al-Assad", kind: "person" as const, articles: 2 },
  ];

  it("finds a misspelt topic and a prefix", () => {
    expect(closestTopics("syira", known)[0]).toBe("Syria");
    expect(closestTopics("bashar", known)).toEqual(["Bashar al-Assad"]);
  });

  it("falls back to the most covered topics when nothing is near", () => {
    expect(closestTopics("quantum chromodynamics", known)).toEqual(["Iraq", "Syria", "Bashar al-Assad"]);
  });
});
