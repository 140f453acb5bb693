// Headline-first plain text, in the shapes BBC and WikiRef files come in, and its edge cases.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../../src/core/article-files/index.js";

describe("headline-first text", () => {
  it("reads a BBC-style file: headline, blank line, paragraphs", () => {
    const text = "Ink helps drive democracy in Asia\n\nThe Kyrgyz Republic is using invisible ink.\n\nThis new technology is causing worries.\n";
    const parsed = parseArticleFile(Buffer.from(text), "tech/001.txt", { source: "BBC" });
    expect(parsed).toEqual({
      path: "tech/001.txt",
      format: "headline",
      rejected: [],
      articles: [{ title: "Ink helps drive democracy in Asia", body: "The Kyrgyz Republic is using invisible ink.\n\nThis new technology is causing worries.", source: "BBC" }],
    });
  });

  it("reads a WikiRef-style cp1252 file with CRLF endings, curly quotes and a 0x85 ellipsis", () => {
    const text = "Cyprus President\u2019s Family Moved Millions\r\n\r\nThe attempt to defame my family\u2026 is nothing but a distraction.\r\n\r\n\u201cWe deny it,\u201d he said \u2013 again.\r\n";
    const cp1252 = iconv.encode(text, "windows-1252");
    expect(cp1252.includes(0x85)).toBe(true); // the ellipsis really is byte 0x85, the C1 NEL in Latin-1
    const parsed = parseArticleFile(cp1252, "cypriot.financial.crisis.36.txt");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles).toEqual([
      {
        title: "Cyprus President\u2019s Family Moved Millions",
        body: "The attempt to defame my family\u2026 is nothing but a distraction.\n\n\u201cWe deny it,\u201d he said \u2013 again.",
      },
    ]);
  });

  it("reads UTF-16 LE text with a BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Título\r\n\r\nCuerpo del artículo.", "utf16le")]);
    expect(parseArticleFile(bytes, "es.txt").articles).toEqual([{ title: "Título", body: "Cuerpo del artículo." }]);
  });

  it("keeps a headline directly followed by the body (no blank line) apart from it", () => {
    const parsed = parseArticleFile(Buffer.from("President Barack Obama\r\nBarack Obama is the 44th President.\r\n Barack H. Obama was born in Hawaii.\r\n"), "barack.txt");
    expect(parsed.articles).toEqual([{ title: "President Barack Obama", body: "Barack Obama is the 44th President.\n\nBarack H. Obama was born in Hawaii." }]);
  });

  it("rejects a headline with no body, saying how to fix it", () => {
    const parsed = parseArticleFile(Buffer.from("Just a headline\n\n\n"), "lonely.txt");
    expect(parsed.articles).toEqual([]);
    expect(parsed.rejected).toEqual([{ path: "lonely.txt", reason: 'File has a headline ("Just a headline") but no body; put the article text below the first line.' }]);
  });

  it("parses a 2 MB single-paragraph page", () => {
    const paragraph = "The committee met again today to discuss the budget. ".repeat(40_000).trim();
    expect(paragraph.length).toBeGreaterThan(2_000_000);
    const parsed = parseArticleFile(Buffer.from(`Budget talks drag on\n\n${paragraph}\n`), "long.txt");
    expect(parsed.articles).toHaveLength(1);
    expect(parsed.articles[0]?.title).toBe("Budget talks drag on");
    expect(parsed.articles[0]?.body).toBe(paragraph);
  });

  it("titles a page that is one long paragraph (no headline line) by its first sentence and keeps all the text", () => {
    const paragraph = "The committee met again today to discuss the budget. ".repeat(40_000).trim();
    const parsed = parseArticleFile(Buffer.from(paragraph), "page.txt");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles).toEqual([{ title: "The committee met again today to discuss the budget.", body: paragraph }]);
  });
});
