// The candidate stories of an article: the maxCandidates active stories that share most of its top
// terms (the IDF-weighted overlap), ties to the lower story id, whatever the order they were indexed in.
import { describe, expect, it } from "vitest";
import { StoryClusterer } from "../../../src/core/cluster/clusterer.js";
import type { ArticleFeatures } from "../../../src/core/cluster/features.js";

const AT = new Date("2026-03-02T09:00:00Z");

function features(terms: string[]): ArticleFeatures {
  return { terms: Object.fromEntries(terms.map((t) => [t, 1])), signature: [], headline: terms.slice(0, 2), subject: terms.slice(0, 2) };
}

describe("candidate stories", () => {
  it("are the stories sharing most of the article's terms, at most maxCandidates, ties to the lower id", () => {
    const clusterer = new StoryClusterer({ maxCandidates: 3 });
    // Eight stories share "harbour"; stories 5, 6 and 7 also share one more of the article's words,
    // story 2 two more. Recorded out of id order, so that the index's order is not the ids'.
    const extra: Record<number, string[]> = { 2: ["storm", "floods"], 5: ["storm"], 6: ["floods"], 7: ["storm"] };
    for (const id of [8, 3, 6, 1, 5, 7, 2, 4]) clusterer.record(id, id, features(["harbour", `own${id}`, ...(extra[id] ?? [])]), AT);
    const ids = (terms: string[]) =>
      clusterer
        .candidates(features(terms), AT)
        .map((c) => c.storyId)
        .sort((a, b) => a - b);
    expect(ids(["harbour", "storm", "floods"])).toEqual([2, 5, 6]);
    // Only the shared word: all tie, the three lowest ids.
    expect(ids(["harbour"])).toEqual([1, 2, 3]);
    // A word of one story alone: that story and the two lowest sharing the rest.
    expect(ids(["harbour", "own8"])).toEqual([1, 2, 8]);
    expect(clusterer.candidates(features(["nothing"]), AT)).toEqual([]);
  });
});
