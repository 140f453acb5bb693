// Raw scraped text: the repository's sample and variants of its shape.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../../src/core/article-files/index.js";

const SAMPLE = fileURLToPath(new URL("../../../samples/asharq-al-awsat.txt", import.meta.url));
const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("the Asharq Al-Awsat sample", () => {
  const parsed = parseArticleFile(readFileSync(SAMPLE), "asharq-al-awsat.txt");
  const [moscow, iraq] = parsed.articles;

  it("is read as scraped text and gives exactly two articles and no rejections", () => {
    expect(parsed.format).toBe("scraped");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles.map((a) => a.title)).toEqual([
      "Moscow Consultations: Russia, Syria Disagree on Turkish Deployment",
      "Iraq Frustrated by Iran’s Reluctance to Rein in Militias",
    ]);
  });

  it("keeps each photo caption once, as imageCaption", () => {
    expect(moscow?.imageCaption).toBe("The Russian and Syrian delegations meet in Moscow on Monday. (Russia Today)");
    expect(iraq?.imageCaption).toBe(
      "Iraqi Prime Minister Mohammed Shia al-Sudani has cautioned leaders of the Coordination Framework about the threats facing Iraq due to the escalating conflict between Israel and Iran (X)",
    );
  });

  it("starts each body at its first real paragraph and ends it at its last", () => {
    expect(moscow?.body.startsWith("Russia, Türkiye, Syria and Iran kicked off in Moscow on Monday")).toBe(true);
    expect(moscow?.body.endsWith("a reference to opposition-held areas in the Idlib region and its surroundings.")).toBe(true);
    expect(iraq?.body.startsWith("A senior government official said Iraqi Prime Minister")).toBe(true);
    expect(iraq?.body.endsWith("dodging responsibility for reining them in.")).toBe(true);
  });

  it("keeps captions, markers and repeated titles out of the bodies, and sub-headings in", () => {
    for (const article of parsed.articles) {
      const paragraphs = article.body.split("\n\n");
      expect(paragraphs).not.toContain("TT");
      expect(paragraphs).not.toContain(article.title);
      expect(article.body).not.toContain(article.imageCaption);
    }
    // 16 and 23 body paragraphs: counted with `awk NF` on the sample (53 lines, two 7-line headers).
    expect(moscow?.body.split("\n\n")).toHaveLength(16);
    const iraqParagraphs = iraq?.body.split("\n\n") ?? [];
    expect(iraqParagraphs).toHaveLength(23);
    expect(iraqParagraphs).toContain("Al-Sudani’s Mediation Efforts");
    expect(iraqParagraphs).toContain("Government Efforts to Prevent Escalation");
  });
});

describe("other scraped files of the same shape", () => {
  const article = (title: string, caption: string | undefined, marker: string | undefined, body: string[]) =>
    [title, "", ...(caption ? [caption, caption] : []), ...(marker ? [marker] : []), "", title, "", ...(caption ? [caption, caption] : []), "", ...body.flatMap((p) => [p, ""])].join("\n");

  it("splits three run-together articles, one without a caption and one without a marker", () => {
    const text = [
      article("First story", "A photo of the first story. (AFP)", "TT", ["First body one.", "First body two."]),
      article("Second story", undefined, "TT", ["Second body."]),
      article("Third story", "Third caption (X)", undefined, ["Third body.", "Sub-heading", "More third body."]),
    ].join("\n");
    const parsed = parseArticleFile(utf8(text), "three.txt");
    expect(parsed.format).toBe("scraped");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles).toEqual([
      { title: "First story", imageCaption: "A photo of the first story. (AFP)", body: "First body one.\n\nFirst body two." },
      { title: "Second story", body: "Second body." },
      { title: "Third story", imageCaption: "Third caption (X)", body: "Third body.\n\nSub-heading\n\nMore third body." },
    ]);
  });

  it("splits articles glued together with no blank lines, and uses the default source", () => {
    const text = "One\nCap one\nCap one\nTT\nOne\nCap one\nCap one\nBody one.\nTwo\nCap two\nCap two\nTT\nTwo\nCap two\nCap two\nBody two.";
    const parsed = parseArticleFile(utf8(text), "glued.txt", { source: "Asharq Al-Awsat" });
    expect(parsed.articles).toEqual([
      { title: "One", imageCaption: "Cap one", body: "Body one.", source: "Asharq Al-Awsat" },
      { title: "Two", imageCaption: "Cap two", body: "Body two.", source: "Asharq Al-Awsat" },
    ]);
  });

  it("reports text before the first headline and a headline with no body, keeping the good article", () => {
    const text = "Menu Home News\n\nGood\nCap\nCap\nTT\nGood\nCap\nCap\nGood body.\n\nEmpty\nCap2\nCap2\nTT\nEmpty\nCap2\nCap2\n";
    const parsed = parseArticleFile(utf8(text), "partial.txt");
    expect(parsed.articles).toEqual([{ title: "Good", imageCaption: "Cap", body: "Good body." }]);
    expect(parsed.rejected).toEqual([
      { path: "partial.txt:1", reason: "Lines 1-2 come before the first headline and belong to no article, so they were skipped." },
      { path: "partial.txt:12", reason: 'Article "Empty" has a headline but no body text below it.' },
    ]);
  });

  it("takes a title followed by a doubled caption at the top of a file as a scraped header", () => {
    const parsed = parseArticleFile(utf8("Quake hits coast\n\nRescuers at work (AP)\nRescuers at work (AP)\n\nThe quake struck at dawn."), "quake.txt");
    expect(parsed.format).toBe("scraped");
    expect(parsed.articles).toEqual([{ title: "Quake hits coast", imageCaption: "Rescuers at work (AP)", body: "The quake struck at dawn." }]);
  });

  it("does not take lines that merely repeat for a header", () => {
    const parsed = parseArticleFile(utf8("Score update\nScore update\nScore update\n\nThe match ended 2-1."), "repeat.txt");
    expect(parsed.format).toBe("headline");
    expect(parsed.articles).toEqual([{ title: "Score update", body: "Score update\n\nScore update\n\nThe match ended 2-1." }]);
  });

  it("does not mistake a doubled paragraph inside a plain article for a scraped header", () => {
    const text = "Headline\n\nFirst paragraph.\n\nA quoted line.\nA quoted line.\n\nLast paragraph.";
    const parsed = parseArticleFile(utf8(text), "plain.txt");
    expect(parsed.format).toBe("headline");
    expect(parsed.articles).toHaveLength(1);
    expect(parsed.articles[0]?.title).toBe("Headline");
  });
});
