import { describe, expect, it } from "vitest";
import { clipAtWord, count } from "../../src/core/text.js";

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

describe("count", () => {
  it("says one thing in the singular and any other number in the plural", () => {
    expect(count(1, "article")).toBe("1 article");
    expect(count(0, "article")).toBe("0 articles");
    expect(count(2, "story", "stories")).toBe("2 stories");
  });
});
