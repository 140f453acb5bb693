import { describe, expect, it } from "vitest";
import { Vocabulary } from "../../../src/core/cluster/vocabulary.js";

describe("Vocabulary", () => {
  it("gives each term one id and keeps its document frequency past the first allocation", () => {
    const vocabulary = new Vocabulary();
    const terms = Array.from({ length: 3000 }, (_, i) => `term${i}`);
    const ids = terms.map((term) => vocabulary.intern(term));
    expect(new Set(ids).size).toBe(3000);
    expect(vocabulary.intern("term42")).toBe(ids[42]);
    expect(vocabulary.idOf("unknown")).toBeUndefined();
    ids.forEach((id, i) => vocabulary.setDf(id, i + 1));
    expect(vocabulary.size).toBe(3000);
    expect(vocabulary.term(ids[2999]!)).toBe("term2999");
    expect(vocabulary.df(ids[2999]!)).toBe(3000);
    expect(vocabulary.df(ids[0]!)).toBe(1);
  });

  it("lists only the terms some article has, in the order first seen", () => {
    const vocabulary = new Vocabulary();
    vocabulary.setDf(vocabulary.intern("fire"), 2);
    vocabulary.intern("only-in-a-story");
    vocabulary.setDf(vocabulary.intern("flood"), 1);
    expect(vocabulary.frequencies()).toEqual([["fire", 2], ["flood", 1]]);
  });

  it("compacts to the terms kept, renumbered in their old order, and goes on interning after them", () => {
    const vocabulary = new Vocabulary();
    for (const [i, term] of ["fire", "rare", "flood", "once"].entries()) vocabulary.setDf(vocabulary.intern(term), i + 1);
    const remap = vocabulary.compact((id) => vocabulary.term(id).length > 4);
    expect([...remap]).toEqual([-1, -1, 0, -1]);
    expect(vocabulary.size).toBe(1);
    expect(vocabulary.idOf("fire")).toBeUndefined();
    expect(vocabulary.frequencies()).toEqual([["flood", 3]]);
    expect(vocabulary.intern("fire")).toBe(1);
    expect(vocabulary.df(1)).toBe(0);
  });

  it("flags the terms its test accepts, past the first allocation and through a compaction", () => {
    const vocabulary = new Vocabulary((term) => term.startsWith("e:"));
    const ids = Array.from({ length: 3000 }, (_, i) => vocabulary.intern(i % 3 === 0 ? `e:name${i}` : `word${i}`));
    expect(ids.filter((id) => vocabulary.isFlagged(id)).length).toBe(1000);
    expect(vocabulary.isFlagged(ids[2997]!)).toBe(true);
    expect(vocabulary.isFlagged(ids[2998]!)).toBe(false);
    // Keep every other term: the flags move with the terms they belong to.
    const remap = vocabulary.compact((id) => id % 2 === 0);
    for (const [old, id] of remap.entries()) {
      if (id >= 0) expect(vocabulary.isFlagged(id)).toBe(old % 3 === 0);
    }
    expect(vocabulary.isFlagged(vocabulary.intern("e:late"))).toBe(true);
    expect(vocabulary.isFlagged(vocabulary.intern("late"))).toBe(false);
    const plain = new Vocabulary();
    expect(plain.isFlagged(plain.intern("e:x"))).toBe(false);
  });
});
