// The filter language: what it reads, what it refuses (with the position and what was expected),
// which stories it takes, and which term decided.
import { describe, expect, it } from "vitest";
import type { Article, Entity } from "../../../src/core/article.js";
import { applyFilter, describeVerdict, FilterSyntaxError, FilterText, parseFilter, sourceNames, type FilterStory } from "../../../src/core/filter/filter.js";
import type { Source } from "../../../src/core/sources/source.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";

let nextId = 1;
function article(title: string, body: string, source: string, entities: Entity[] = []): Article {
  const id = nextId++;
  return { id, storyId: 1, title, body, source, contentHash: String(id), storedAt: new Date(0), summary: [], entities, readingMinutes: 1, copies: [] };
}

const quake: FilterStory = {
  articles: [
    article("Earthquake kills twelve in Peru", QUAKE_BODY, "Reuters", [
      { kind: "place", name: "Peru", mentions: 3 },
      { kind: "place", name: "Arequipa", mentions: 3 },
      { kind: "person", name: "Carlos Mendoza", mentions: 1 },
    ]),
    { ...article("Peru declares emergency after quake", QUAKE_BODY, "Daily Mail"), copies: [{ title: "Quake: emergency in Peru", source: "BBC News", storedAt: new Date(0) }] },
  ],
  outlets: 3,
};
const cupFinal: FilterStory = {
  articles: [article("Rovers win the cup final on penalties", FOOTBALL_BODY, "The Guardian", [{ kind: "organisation", name: "Rovers", mentions: 1 }])],
  outlets: 1,
};

function takes(filter: string, story: FilterStory): boolean {
  return applyFilter(parseFilter(filter), story).taken;
}

function syntaxError(filter: string): FilterSyntaxError {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`${filter} was read`);
}

describe("reading a filter", () => {
  it("takes words, phrases, fields, outlet counts and headline patterns, joined by AND, OR, NOT, - and parentheses", () => {
    expect(parseFilter('peru "state of emergency"')).toMatchObject({ kind: "and", children: [{ kind: "words", words: ["peru"] }, { kind: "words", words: ["state", "of", "emerg"] }] });
    expect(parseFilter("peru OR chile")).toMatchObject({ kind: "or" });
    expect(parseFilter("peru AND NOT -chile")).toMatchObject({ kind: "and", children: [{ kind: "words" }, { kind: "not", child: { kind: "not" } }] });
    expect(parseFilter('(peru OR chile) source:"BBC News" person:mendoza place:peru org:rovers outlets>=3 headline:/quake/i')).toMatchObject({
      kind: "and",
      children: [
        { kind: "or", text: "(peru OR chile)" },
        { kind: "source", value: "BBC News" },
        { kind: "entity", entity: "person" },
        { kind: "entity", entity: "place" },
        { kind: "entity", entity: "organisation" },
        { kind: "outlets", op: ">=", count: 3 },
        { kind: "headline", text: "headline:/quake/i" },
      ],
    });
    // OR binds looser than AND: a b OR c is (a b) OR c.
    expect(parseFilter("a b OR c")).toMatchObject({ kind: "or", children: [{ kind: "and", text: "a b" }, { kind: "words", text: "c" }] });
  });

  it("names the position and what was expected when it cannot read a filter", () => {
    expect(syntaxError("peru AND")).toMatchObject({ position: 8, found: "the end of the filter" });
    expect(syntaxError("peru AND").message).toBe('at character 9: expected a word, a "phrase", a field (source:, person:, place:, org:, headline:/…/ or outlets>=N), NOT or (, got the end of the filter');
    expect(syntaxError("(peru OR chile").message).toBe("at character 15: expected a ) to close the ( at character 1, got the end of the filter");
    expect(syntaxError("peru)").message).toBe('at character 5: expected no ) here: it closes no (, got ")"');
    expect(syntaxError('"state of').message).toBe('at character 1: expected a closing " for this phrase, got the end of the filter');
    expect(syntaxError("colour:red").message).toContain('at character 1: expected a known field (source:, person:');
    expect(syntaxError("person: peru").message).toBe('at character 8: expected a value after person:, got " "');
    expect(syntaxError("headline:quake").message).toBe('at character 10: expected a /regular expression/ after headline:, got "quake"');
    expect(syntaxError("headline:/quake").message).toBe("at character 10: expected a closing / for this regular expression, got the end of the filter");
    expect(syntaxError("outlets>=x").message).toBe('at character 10: expected a whole number after outlets>=, got "x"');
    expect(syntaxError("reports>=3").message).toBe('at character 1: expected outlets before >=, <=, >, < or =, got "reports"');
    expect(syntaxError("").message).toContain("got an empty filter");
  });

  it("refuses headline patterns RE2 cannot run in linear time, patterns over 200 characters and unknown flags", () => {
    expect(syntaxError("headline:/(?=quake)/").message).toBe(
      "at character 10: expected a regular expression newsbot can run in linear time (no look-around or back-references), got invalid or unsupported Perl syntax: `(?=`",
    );
    expect(syntaxError("headline:/(a)\\1/").message).toContain("invalid escape sequence");
    expect(syntaxError(`headline:/${"a".repeat(201)}/`).message).toBe("at character 10: expected a regular expression of at most 200 characters, got 201");
    expect(syntaxError("headline:/quake/g").message).toBe('at character 17: expected no flag but i (ignore case) after the closing /, got "g"');
  });

  it("runs a catastrophic-backtracking pattern in linear time instead of stalling", () => {
    const long: FilterStory = { articles: [article(`${"a".repeat(900)}!`, "", "X")], outlets: 1 };
    // With a backtracking engine (JavaScript's RegExp) this would not return for hours.
    expect(takes("headline:/^(a+)+$/", long)).toBe(false);
    expect(takes("headline:/^(a+)+!$/", long)).toBe(true);
  });

  it("validates as a zod field, with the message naming the position", () => {
    expect(FilterText.safeParse("peru -chile").success).toBe(true);
    expect(FilterText.safeParse("peru (").error?.issues[0]?.message).toContain("at character 7: expected a word");
    expect(FilterText.safeParse("x".repeat(1001)).success).toBe(false);
  });
});

describe("applying a filter", () => {
  it("finds words and phrases in headlines and text, as stems and without case or accents", () => {
    expect(takes("earthquakes", quake)).toBe(true);
    expect(takes('"state of emergency"', quake)).toBe(true);
    expect(takes('"emergency of state"', quake)).toBe(false);
    expect(takes("PÉRU", quake)).toBe(true);
    expect(takes("penalties", quake)).toBe(false);
    expect(takes("penalties", cupFinal)).toBe(true);
  });

  it("excludes with - and NOT, and groups with parentheses", () => {
    expect(takes("peru -football", quake)).toBe(true);
    expect(takes("peru NOT arequipa", quake)).toBe(false);
    expect(takes("(cup OR quake) -rovers", cupFinal)).toBe(false);
    expect(takes("(cup OR quake) -rovers", quake)).toBe(true);
  });

  it("matches people, places and organisations by kind, outlets by name or source id, and the number of outlets", () => {
    expect(takes("person:mendoza", quake)).toBe(true);
    expect(takes("place:mendoza", quake)).toBe(false);
    expect(takes("org:rovers", cupFinal)).toBe(true);
    expect(takes("source:guardian", cupFinal)).toBe(true);
    // A copy's outlet ran the story too.
    expect(takes('source:"bbc news"', quake)).toBe(true);
    expect(takes("source:guardian", quake)).toBe(false);
    expect(takes("outlets>=3", quake)).toBe(true);
    expect(takes("outlets>3", quake)).toBe(false);
    expect(takes("outlets<2", cupFinal)).toBe(true);

    const followed = [{ id: 4, url: "https://www.dailymail.co.uk/news/index.rss", name: "Daily Mail" }, { id: 5, url: "https://www.theguardian.com/rss", feedTitle: "The Guardian" }] as Source[];
    const context = { sourceNames: sourceNames(followed) };
    expect(applyFilter(parseFilter("source:4"), quake, context).taken).toBe(true);
    expect(applyFilter(parseFilter("source:5"), quake, context).taken).toBe(false);
    expect(describeVerdict(applyFilter(parseFilter("source:9"), quake, context))).toBe("dropped: source:9 (no source 9 is followed)");
  });

  it("says which terms took or dropped a story, with what the story holds for each", () => {
    const filter = parseFilter('(person:mendoza OR chile) outlets>=2 -source:"daily mail"');
    expect(describeVerdict(applyFilter(filter, quake))).toBe('dropped: -source:"daily mail" (Daily Mail ran it)');
    expect(describeVerdict(applyFilter(parseFilter("(chile OR person:mendoza) outlets>=2"), quake))).toBe("taken: person:mendoza (names Carlos Mendoza), outlets>=2 (3 outlets)");
    expect(describeVerdict(applyFilter(parseFilter("chile OR bolivia"), quake))).toBe("dropped: chile (not in the story), bolivia (not in the story)");
    expect(describeVerdict(applyFilter(parseFilter("arequipa"), quake))).toBe("taken: arequipa (in 2 of 2 reports)");
    expect(describeVerdict(applyFilter(parseFilter("headline:/^quake:/i"), quake))).toBe('taken: headline:/^quake:/i (matches "Quake: emergency in Peru")');
  });
});
