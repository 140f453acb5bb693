// Mentions as bench:entities scores them against news annotation: a person's mention runs from the
// first to the last proper noun (title, affiliation, country), only the outermost mention counts, and
// every mention the article's entities keep is there, lone surnames and headlines included.
import { describe, expect, it } from "vitest";
import { candidatesOf, tagMentions } from "../../../src/core/nlp/entities.js";
import { writtenSpan } from "../../../src/core/nlp/entities/classify.js";
import { ENTITY_MODEL } from "../../../src/core/nlp/entities/entity-weights.js";
import type { Weights } from "../../../src/core/nlp/entities/model.js";

/** Each mention as "text|kind". */
function mentions(title: string, body: string): string[] {
  const text = `${title}\n${body}`;
  return tagMentions({ title, body }).map((m) => `${text.slice(m.start, m.end)}|${m.kind}`);
}

/** The rules' mentions of a body (no title) as annotators would mark them, before the model reads them. */
function written(body: string, model?: Weights): string[] {
  return candidatesOf({ title: "", body }, model).candidates.map(({ mention }) => {
    const { start, end } = writtenSpan(mention);
    return `\n${body}`.slice(start, end);
  });
}

describe("tagMentions", () => {
  it("widens a person's mention to the affiliation before a role word or after 'of', and drops what it contains", () => {
    expect(mentions("News", "Facebook creator Mark Zuckerberg praised the boy.")).toEqual(["Facebook creator Mark Zuckerberg|person"]);
    expect(mentions("News", "Michael Tien of NPP was re-elected on Sunday.")).toEqual(["Michael Tien of NPP|person"]);
    expect(mentions("News", "US President Barack Obama met the press.")).toEqual(["US President Barack Obama|person"]);
  });

  it("leaves a nationality out of a person's mention: an adjective, not a proper noun", () => {
    expect(mentions("News", "English captain Harry Kane scored twice.")).toEqual(["Harry Kane|person"]);
    expect(mentions("News", "Syrian President Bashar al-Assad met them.")).toEqual(["President Bashar al-Assad|person"]);
  });

  it("marks a place with its state or country after a comma as one mention, but not a list of countries", () => {
    expect(mentions("News", "The boy lives in Sochi, Russia, with his family.")).toEqual(["Sochi, Russia|place"]);
    const body = "They came from Libya, Syria and Yemen.";
    expect(written(body)).toEqual(["Libya", "Syria", "Yemen"]);
  });

  it("starts the span after a first word the model learnt annotators leave out, keeping the entity's name", () => {
    const body = "She moved to the United States in 2010.";
    expect(written(body, { ...ENTITY_MODEL, outsideSpan: ["united"] })).toEqual(["States"]);
    expect(written(body, { ...ENTITY_MODEL, outsideSpan: [] })).toEqual(["United States"]);
    expect(candidatesOf({ title: "", body }, { ...ENTITY_MODEL, outsideSpan: ["united"] }).candidates.map((c) => c.mention.name)).toEqual(["United States"]);
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
  it("widens a person's mention over a noun phrase for what they are, back to the proper noun that starts it", () => {
    expect(written("Texas student Ahmed Mohamed built a clock.")).toContain("Texas student Ahmed Mohamed");
    expect(written("They met US political activist and philosopher Noam Chomsky.")).toContain("US political activist and philosopher Noam Chomsky");
    // A verb between them ends the phrase: the place is the subject's, not the person's.
    expect(written("Texas police arrested Ahmed Mohamed.")).toEqual(["Texas", "Ahmed Mohamed"]);
  });

  it("starts a titled person's mention at the organisation or place before the title", () => {
    expect(written("NASA Administrator Charles Bolden spoke.")).toEqual(["NASA", "NASA Administrator Charles Bolden"]);
  });

  it("reads no currency as a country, and a capital's name as the short form of a name that ends in it", () => {
    expect(written("Damages reached US$ 10 billion in the US.").filter((m) => m.startsWith("US"))).toEqual(["US"]);
    const body = "Valeska Paris joined the group in 1989. Paris was born in Switzerland. Paris said she was held.";
    const kinds = mentions("Escape", body);
    expect(kinds.filter((m) => m.endsWith("|place"))).toEqual(["Switzerland|place"]);
  });

  it("reads a spacecraft, a ship or a storm as no person, wherever the article names it again", () => {
    const body = "Space Shuttle Atlantis will go to Florida. Atlantis flew 33 times. Cyclone Phailin hit India. Phailin weakened.";
    expect(mentions("Shuttle", body).filter((m) => !m.endsWith("|place"))).toEqual([]);
  });

  it("never marks a demonym as a place mention, though the country is the article's", () => {
    expect(mentions("Vote", "Every New Zealander can vote in New Zealand.").filter((m) => m.startsWith("New Zealander"))).toEqual([]);
  });
});
