import { describe, expect, it } from "vitest";
import { clipAtWord } from "../../src/core/text.js";

describe("clipAtWord", () => {
  it("leaves text that fits alone", () => {
    expect(clipAtWord("Talks resume", 12)).toBe("Talks resume");
  });

  it("cuts at the last word that fits and adds an ellipsis, within the limit", () => {
    expect(clipAtWord("Talks resume in Damascus on Monday", 20)).toBe("Talks resume in…");
    expect(clipAtWord("Talks resume in Damascus on Monday", 20).length).toBeLessThanOrEqual(20);
  });

  it("cuts mid-word when the only space is early, rather than keeping almost nothing", () => {
    expect(clipAtWord("A verylongwordwithoutanyspaces", 12)).toBe("A verylongw…");
    expect(clipAtWord("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
