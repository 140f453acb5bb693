// Datelines in front of a report's first sentence: where it was filed from, not what happened.
import { describe, expect, it } from "vitest";
import { withoutDateline } from "../../../src/core/nlp/dateline.js";
import { findEntities } from "../../../src/core/nlp/entities.js";

describe("withoutDateline", () => {
  it.each([
    ["SYDNEY, Australia — As searchers began a hunt.", "As searchers began a hunt."],
    ["LONDON, Nov. 27 (Reuters) - Shares fell.", "Shares fell."],
    ["Paris (CNN)Authorities took people into custody.", "Authorities took people into custody."],
    ["WASHINGTON (Kyodo) Kurt Campbell said.", "Kurt Campbell said."],
    ["NEW YORK -- Stocks rose.", "Stocks rose."],
  ])("%s -> %s", (sentence, expected) => expect(withoutDateline(sentence)).toBe(expected));

  it.each(["NATO — the alliance — met.", "US-led forces advanced.", "Apple (AAPL) Shares rose.", "The BBC - which broadcast - said."])(
    "leaves %s alone",
    (sentence) => expect(withoutDateline(sentence)).toBe(sentence),
  );

  it("takes at most a dateline's few words from shouting text that looks like one", () => {
    const shouting = "AB - ".repeat(100_000) + "The end.";
    expect(shouting.length - withoutDateline(shouting).length).toBeLessThanOrEqual(80);
  });

  it("keeps the dateline's city out of the article's places", () => {
    const entities = findEntities({ title: "Talks", body: "WASHINGTON (Kyodo) Kurt Campbell met Japanese officials. Tokyo agreed." });
    expect(entities.map((e) => e.name)).toEqual(["Japan", "Kurt Campbell"]);
  });
});
