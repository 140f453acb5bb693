// ROUGE-N and the benchmark's data reading: the numbers the summary benchmark reports rest on these.
import { describe, expect, it } from "vitest";
import { containmentKey, splitOf } from "../../bench/bbc-news.js";
import { greedyOracle } from "../../bench/oracle.js";
import { lcsLength, rougeL, rougeN, rougeTokens } from "../../bench/rouge.js";

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

describe("rougeL", () => {
  it("scores the longest common subsequence: in-order words, not necessarily adjacent", () => {
    // "the cat ... on the mat": 5 of 6 words in order on both sides, so P = R = F1 = 5/6.
    const score = rougeL("the cat sat on the mat", "the cat lay on the mat");
    expect(score.precision).toBeCloseTo(5 / 6, 10);
    expect(score.recall).toBeCloseTo(5 / 6, 10);
    expect(score.f1).toBeCloseTo(5 / 6, 10);
  });

  it("cares about order where ROUGE-1 does not", () => {
    // The same four words, reordered: ROUGE-1 is perfect, but only "the gunman" (or "police
    // killed") is in order, so ROUGE-L is 2/4 each way.
    expect(rougeN("the gunman police killed", "police killed the gunman", 1).f1).toBe(1);
    expect(rougeL("the gunman police killed", "police killed the gunman")).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it("uses the lengths of both sides", () => {
    // LCS "a c e" = 3 of the 3-word candidate and of the 6-word reference: P 1, R 1/2, F1 2/3.
    expect(lcsLength(["a", "c", "e"], ["a", "b", "c", "d", "e", "f"])).toBe(3);
    const score = rougeL("a c e", "a b c d e f");
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(2 / 3, 10);
    expect(rougeL("", "a b")).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe("greedyOracle", () => {
  it("picks, in article order, the sentences that together best match the reference, and stops when none helps", () => {
    const sentences = ["The weather was mild.", "The mayor opened the bridge.", "The bridge cost ten million.", "Nobody came."];
    // Sentence 1 matches most of the reference, sentence 2 adds "cost ten million"; 0 and 3 only
    // add words the reference lacks.
    expect(greedyOracle(sentences, "mayor opened the bridge . bridge cost ten million")).toEqual([1, 2]);
  });
});

describe("benchmark data", () => {
  it("matches sentences against a reference that runs them together", () => {
    const reference = containmentKey("Sales rose 2%.For the year, profit was “strong”.");
    expect(reference.includes(containmentKey('For the year, profit was "strong".'))).toBe(true);
    expect(reference.includes(containmentKey("Sales fell 2%."))).toBe(false);
  });

  it("splits by file number in pairs: 001-002 tune, 003-004 held out, and so on", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((number) => splitOf({ number }))).toEqual([
      "tune", "tune", "holdout", "holdout", "tune", "tune", "holdout", "holdout", "tune",
    ]);
    // The BBC dev set has odd numbers only: 1 mod 4 tunes, 3 mod 4 is held out, as before.
    expect([1, 3, 5, 7].map((number) => splitOf({ number }))).toEqual(["tune", "holdout", "tune", "holdout"]);
  });
});
