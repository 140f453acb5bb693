import { describe, expect, it } from "vitest";
import { toFtsQuery } from "../../src/store/sqlite/fts-query.js";

describe("toFtsQuery", () => {
  it("quotes every term, ORs within a group and ANDs groups", () => {
    expect(toFtsQuery({ groups: [["syria", "syrian"], ["talks"]], match: "all" })).toBe('("syria" OR "syrian") AND "talks"');
    expect(toFtsQuery({ groups: [["syria"], ["iraq"]], match: "any" })).toBe('"syria" OR "iraq"');
  });

  it("doubles quotes inside a term and drops terms without a letter or digit", () => {
    expect(toFtsQuery({ groups: [['say "hi"', "!!", "*"]], match: "all" })).toBe('"say ""hi"""');
    expect(toFtsQuery({ groups: [["🙂"], []], match: "all" })).toBeUndefined();
  });
});
