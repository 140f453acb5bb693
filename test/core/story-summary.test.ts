import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/core/article.js";
import { readArticleFile } from "../../src/core/article-files/index.js";
import { enrich } from "../../src/core/enrich.js";
import { summarize } from "../../src/core/nlp/summary.js";
import { storyCard } from "../../src/core/stories.js";
import { leansOnPrevious, restatement, storySummary, storySummaryFaults } from "../../src/core/story-summary.js";

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

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BBC = join(resolve(REPO_ROOT, process.env.NEWSBOT_DATA ?? "../shared/data"), "bbc-news-summary", "News Articles");

/** Articles as the store keeps them (enriched: their stored summary is what enrichment made): the
 * first files of each BBC section when the shared data is there, else the repository's own articles. */
async function storedArticles(): Promise<Article[]> {
  const files = existsSync(BBC)
    ? readdirSync(BBC).flatMap((section) => readdirSync(join(BBC, section)).sort().slice(0, 60).map((name) => join(BBC, section, name)))
    : [join(REPO_ROOT, "samples", "asharq-al-awsat.txt"), join(REPO_ROOT, "scripts", "warm-up.jsonl")];
  const articles: Article[] = [];
  for (const file of files) {
    for (const input of (await readArticleFile(file)).articles) {
      articles.push({ ...enrich(input, STORED), id: articles.length + 1, storyId: 1, copies: [] });
    }
  }
  return articles;
}

describe("a story summary from the lead's stored summary", () => {
  it("is the summary read from the lead's text again, wherever the stored one is used", { timeout: 120_000 }, async () => {
    const articles = await storedArticles();
    expect(articles.length).toBeGreaterThan(4);
    let fromStored = 0;
    for (const [i, lead] of articles.entries()) {
      // A story of the lead and another report (the next one), as a card reads it.
      const story = [lead, articles[(i + 1) % articles.length]!];
      const summary = storySummary(lead, story);
      // Without a stored summary the lead's text is split and scored again.
      const read = storySummary({ ...lead, summary: [] }, story);
      expect(summary).toEqual(read);
      if (summary.join(" ") === lead.summary.join(" ") && lead.summary.length === 3) fromStored++;
    }
    // Most leads' stored summaries are their story summaries.
    expect(fromStored).toBeGreaterThan(articles.length / 2);
  });

  it("is not used when its sentences do not fit one after the other, or are not in the lead's text", () => {
    const body = [
      "Dockers at Felixstowe ended their week-long strike on Monday after accepting a pay offer.",
      "They said the deal protected jobs at Britain's busiest container port.",
      "Ships queued outside the harbour overnight.",
      "The port expects to clear the backlog by Friday.",
    ].join(" ");
    const lead = report(1, "Felixstowe dockers end strike", body, "Wire");
    const other = report(2, "Ships queue at Felixstowe", "Ships queued outside the harbour overnight as the strike ended.", "Daily");
    const read = storySummary({ ...lead, summary: [] }, [lead, other]);
    // A stored summary whose sentence leans on one left out, or that the text no longer holds, is not the story's.
    for (const summary of [
      ["They said the deal protected jobs at Britain's busiest container port.", "Ships queued outside the harbour overnight.", "The port expects to clear the backlog by Friday."],
      ["An older text's first sentence.", "Ships queued outside the harbour overnight.", "The port expects to clear the backlog by Friday."],
    ]) {
      expect(storySummary({ ...lead, summary }, [lead, other])).toEqual(read);
    }
  });
});
