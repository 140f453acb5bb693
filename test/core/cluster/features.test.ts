import { describe, expect, it } from "vitest";
import { articleFeatures, contentTerms, minHash, signatureSimilarity } from "../../../src/core/cluster/features.js";
import { ownReport, wire, wireRepublished } from "./fixtures.js";

describe("contentTerms", () => {
  it("lowercases, drops stop words, reporting words and numbers, and stems", () => {
    expect(contentTerms("The Ministers said 2,000 residents were evacuated on 13th March")).toEqual(["minist", "resid", "evacu", "march"]);
  });

  it("keeps letter-led codes and folds accents and possessives", () => {
    expect(contentTerms("MH370's search; Galaxy S5 in Zürich")).toEqual(["mh370", "search", "galaxi", "s5", "zurich"]);
  });
});

describe("articleFeatures", () => {
  it("boosts title terms and adds entities as their own features, places weighing less", () => {
    const features = articleFeatures(
      {
        title: "Blaze at plant",
        body: "The blaze spread. Firefighters fought the blaze.",
        entities: [
          { kind: "person", name: "Ahmed Aboutaleb", mentions: 1 },
          { kind: "place", name: "Netherlands", mentions: 1 },
        ],
      },
      { titleWeight: 4, entityWeight: 3, placeWeight: 0.5 },
    );
    expect(features.terms).toEqual({
      blaze: 1 + Math.log(2) + 4,
      spread: 1,
      firefight: 1,
      fought: 1,
      plant: 4,
      "e:ahmed aboutaleb": 3,
      "p:netherlands": 0.5,
    });
  });

  it("gives a name written with a hyphen or a space one feature", () => {
    const entities = [
      { kind: "organisation" as const, name: "Fukushima-Daiichi", mentions: 1 },
      { kind: "organisation" as const, name: "Fukushima Daiichi", mentions: 1 },
    ];
    const features = articleFeatures({ title: "Plant", body: "", entities }, { titleWeight: 0, entityWeight: 3 });
    expect(features.terms).toEqual({ "e:fukushima daiichi": 6 });
  });

  it("gives equal articles equal features", () => {
    expect(articleFeatures(wire)).toEqual(articleFeatures({ ...wire }));
  });
});

describe("signatures", () => {
  it("estimate a high Jaccard similarity for lightly edited copy and a low one for different words on the same event", () => {
    const a = articleFeatures(wire).signature;
    expect(a).toHaveLength(128);
    expect(signatureSimilarity(a, a, 128)).toBe(1);
    expect(signatureSimilarity(a, articleFeatures(wireRepublished).signature, 128)).toBeGreaterThan(0.6);
    expect(signatureSimilarity(a, articleFeatures(ownReport).signature, 128)).toBeLessThan(0.1);
  });

  it("are exact for short texts (every shingle kept)", () => {
    // Shingles of 2 words: {a b, b c, c d} and {a b, b c, c e}: 2 shared of 4.
    expect(signatureSimilarity(minHash("a b c d", 128, 2), minHash("a b c e", 128, 2), 128)).toBe(0.5);
  });

  it("give the same estimate with a floor it reaches, and one below the floor otherwise (0 when far below)", () => {
    const a = articleFeatures(wire).signature;
    const copy = articleFeatures(wireRepublished).signature;
    const other = articleFeatures(ownReport).signature;
    const exact = signatureSimilarity(a, copy, 128);
    expect(signatureSimilarity(a, copy, 128, 0.5)).toBe(exact);
    expect(signatureSimilarity(a, copy, 128, exact)).toBe(exact);
    expect(signatureSimilarity(a, copy, 128, exact + 0.01)).toBeLessThan(exact + 0.01);
    expect(signatureSimilarity(a, other, 128, 0.5)).toBe(0);
    // 30 values shared, then 98 of one's own: 30 / 128. Past 64 unshared it cannot reach 0.5.
    const first = Array.from({ length: 128 }, (_, i) => i);
    const second = [...first.slice(0, 30), ...Array.from({ length: 98 }, (_, i) => 1000 + i)];
    expect(signatureSimilarity(first, second, 128)).toBe(30 / 128);
    expect(signatureSimilarity(first, second, 128, 0.5)).toBe(0);
    expect(signatureSimilarity(first, second, 128, 0.2)).toBe(30 / 128);
    // Short texts end before k values: {a b, b c, c d} and {a b, b c, c e} are 0.5 exactly.
    expect(signatureSimilarity(minHash("a b c d", 128, 2), minHash("a b c e", 128, 2), 128, 0.5)).toBe(0.5);
  });

  it("are empty for a text without words, and empty signatures match nothing", () => {
    expect(minHash(" -- ", 128, 4)).toEqual([]);
    expect(signatureSimilarity([], [], 128)).toBe(0);
  });
});
