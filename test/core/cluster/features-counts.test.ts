// Body term weights count each content term once per occurrence, in order of first occurrence,
// whatever tokens (case, possessive, inflection) it comes from.
import { describe, expect, it } from "vitest";
import { articleFeatures, contentTerms } from "../../../src/core/cluster/features.js";

describe("articleFeatures body terms", () => {
  it("weighs each term by its occurrences across the tokens that stem to it, in first-occurrence order", () => {
    const body = "Ministers met. The minister's plan: Minister Jones said ministers and MINISTERS planned plans. Plan B.";
    const { terms } = articleFeatures({ title: "", body, entities: [] }, { titleWeight: 0 });
    const counts = new Map<string, number>();
    for (const term of contentTerms(body)) counts.set(term, (counts.get(term) ?? 0) + 1);
    expect(Object.keys(terms)).toEqual([...counts.keys()]);
    for (const [term, n] of counts) expect(terms[term]).toBeCloseTo(1 + Math.log(n), 12);
    expect(counts.get("minist")).toBe(5);
    expect(counts.get("plan")).toBe(4);
  });
});
