// How bench:entities lines a system's span up with the annotators': trailing punctuation off, the
// dot of an initialism kept (GUM marks "U.S." and "Washington D.C." with it).
import { describe, expect, it } from "vitest";
import { trimmed } from "../../bench/entity-data.js";

const span = (text: string, part: string) => {
  const start = text.indexOf(part);
  const s = trimmed(text, { start, end: start + part.length, kind: "place" });
  return text.slice(s.start, s.end);
};

describe("trimmed", () => {
  it("drops trailing punctuation and a possessive", () => {
    expect(span("They met Rick Parry, then left.", "Rick Parry,")).toBe("Rick Parry");
    expect(span("Texas's governor spoke.", "Texas's")).toBe("Texas");
  });

  it("keeps the dot of an initialism, at a sentence's end too", () => {
    expect(span("across the U.S. from 1980", "U.S.")).toBe("U.S.");
    expect(span("The team arrived in Washington D.C. The rest followed.", "Washington D.C.")).toBe("Washington D.C.");
    expect(span("He left for Chicago. Then", "Chicago.")).toBe("Chicago");
  });
});
