// Character-level cleaning and paragraph assembly.
import { describe, expect, it } from "vitest";
import { cleanLine, cleanText } from "../../src/core/clean-text.js";
import { toBody } from "../../src/core/article-files/paragraphs.js";

describe("cleanText", () => {
  it("turns CRLF, CR, NEL, LINE SEPARATOR and form feed into one newline each", () => {
    expect(cleanText("a\r\nb\rc\u0085d\u2028e\ff")).toBe("a\nb\nc\nd\ne\nf");
  });

  it("turns a PARAGRAPH SEPARATOR into a blank line", () => {
    expect(cleanText("one\u2029two")).toBe("one\n\ntwo");
  });

  it("normalises to NFC", () => {
    const decomposed = "Caf\u0065\u0301 Tu\u0308rkiye";
    expect(cleanText(decomposed)).toBe("Caf\u00e9 T\u00fcrkiye");
  });

  it("strips zero-width characters, soft hyphens, BOMs, controls and U+FFFD but keeps ZWJ in emoji", () => {
    expect(cleanText("\uFEFFzero\u200Bwidth\u2060 soft\u00ADhyphen \u0007bell\u009Bcsi \uFFFDgone")).toBe("zerowidth softhyphen bellcsi gone");
    expect(cleanText("family 👩\u200D👧")).toBe("family 👩\u200D👧");
  });

  it("collapses spaces, tabs and no-break spaces, trims lines and the text, keeps one blank line", () => {
    expect(cleanText("  Title \t here\u00A0\u00A0now  \n\n\n\n   Body  line \n \n")).toBe("Title here now\n\nBody line");
  });
});

describe("cleanLine", () => {
  it("joins a multi-line field into one line", () => {
    expect(cleanLine("  A title\r\nthat wraps\n\n")).toBe("A title that wraps");
  });
});

describe("toBody", () => {
  it("puts a blank line between paragraphs and joins hard-wrapped lower-case continuations", () => {
    expect(toBody(["First paragraph.", "Second paragraph", "continues here.", "", "", "Third."])).toBe(
      "First paragraph.\n\nSecond paragraph continues here.\n\nThird.",
    );
  });
});
