// The extractive summarizer: picks the sentences that carry the story, in article order.
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/core/nlp/sentences.js";
import { countWords, FEATURE_NAMES, sentenceFeatures, summarize } from "../../../src/core/nlp/summary.js";
import { FEATURE_WEIGHTS } from "../../../src/core/nlp/summary-model.js";

// Three sentences carry the story (Northwind Bank, profits, record mortgage lending); the rest
// are scene-setting, a thin quote and housekeeping that share none of its words.
const KEY = [
  "Northwind Bank said annual profits jumped 40% to £2.1bn as mortgage lending hit a record.",
  "Mortgage lending at Northwind Bank rose to a record £30bn, lifting profits across the bank.",
  "Shares in Northwind Bank rose 5% after the profits news, as investors welcomed the record mortgage lending.",
];
const ARTICLE = {
  title: "Northwind Bank profits jump on mortgage lending",
  body: [
    `${KEY[0]} The announcement came on a rainy morning in Leeds.`,
    `${KEY[1]} "It has been a good year," said Ms Price.`,
    `Several analysts attended the briefing by video link. ${KEY[2]}`,
    "The company was founded in 1872. Staff will receive a bonus. The annual meeting will be held in May.",
  ].join("\n\n"),
};

describe("summarize", () => {
  it("picks the sentences that carry the story, not the lead", () => {
    const summary = summarize(ARTICLE);
    expect(summary).toEqual(KEY);
    // Lead-3 would have taken the rainy morning in Leeds.
    expect(summary).not.toEqual(splitSentences(ARTICLE.body).slice(0, 3));
  });

  it("keeps to about 75 words: a long sentence that would overflow gives way to shorter ones", () => {
    const lede = "The council approved the new river park on Monday after a year of debate."; // 14 words
    // 67 words, about the park too: lede + it = 81 words, past the 75-word budget.
    const long =
      "The river park, which the council says will cover forty acres of the old docks between the railway bridge and the ferry terminal, " +
      "will include playing fields, a boating lake, a cafe, two playgrounds, a skate park, a community garden, a wildlife meadow and " +
      "cycle paths linking it to the town centre, the station and the new housing estates to the north and east of the river.";
    const shorter = [
      "Residents had asked for a park by the river for a decade.", // 12 words
      "Work on the river park starts in the spring.", // 9 words
    ];
    const body = [lede, long, ...shorter, "It rained in the afternoon.", "A band played."].join(" ");
    const article = { title: "Council approves river park", body };
    expect(long.split(" ")).toHaveLength(67);
    // With room to spare the long sentence is among the best three, so only the budget keeps it out.
    expect(summarize(article, 3, { maxWords: 200 })).toContain(long);
    const summary = summarize(article);
    expect(summary).toEqual([lede, ...shorter]);
    expect(countWords(summary.join(" "))).toBe(35);
  });

  it("keeps the best sentence whatever its length", () => {
    const long = `${"Northwind Bank profits rose ".repeat(30).trim()}.`; // 120 words
    expect(summarize({ title: "Northwind Bank profits", body: `${long} It rained.` }, 3)).toEqual([long]);
  });

  it("says at most 3 sentences however short they are", () => {
    const body = "Storm hits coast. Storm floods homes. Storm closes roads. Storm cuts power. Storm delays trains. Storm ends.";
    const summary = summarize({ title: "Storm hits coast", body });
    expect(summary).toHaveLength(3);
    expect(countWords(summary.join(" "))).toBeLessThan(20);
  });

  it("opens with the lede only when it earns it: a scene-setting first sentence gives way to the facts", () => {
    const facts = [
      "Flood water from the River Severn entered forty homes in Bewdley, the Environment Agency said.",
      "The Environment Agency said flood barriers on the River Severn failed in Bewdley overnight.",
      "Homes in Bewdley near the River Severn were evacuated as flood water rose, the agency said.",
    ];
    const body = ["It was a night nobody will forget.", ...facts, "Tea was served."].join(" ");
    expect(summarize({ title: "Severn floods Bewdley homes", body })).toEqual(facts);
    // A lede that states the story is kept.
    const lede = "Flood water from the River Severn entered homes in Bewdley after barriers failed overnight, the Environment Agency said.";
    expect(summarize({ title: "Severn floods Bewdley homes", body: [lede, ...facts, "Tea was served."].join(" ") })[0]).toBe(lede);
  });

  it("counts words as a reader does", () => {
    // Punctuation standing alone is no word; a hyphenated word or a figure is one.
    expect(countWords("The 39-year-old , who cost £3m , said : ' yes ' .")).toBe(7);
    expect(countWords("  ")).toBe(0);
  });

  it("returns sentences verbatim and in article order", () => {
    const sentences = splitSentences(ARTICLE.body);
    for (const k of [1, 2, 3, 4, 5]) {
      const positions = summarize(ARTICLE, k).map((sentence) => sentences.indexOf(sentence));
      expect(positions).toHaveLength(k);
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it("says a sentence the page repeats only once", () => {
    const body = [
      "The council approved the new park on Monday after a year of debate.",
      "Prepare your objections in writing.",
      "Residents had asked for more green space near the river for a decade.",
      "Prepare your objections in writing.",
      "Construction of the park starts in the spring and should take two years.",
    ].join(" ");
    const summary = summarize({ title: "Council approves river park", body }, 4);
    expect(summary).toHaveLength(4);
    expect(new Set(summary).size).toBe(4);
  });

  it("drops the dateline in front of the lede", () => {
    const body = "ATHENS — Antonis Samaras took office on Wednesday. He faces a hard winter. Parliament sits on Monday. Unions plan a strike.";
    expect(summarize({ title: "Samaras takes office", body }, 2)[0]).toBe("Antonis Samaras took office on Wednesday.");
  });

  it("leaves out a heading or standfirst that would run into the next sentence, unless it is all there is", () => {
    const body = "Envoy defends presence at talks after criticism\n\nA commission will draft a new constitution.\n\nThe envoy faced criticism.";
    expect(summarize({ title: "Peace talks agree deal", body }, 3)).toEqual(["A commission will draft a new constitution.", "The envoy faced criticism."]);
    expect(summarize({ title: "Top photos", body: "Our picture editors bring you a selection of photo highlights" }, 3)).toEqual([
      "Our picture editors bring you a selection of photo highlights",
    ]);
  });

  it("is deterministic", () => {
    const first = summarize(ARTICLE);
    summarize({ title: "Other", body: "Something else entirely. Nothing to do with banks. At all." });
    expect(summarize(ARTICLE)).toEqual(first);
    expect(summarize({ ...ARTICLE })).toEqual(first);
  });

  it("honours k", () => {
    expect(summarize(ARTICLE, 0)).toEqual([]);
    const one = summarize(ARTICLE, 1);
    expect(one).toHaveLength(1);
    expect(KEY).toContain(one[0]);
    // Every key sentence is in any longer summary.
    const five = summarize(ARTICLE, 5);
    expect(five).toHaveLength(5);
    for (const sentence of KEY) expect(five).toContain(sentence);
    // k beyond the article's length: every sentence, in order.
    expect(summarize(ARTICLE, 50)).toEqual(splitSentences(ARTICLE.body));
  });

  it("returns short articles whole and empty ones empty", () => {
    expect(summarize({ title: "Brief", body: "Northwind Bank has a new chief executive." })).toEqual([
      "Northwind Bank has a new chief executive.",
    ]);
    expect(summarize({ title: "Two", body: "First point.\n\nSecond point." })).toEqual(["First point.", "Second point."]);
    expect(summarize({ title: "Empty", body: "" })).toEqual([]);
    expect(summarize({ title: "", body: "   \n\n " })).toEqual([]);
  });

  it("does not pick a heading or list item while real sentences remain", () => {
    // The heading repeats every topic word, so only the heading rule keeps it out.
    const withHeading = { ...ARTICLE, body: `Northwind Bank record mortgage lending profits\n\n${ARTICLE.body}` };
    expect(summarize(withHeading)).toEqual(KEY);
  });

  it("does not pick a sentence that starts mid-word, as one does where a page lost its drop cap", () => {
    // The broken sentence repeats every topic word, so only the broken-start rule keeps it out.
    const broken = "orthwind Bank profits jump on record mortgage lending, the bank said.";
    const withBroken = { ...ARTICLE, body: ARTICLE.body.replace("Several analysts", `${broken} Several analysts`) };
    expect(summarize(withBroken)).toEqual(KEY);
    // A first word with a capital inside it is a name, not a broken word.
    const iphone = { title: "iPhone sales", body: "iPhone sales rose in May. Analysts were surprised. Shops ran out of stock." };
    expect(summarize(iphone, 1)).toEqual(["iPhone sales rose in May."]);
  });

  it("scores with every feature the model names, and nothing else", () => {
    expect(Object.keys(FEATURE_WEIGHTS).sort()).toEqual([...FEATURE_NAMES].sort());
    const rows = sentenceFeatures(splitSentences(ARTICLE.body), ARTICLE.title);
    expect(rows).toHaveLength(splitSentences(ARTICLE.body).length);
    for (const row of rows) {
      expect(row).toHaveLength(FEATURE_NAMES.length);
      expect(row.every(Number.isFinite)).toBe(true);
    }
    // The first sentence, and only it, is marked first.
    const first = FEATURE_NAMES.indexOf("first");
    expect(rows.map((row) => row[first])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("copes with a 2 MB article without throwing", () => {
    const body = Array.from({ length: Math.ceil(2_000_000 / ARTICLE.body.length) }, () => ARTICLE.body).join("\n\n");
    expect(body.length).toBeGreaterThanOrEqual(2_000_000);
    const summary = summarize({ title: ARTICLE.title, body });
    expect(summary).toHaveLength(3);
    for (const sentence of summary) expect(KEY).toContain(sentence);

    // One 2 MB "sentence" with no punctuation or spaces at all.
    const blob = "x".repeat(2_000_000);
    expect(summarize({ title: "Blob", body: blob })).toEqual([blob]);
  });
});
