// What a card names: only entities the tagger is sure of (precision first), one entry per person
// whatever the form of the name, names never split. Fixtures shaped after the mistakes users
// reported in issue 20; the unsure readings stay in the article's entities for search.
import { describe, expect, it } from "vitest";
import type { Entity } from "../../../src/core/article.js";
import { findEntities } from "../../../src/core/nlp/entities.js";
import { storyEntities } from "../../../src/core/story-entities.js";

const card = (...bodies: string[]): Entity[] => storyEntities(bodies.map((body) => ({ entities: findEntities({ title: "News", body }) })));
const shown = (entities: Entity[], kind: Entity["kind"]): string[] => entities.filter((e) => e.kind === kind).map((e) => e.name);

describe("card entities", () => {
  it("does not show clubs in an FA Cup report as places, though search still finds them", () => {
    const body = "Everton beat Crystal Palace 2-1 in the FA Cup third round on Saturday. Everton manager David Moyes said Crystal Palace played well. The Everton striker scored twice.";
    expect(shown(card(body), "place")).toEqual([]);
    expect(findEntities({ title: "News", body }).map((e) => e.name)).toEqual(expect.arrayContaining(["Everton", "Crystal Palace"]));
  });

  it("shows no firm or city as a person", () => {
    const entities = card(
      "Under Armour sales rose. Under Armour said profits rose, a spokesman for Under Armour said.",
      "The actor moved to Santa Monica last year. He lives in Santa Monica with his family.",
    );
    expect(shown(entities, "person")).toEqual([]);
  });

  it("merges the mentions of one person and never shows a given name as an organisation", () => {
    const obama = "Barack Obama met the press. Barack said little; President Obama left early.";
    const parry = "Liverpool chief executive Rick Parry said the club would appeal. Parry added that talks continue.";
    const entities = card(obama, parry);
    // "Barack Obama" and "President Obama"; the lone "Barack", a given name compromise's lexicon does
    // not list, is left out rather than guessed.
    expect(entities.filter((e) => e.kind === "person").map(({ name, mentions }) => ({ name, mentions }))).toContainEqual({ name: "Barack Obama", mentions: 2 });
    expect(shown(entities, "organisation")).not.toContain("Barack");
    expect(shown(card("Michelle Obama spoke first. Then Barack thanked the crowd, and Barack waved."), "organisation")).toEqual([]);
    // The surname alone is the same man, whether or not the card is sure enough to show him.
    expect(findEntities({ title: "News", body: parry }).filter((e) => e.kind === "person").map(({ name, mentions }) => ({ name, mentions }))).toEqual([
      { name: "Rick Parry", mentions: 2 },
    ]);
  });

  it("keeps a name with 'on' in it whole", () => {
    const names = findEntities({
      title: "Ruling",
      body: "The court ruled under the European Convention on Human Rights. The European Convention on Human Rights protects privacy.",
    }).map((e) => e.name);
    expect(names).toEqual(["European Convention on Human Rights"]);
  });

  it("shows countries, and entities stored before the tagger said how sure it was", () => {
    const entities = storyEntities([
      { entities: findEntities({ title: "Talks", body: "Syrian officials met in Damascus. Syria said the talks would go on." }) },
      { entities: [{ kind: "organisation", name: "Reuters", mentions: 2 }, { kind: "place", name: "Idlib", mentions: 3, sure: false }] },
    ]);
    expect(entities).toEqual([
      { kind: "place", name: "Syria", mentions: 3 },
      { kind: "organisation", name: "Reuters", mentions: 2 },
    ]);
  });
});
