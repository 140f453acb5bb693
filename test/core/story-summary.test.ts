import { describe, expect, it } from "vitest";
import type { Article } from "../../src/core/article.js";
import { summarize } from "../../src/core/nlp/summary.js";
import { storyCard } from "../../src/core/stories.js";
import { leansOnPrevious, restatement, storySummaryFaults } from "../../src/core/story-summary.js";

const STORED = new Date("2026-11-27T08:00:00Z");

/** A stored article: its summary is what enrichment would have stored. */
function report(id: number, title: string, body: string, source?: string): Article {
  return {
    id,
    storyId: 1,
    title,
    body,
    source,
    contentHash: `h${id}`,
    storedAt: STORED,
    summary: summarize({ title, body }),
    entities: [],
    readingMinutes: 1,
    copies: [],
  };
}

/** The sentences of a card's summary. */
const sentencesOf = (summary: string) => summary.split(/(?<=[.)])\s+(?=[A-Z"])/);

describe("story summary", () => {
  it("never puts a report's pronoun sentence after another report's sentence", () => {
    const coalition = report(
      1,
      "Short criticises tsunami aid coalition",
      "Former Cabinet minister Clare Short has criticised the US-led tsunami aid coalition.",
      "Wire",
    );
    const spam = report(
      2,
      "Tsunami aid coalition under fire as spam targets donors",
      [
        "Police warned donors about a fake tsunami charity site on Tuesday.",
        "Detective Inspector Jane Hill said the site copied the Red Cross appeal page.",
        "She said the spam e-mails directing people to the site started circulating at the weekend.",
        "Banks have blocked payments to the accounts behind the site.",
      ].join(" "),
      "Daily",
    );
    const card = storyCard({ id: 1, articles: [coalition, spam] });
    const sentences = sentencesOf(card.summary);
    const she = sentences.findIndex((s) => s.startsWith("She said"));
    // Where "she" appears at all, it follows the sentence that names her, from her own report.
    if (she >= 0) expect(sentences[she - 1]).toMatch(/^Detective Inspector Jane Hill said/);
    expect(sentences[0]).toBe("Former Cabinet minister Clare Short has criticised the US-led tsunami aid coalition. (Wire)");
    expect(storySummaryFaults(sentences, coalition, [coalition, spam])).toEqual({ dangling: 0, unattributed: 0, redundant: 0 });
  });

  it("keeps a fact the reports restate once", () => {
    const wire = report(
      1,
      "Felixstowe dockers end strike",
      "Dockers at Felixstowe ended their week-long strike on Monday after accepting a pay offer.",
      "Wire",
    );
    const daily = report(
      2,
      "Felixstowe dockers end strike as ships queue",
      [
        "Dockers at Felixstowe ended their week-long strike on Monday, leaving hundreds of ships free to unload at Britain's busiest container port.",
        "Ships queued outside the harbour overnight.",
        "The port expects to clear the backlog by Friday.",
      ].join(" "),
      "Daily",
    );
    const sentences = sentencesOf(storyCard({ id: 1, articles: [wire, daily] }).summary);
    expect(sentences.filter((s) => s.startsWith("Dockers at Felixstowe ended"))).toHaveLength(1);
    expect(sentences).toContain("Ships queued outside the harbour overnight. (Daily)");
  });

  it("takes its sentences from the story's most representative report", () => {
    const odd = report(
      1,
      "Port city braces for weekend storms",
      "Forecasters expect gales along the coast. Harbour walls were reinforced last month. Fishing boats stayed in port.",
      "Local",
    );
    const typical = report(
      2,
      "Dockers end strike at Felixstowe",
      "Dockers at Felixstowe ended their strike on Monday. The union accepted a 7% pay offer. Ships began unloading within hours.",
      "Wire",
    );
    const follow = report(3, "Felixstowe strike ends, dockers back", "Work resumed at Felixstowe. Union leaders hailed the deal as a victory.", "Daily");
    const card = storyCard({ id: 1, articles: [odd, typical, follow] });
    expect(card.headline).toBe("Dockers end strike at Felixstowe");
    expect(card.summary).toBe("Dockers at Felixstowe ended their strike on Monday. The union accepted a 7% pay offer. Ships began unloading within hours.");
  });
});

describe("storySummaryFaults", () => {
  it("counts a collage's dangling pronoun, unattributed sentence and retold fact", () => {
    const lead = report(1, "FA spares Mourinho", "The FA will take no action against Chelsea boss Jose Mourinho after his sending-off.", "BBC");
    const other = report(
      2,
      "Mourinho escapes FA charge",
      "Jose Mourinho was sent off in the Carling Cup final. The FA will take no action against Jose Mourinho after the final. He said his gesture was aimed at the media.",
      "Sky",
    );
    const collage = [lead.body, "He said his gesture was aimed at the media.", "The FA will take no action against Jose Mourinho after the final."];
    expect(storySummaryFaults(collage, lead, [lead, other])).toEqual({ dangling: 1, unattributed: 2, redundant: 1 });
  });

  it("tells a sentence leaning on the one before from one that stands alone", () => {
    expect(leansOnPrevious("She said the spam e-mails started circulating.")).toBe(true);
    expect(leansOnPrevious('"We blew it," he said.')).toBe(true);
    expect(leansOnPrevious("But it was not enough.")).toBe(true);
    expect(leansOnPrevious("This year's festival sold out in four days.")).toBe(false);
    expect(leansOnPrevious("Hewitt said women should not have to choose.")).toBe(false);
    expect(restatement("Dockers ended their strike on Monday.", "On Monday the dockers ended their strike, the union said.")).toBeGreaterThanOrEqual(0.3);
  });
});
