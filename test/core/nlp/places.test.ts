// The country gazetteer: the aliases search promises (names, demonyms, capitals, endonyms, abbreviations).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlaceTable, matchPlace, maxPlaceWords, PLACE_TABLE_FILE, placeTable, placeTopics, resolveTopic, startsLongerPlace } from "../../../src/core/nlp/places.js";

const canonical = (phrase: string): string | undefined => resolveTopic(phrase)?.canonical;

describe("resolveTopic", () => {
  it.each(["syria", "Syria", "Syrian", "Syrians", "SYRIANS", "damascus", "Damascus", "Syrian Arab Republic", "Syria's"])(
    "%s -> Syria",
    (phrase) => expect(canonical(phrase)).toBe("Syria"),
  );

  it.each(["turkey", "Turkey", "türkiye", "Türkiye", "turkiye", "TURKIYE", "Turkish", "turkish", "Ankara", "Republic of Turkey"])(
    "%s -> Türkiye (the name the country uses, as world-countries has it)",
    (phrase) => expect(canonical(phrase)).toBe("Türkiye"),
  );

  it.each(["iraq", "Iraqi", "iraqi", "Iraqis", "Baghdad"])("%s -> Iraq", (phrase) => {
    expect(canonical(phrase)).toBe("Iraq");
  });

  it.each(["united states", "United States of America", "u.s.", "U.S.", "US", "USA", "America", "American", "Americans"])(
    "%s -> United States",
    (phrase) => expect(canonical(phrase)).toBe("United States"),
  );

  it.each(["UK", "u.k.", "Britain", "British", "Great Britain", "London"])("%s -> United Kingdom", (phrase) => {
    expect(canonical(phrase)).toBe("United Kingdom");
  });

  it("keeps all-capitals abbreviations case-sensitive, so the pronoun is not a country", () => {
    expect(resolveTopic("us")).toBeUndefined();
    expect(resolveTopic("Us")).toBeUndefined();
    expect(canonical("US")).toBe("United States");
  });

  it("resolves demonym plurals built from the data and leaves uncountable ones alone", () => {
    expect(canonical("Israelis")).toBe("Israel");
    expect(canonical("Czechs")).toBe("Czechia");
    expect(canonical("Dutch")).toBe("Netherlands");
    expect(resolveTopic("Turkishs")).toBeUndefined();
    expect(resolveTopic("Chineses")).toBeUndefined();
  });

  it("ignores diacritics except where the plain spelling is an English word", () => {
    expect(canonical("cote d'ivoire")).toBe(canonical("Côte d'Ivoire"));
    expect(canonical("Malé")).toBe("Maldives");
    expect(resolveTopic("male")).toBeUndefined();
  });

  it("settles a form shared by several countries on the UN member", () => {
    expect(canonical("Kingston")).toBe("Jamaica"); // also Norfolk Island's capital
    expect(canonical("French")).toBe("France"); // also the French Southern Territories
  });

  it("returns undefined for what is not a country", () => {
    for (const phrase of ["", "  ", "Narnia", "the", "Idlib", "SY"]) expect(resolveTopic(phrase)).toBeUndefined();
  });
});

describe("topics", () => {
  it("list every searchable form of a country, the canonical name included", () => {
    const turkey = resolveTopic("Turkey");
    expect(turkey?.kind).toBe("place");
    expect(turkey?.terms).toEqual(expect.arrayContaining(["Türkiye", "Turkey", "Turkiye", "Turkish", "Ankara"]));
    const syria = resolveTopic("Syria");
    expect(syria?.terms).toEqual(expect.arrayContaining(["Syria", "Syrian", "Syrians", "Damascus", "Syrian Arab Republic"]));
    expect(syria?.terms).not.toContain("SY");
    expect(resolveTopic("US")?.terms).toEqual(expect.arrayContaining(["United States", "US", "U.S.", "USA", "American"]));
  });

  it("covers every country in the data once, all as places", () => {
    const topics = placeTopics();
    expect(topics.length).toBe(250);
    expect(new Set(topics.map((t) => t.canonical)).size).toBe(topics.length);
    for (const t of topics) {
      expect(t.kind).toBe("place");
      expect(t.terms).toContain(t.canonical);
    }
  });
});

describe("the table the build writes (placeTable), which the compiled module reads", () => {
  it("is not beside the sources: they build the gazetteer from world-countries", () => {
    expect(fs.existsSync(PLACE_TABLE_FILE)).toBe(false);
    expect(loadPlaceTable()).toBe(false);
  });

  it("answers every form as the gazetteer built from world-countries does", () => {
    const table = placeTable();
    const built = (surface: string) => {
      const m = matchPlace(surface);
      return m && { canonical: m.topic.canonical, form: m.form, terms: m.topic.terms };
    };
    const surfaces = [...table.folded.map(([key]) => key), ...table.exact.map(([key]) => key), "Syrian", "syrians", "US", "us", "Malé", "male", "Hogwarts"];
    const before = surfaces.map(built);
    const words = ["United", "south", "Syria"].map(startsLongerPlace);
    const longest = maxPlaceWords();
    const topics = placeTopics().map((t) => t.canonical);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-places-"));
    try {
      const file = path.join(dir, "places.json");
      fs.writeFileSync(file, JSON.stringify(table));
      expect(loadPlaceTable(file)).toBe(true);
      expect(surfaces.map(built)).toEqual(before);
      expect(["United", "south", "Syria"].map(startsLongerPlace)).toEqual(words);
      expect(maxPlaceWords()).toBe(longest);
      expect(placeTopics().map((t) => t.canonical)).toEqual(topics);
      // One topic per country, shared by its forms, as when built.
      expect(resolveTopic("Syrian")).toBe(resolveTopic("Damascus"));
      expect(before.filter(Boolean).length).toBeGreaterThan(1000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
