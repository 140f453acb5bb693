import { describe, expect, it } from "vitest";
import type { Article, Entity } from "../../src/core/article.js";
import { groupByStory, storyCard } from "../../src/core/stories.js";

const STORED = new Date("2026-11-27T08:00:00Z");
/** Each article's lede: a different fact, so that none is left out of a summary as a retelling. */
const LEDES = ["", "Talks opened in Moscow on Monday.", "Rebels shelled the northern port.", "Markets fell sharply in Asia."];

function article(id: number, storyId: number, over: Partial<Article> = {}): Article {
  const summary = over.summary ?? [LEDES[id] ?? "", "Officials gave no casualty figures."];
  return {
    id,
    storyId,
    title: `Article ${id}`,
    // The summary's sentences are the whole article: a story's summary reads them in its body.
    body: summary.join(" ").trim(),
    contentHash: `h${id}`,
    storedAt: STORED,
    summary,
    entities: [],
    readingMinutes: 2,
    copies: [],
    ...over,
  };
}

const person = (name: string, mentions: number): Entity => ({ kind: "person", name, mentions });
const org = (name: string, mentions: number): Entity => ({ kind: "organisation", name, mentions });

describe("groupByStory", () => {
  it("groups articles by story in the order of each story's best article", () => {
    const stories = groupByStory([article(1, 10), article(2, 20), article(3, 10)]);
    expect(stories.map((s) => [s.id, s.articles.map((a) => a.id)])).toEqual([
      [10, [1, 3]],
      [20, [2]],
    ]);
  });
});

describe("storyCard", () => {
  it("leaves out of the summary a sentence that retells one already in it", () => {
    const card = storyCard({
      id: 7,
      articles: [
        article(1, 7, {
          title: "Obama sworn in",
          source: "Wire",
          summary: ["Barack Obama is the 44th President of the United States.", "He took the oath on the Capitol steps."],
        }),
        article(2, 7, { source: "Daily", summary: ["Barack H. Obama is the 44th President of the United States.", "Crowds filled the National Mall."] }),
      ],
    });
    // Without the retelling, the summary takes the lead's two sentences and the other fact, each with its outlet.
    expect(card.summary).toBe(
      "Barack Obama is the 44th President of the United States. (Wire) He took the oath on the Capitol steps. (Wire) Crowds filled the National Mall. (Daily)",
    );
  });

  it("leads with the best article and merges the entities and sources of all articles", () => {
    const card = storyCard({
      id: 10,
      articles: [
        article(1, 10, {
          source: "Wire",
          url: "https://wire.example/a",
          publishedAt: new Date("2026-11-26T10:00:00Z"),
          entities: [person("Ayman Sousan", 2), { kind: "place", name: "Syria", mentions: 5 }],
        }),
        article(2, 10, {
          url: "https://www.daily.example/b",
          publishedAt: new Date("2026-11-27T06:00:00Z"),
          entities: [person("Ayman Sousan", 1)],
        }),
        article(3, 10, { entities: [] }),
      ],
    });
    // The lead tells the story; the next report with a named outlet adds its other fact, each sentence
    // naming its outlet; the third article, of no known outlet, adds nothing.
    expect(card.summary).toBe(`${LEDES[1]} (Wire) Officials gave no casualty figures. (Wire) ${LEDES[2]} (daily.example)`);
    expect(card).toEqual({
      type: "story",
      storyId: "10",
      headline: "Article 1",
      summary: card.summary,
      entities: [{ kind: "place", name: "Syria", mentions: 5 }, person("Ayman Sousan", 3)],
      // Named by the article, else by the link's host; the third article has neither and is left out.
      sources: [
        { name: "Wire", url: "https://wire.example/a" },
        { name: "daily.example", url: "https://www.daily.example/b" },
      ],
      sourceCount: 2,
      articleCount: 3,
      timeline: [
        { at: "2026-11-26T10:00:00.000Z", source: "Wire", headline: "Article 1", url: "https://wire.example/a" },
        { at: "2026-11-27T06:00:00.000Z", source: "daily.example", headline: "Article 2", url: "https://www.daily.example/b" },
        { at: "2026-11-27T08:00:00.000Z", source: undefined, headline: "Article 3", url: undefined },
      ],
      url: "https://wire.example/a",
      publishedAt: "2026-11-27T08:00:00.000Z",
      readingMinutes: 2,
      imageCaption: undefined,
    });
  });

  it("names at most four entities of each kind, the most mentioned", () => {
    const people = [6, 5, 4, 3, 2, 1].map((n) => person(`Person ${n}`, n));
    const card = storyCard({ id: 1, articles: [article(1, 1, { entities: [...people, { kind: "place", name: "Iraq", mentions: 1 }] })] });
    expect(card.entities.map((e) => e.name)).toEqual(["Person 6", "Person 5", "Person 4", "Person 3", "Iraq"]);
  });

  it("merges a name across articles whatever its case, under the kind and spelling most mentioned", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [org("Isis", 2), person("Chelsea", 1)] }),
        article(2, 1, { entities: [org("ISIS", 3), org("Chelsea", 3)] }),
      ],
    });
    expect(card.entities).toEqual([org("ISIS", 5), org("Chelsea", 4)]);
  });

  it("merges an organisation's plural and shortened forms, but not people's", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [org("Tories", 4), org("Lib Dems", 3), person("Lib Dem", 1), org("Bank of England", 1)] }),
        article(2, 1, { entities: [org("Tory", 2), org("Liberal Democrats", 2), person("William", 2), person("Williams", 2), org("Bank", 1)] }),
      ],
    });
    expect(card.entities.map((e) => `${e.kind}:${e.name}:${e.mentions}`)).toEqual([
      "organisation:Tories:6",
      "organisation:Lib Dems:6",
      "person:William:2",
      "person:Williams:2",
      "organisation:Bank of England:1",
      "organisation:Bank:1",
    ]);
  });

  it("merges an organisation with its acronym, leaving out small words, and nothing else with the same first letter", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [org("IMF", 5), org("Islamic State", 3), org("Federal Bureau of Investigation", 1), org("Ipswich Town", 1)] }),
        article(2, 1, { entities: [org("International Monetary Fund", 2), org("IS", 2), org("FBI", 2)] }),
      ],
    });
    expect(card.entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["IMF:7", "Islamic State:5", "FBI:3", "Ipswich Town:1"]);
    const times = storyCard({ id: 2, articles: [article(4, 2, { entities: [org("The Times", 2), org("Tesco", 1), org("TT", 1)] })] });
    expect(times.entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["The Times:2", "Tesco:1", "TT:1"]);
    // A small word has no initial, so names of different lengths meet: a real article gave "Moto The".
    const moto = storyCard({ id: 3, articles: [article(5, 3, { entities: [org("Motorola", 2), org("Moto The", 1)] })] });
    expect(moto.entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["Motorola:2", "Moto The:1"]);
  });

  it("merges a lone name into the one person of the story it is part of, and middle initials away", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [person("Najib", 2), person("Barack H. Obama", 1), person("George", 1)] }),
        article(2, 1, { entities: [person("Najib Razak", 3), person("Barack Obama", 2), person("George Bush", 2), person("George Osborne", 2)] }),
      ],
    });
    expect(card.entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["Najib Razak:5", "Barack Obama:3", "George Bush:2", "George Osborne:2"]);
  });

  it("merges a lone surname taken for an organisation into the one person it ends, but not a given name", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [org("Parry", 5), org("Chelsea", 3)] }),
        article(2, 1, { entities: [person("Rick Parry", 2), person("Chelsea Clinton", 2)] }),
      ],
    });
    expect(card.entities.map((e) => `${e.kind}:${e.name}:${e.mentions}`)).toEqual(["person:Rick Parry:7", "organisation:Chelsea:3", "person:Chelsea Clinton:2"]);
  });

  it("merges a short given name into the longer one of the same person, but not different surnames or two-letter forms", () => {
    const card = storyCard({
      id: 1,
      articles: [
        article(1, 1, { entities: [person("Steven Gerrard", 6), person("Rafael Benitez", 3), person("Ed Balls", 2)] }),
        article(2, 1, { entities: [person("Steve Gerrard", 2), person("Rafa Benitez", 1), person("Edward Balls", 1), person("Steve Bruce", 2)] }),
      ],
    });
    expect(card.entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["Steven Gerrard:8", "Rafael Benitez:4", "Ed Balls:2", "Steve Bruce:2"]);
  });

  it("leaves a one-word person named once off the card", () => {
    const card = storyCard({ id: 1, articles: [article(1, 1, { entities: [person("Ed", 1), person("Hitler", 4), person("Alun Pugh", 1)] })] });
    expect(card.entities.map((e) => e.name)).toEqual(["Hitler", "Alun Pugh"]);
  });

  it("leads with the found article whose headline is most like the story's, never with one only filling it in", () => {
    const titled = (id: number, title: string) => article(id, 1, { title });
    const found = [titled(1, "Samsung Waves away a million"), titled(2, "Samsung Galaxy S5 review")];
    const more = [titled(3, "Samsung Galaxy S5 Sport review"), titled(4, "Galaxy S5 sales stronger than the S4")];
    expect(storyCard({ id: 1, articles: [...found, ...more], found: 2 }).headline).toBe("Samsung Galaxy S5 review");
    // Only the first was found: it speaks for the story, however unlike the rest.
    expect(storyCard({ id: 1, articles: [...found, ...more], found: 1 }).headline).toBe("Samsung Waves away a million");
    // Equally typical headlines: the first given (the best match) leads.
    expect(storyCard({ id: 1, articles: [titled(5, "Dockers strike"), titled(6, "Dockers strike again")] }).headline).toBe("Dockers strike");
  });

  it("leads with a report that has text before a headline-only one, however many outlets ran the headline", () => {
    const wire = article(1, 1, { title: "Dockers strike at the port", body: "", summary: [], readingMinutes: 0, copies: ["Agg", "Agg2"].map((source) => ({ title: "Dockers strike at the port", source, storedAt: STORED })) });
    const told = article(2, 1, { title: "Port strike halts ferries" });
    const card = storyCard({ id: 1, articles: [wire, told] });
    expect(card.headline).toBe("Port strike halts ferries");
    expect(card.summary.length).toBeGreaterThan(0);
  });

  it("counts near-duplicate copies as sources and leads with the article most outlets ran", () => {
    const copy = (source: string, hour: number) => ({
      title: "Dockers end strike",
      source,
      url: `https://${source.toLowerCase()}.example/strike`,
      storedAt: STORED,
      publishedAt: new Date(`2026-11-27T0${hour}:00:00Z`),
    });
    const card = storyCard({
      id: 5,
      articles: [
        article(1, 5, { title: "Port reopens", source: "Local", publishedAt: new Date("2026-11-27T07:00:00Z") }),
        article(2, 5, {
          title: "Dockers end strike",
          source: "Wire",
          publishedAt: new Date("2026-11-27T01:00:00Z"),
          copies: [copy("Daily", 2), copy("Herald", 3)],
        }),
      ],
    });
    expect(card.headline).toBe("Dockers end strike");
    expect(card.sources.map((s) => s.name)).toEqual(["Local", "Wire", "Daily", "Herald"]);
    expect(card).toMatchObject({ sourceCount: 4, articleCount: 4 });
    expect(card.timeline.map((t) => `${t.at.slice(11, 13)} ${t.source}`)).toEqual(["01 Wire", "02 Daily", "03 Herald", "07 Local"]);
  });

  it("says how widely the whole story is covered when the card read only its latest articles", () => {
    const card = storyCard({ id: 9, articles: [article(1, 9, { source: "Wire" })], coverage: { outlets: 12, reports: 40 } });
    expect(card).toMatchObject({ sourceCount: 12, articleCount: 40 });
    expect(card.sources).toEqual([{ name: "Wire", url: undefined }]);
  });
});
