// What a card names: only entities the tagger is sure of (precision first), one entry per person
// whatever the form of the name, names never split. Fixtures shaped after the mistakes users
// reported in issue 20; the unsure readings stay in the article's entities for search.
import { describe, expect, it } from "vitest";
import type { Entity } from "../../../src/core/article.js";
import { findEntities, tagMentions } from "../../../src/core/nlp/entities.js";
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

  it("shows no club named like a person, when the article never names a person so", () => {
    const body =
      "The league is to investigate allegations Chelsea made an illegal approach for Ashley Cole. " +
      "Both Chelsea and Arsenal will be asked to give evidence to a commission. " +
      "Chelsea have yet to confirm or deny the meeting. " +
      '"I am not sure he will get the same pleasure at Chelsea," said Arsene Wenger.';
    const entities = card(body);
    expect(shown(entities, "person")).not.toContain("Chelsea");
    expect(findEntities({ title: "News", body }).map((e) => e.name)).toContain("Chelsea");
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

  it("shows a country only where the model reads it as the place, not inside a list", () => {
    // Annotators mark "Afghanistan, Eritrea, Libya, Syria and Yemen" as one mention; the model learnt
    // that a country inside such a list is no place of its own (its ends, after "from", still read as one).
    const listed = findEntities({ title: "Asylum", body: "The scheme is for asylum seekers from Afghanistan, Eritrea, Libya, Syria and Yemen." });
    expect(listed.filter((e) => e.sure !== false).map((e) => e.name)).toEqual(["Afghanistan", "Yemen"]);
    expect(listed.map((e) => e.name)).toEqual(["Afghanistan", "Eritrea", "Libya", "Syria", "Yemen"]);
  });

  it("shows a city the lexicon knows where the model reads it as the place, as it shows countries", () => {
    const body = "The crew trained in Houston for a year. Houston was chosen over Seattle, where the Museum of Flight in Seattle had bid for the orbiter.";
    expect(shown(card(body), "place")).toContain("Seattle");
    expect(findEntities({ title: "Launch", body }).find((e) => e.name === "Seattle")).toEqual({ kind: "place", name: "Seattle", mentions: 2 });
  });

  it("keeps a head word's name whole at the start of a caption ('Image: Home Office.')", () => {
    const names = findEntities({ title: "Visa", body: "A spokesman said the rules would change. Image: Home Office.\n\nOn Wednesday, the Home Office said more." }).map((e) => e.name);
    expect(names).toContain("Home Office");
    expect(names).not.toContain("Office");
  });

  it("reads a country beside a score as a team in every sentence, never a place on the card", () => {
    const body = "Sweden faced South Korea in Nizhny Novgorod. Sweden had more of the ball and won 1 – 0. Sweden 1 – 0 Korea Republic.";
    const entities = findEntities({ title: "World Cup", body });
    expect(entities.find((e) => e.name === "Sweden")).toEqual({ kind: "organisation", name: "Sweden", mentions: 3, sure: false });
    expect(shown(card(body), "place")).not.toContain("Sweden");
    // A result line names two teams.
    const line = "Group G — Belgium 3 – 0 Panama\nIn the first game, Belgium faced Panama in Sochi.";
    expect(findEntities({ title: "World Cup", body: line }).filter((e) => e.name === "Belgium" || e.name === "Panama")).toEqual([
      { kind: "organisation", name: "Belgium", mentions: 2, sure: false },
      { kind: "organisation", name: "Panama", mentions: 2, sure: false },
    ]);
    // A date range or a tally is no score.
    expect(findEntities({ title: "Trade", body: "Exports from Sweden 2010-2012 rose." }).find((e) => e.name === "Sweden")?.kind).toBe("place");
  });

  it("puts every mention of an entity on the card when the card shows it, a lone surname too", () => {
    const body = "Liverpool chief executive Rick Parry said the club would appeal. Parry added that talks continue.";
    const text = `News\n${body}`;
    const people = tagMentions({ title: "News", body }).filter((m) => m.kind === "person");
    expect(people.map((m) => text.slice(m.start, m.end))).toEqual(["Rick Parry", "Parry"]);
    expect(new Set(people.map((m) => m.sure)).size).toBe(1);
    expect(people[0]!.sure).toBe(findEntities({ title: "News", body }).find((e) => e.name === "Rick Parry")?.sure !== false);
  });
});
