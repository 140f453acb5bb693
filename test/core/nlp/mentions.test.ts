// Mentions as bench:entities scores them against news annotation: a person's mention runs from the
// first to the last proper noun (title, affiliation, country), only the outermost mention counts, and
// every mention the article's entities keep is there, lone surnames and headlines included.
import { describe, expect, it } from "vitest";
import { tagMentions } from "../../../src/core/nlp/entities.js";

/** Each mention as "text|kind". */
function mentions(title: string, body: string): string[] {
  const text = `${title}\n${body}`;
  return tagMentions({ title, body }).map((m) => `${text.slice(m.start, m.end)}|${m.kind}`);
}

describe("tagMentions", () => {
  it("widens a person's mention to the affiliation before a role word or after 'of', and drops what it contains", () => {
    expect(mentions("News", "Facebook creator Mark Zuckerberg praised the boy.")).toEqual(["Facebook creator Mark Zuckerberg|person"]);
    expect(mentions("News", "Michael Tien of NPP was re-elected on Sunday.")).toEqual(["Michael Tien of NPP|person"]);
    expect(mentions("News", "US President Barack Obama met the press.")).toEqual(["US President Barack Obama|person"]);
  });

  it("does not take a sentence's first word for an affiliation", () => {
    expect(mentions("News", "His father Mohamed Hassan said he was proud.")).toEqual(["Mohamed Hassan|person"]);
  });

  it("starts a title at a sentence's start with the title, not a role", () => {
    expect(mentions("News", "President Obama has an agenda.")).toEqual(["President Obama|person"]);
  });

  it("keeps a lone surname the article's entities resolve, and names again found in a headline-style line", () => {
    expect(mentions("Interview With Rick Parry About Liverpool Finances", "Rick Parry said the club would appeal. Parry added that talks continue.")).toEqual([
      "Rick Parry|person",
      "Rick Parry|person",
      "Parry|person",
    ]);
  });
});
