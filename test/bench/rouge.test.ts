// ROUGE-N and the benchmark's data reading: the numbers the summary benchmark reports rest on these.
import { describe, expect, it } from "vitest";
import { containmentKey, splitOf } from "../../bench/bbc-news.js";
import { rougeN, rougeTokens } from "../../bench/rouge.js";

describe("rougeN", () => {
  it("scores unigram overlap as precision, recall and F1", () => {
    // 3 of 3 candidate words are in the 6-word reference: P 1, R 1/2, F1 2/3.
    const score = rougeN("The cat sat", "the cat sat on the mat", 1);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(2 / 3, 10);
  });

  it("clips repeated n-grams to the reference count", () => {
    // "the" x3 against one "the": overlap 1, P 1/3, R 1/2, F1 0.4.
    const score = rougeN("the the the", "the cat", 1);
    expect(score.precision).toBeCloseTo(1 / 3, 10);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(0.4, 10);
  });

  it("scores bigrams", () => {
    // Both candidate bigrams are among the reference's 5: P 1, R 0.4, F1 4/7.
    const score = rougeN("the cat sat", "the cat sat on the mat", 2);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeCloseTo(0.4, 10);
    expect(score.f1).toBeCloseTo(4 / 7, 10);
    expect(rougeN("cat the", "the cat", 2).f1).toBe(0);
  });

  it("is zero, not NaN, for empty text", () => {
    expect(rougeN("", "the cat", 1)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(rougeN("the cat", "", 1)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it("tokenises lower-cased letters and digits, splitting run-together sentences", () => {
    expect(rougeTokens("Profit rose 8%.For 2005, TimeWarner's £3.36bn")).toEqual([
      "profit", "rose", "8", "for", "2005", "timewarner", "s", "3", "36bn",
    ]);
  });
});

describe("benchmark data", () => {
  it("matches sentences against a reference that runs them together", () => {
    const reference = containmentKey("Sales rose 2%.For the year, profit was “strong”.");
    expect(reference.includes(containmentKey('For the year, profit was "strong".'))).toBe(true);
    expect(reference.includes(containmentKey("Sales fell 2%."))).toBe(false);
  });

  it("splits by file number: 1 mod 4 tunes, the rest is held out", () => {
    expect([1, 3, 5, 7, 9, 2].map((number) => splitOf({ number }))).toEqual(["tune", "holdout", "tune", "holdout", "tune", "holdout"]);
  });
});
