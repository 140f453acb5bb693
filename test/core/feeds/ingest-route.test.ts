// `ingest` takes feed files: parseArticleFile routes them to parseFeed, and still refuses web pages.
import { describe, expect, it } from "vitest";
import { MAX_FEED_BYTES, parseFeed } from "../../../src/core/feeds/parse.js";
import { parseArticleFile } from "../../../src/core/article-files/index.js";

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Harbour Gazette</title><link>https://gazette.example/</link>
  <item><title>Ferry changes</title><link>https://gazette.example/ferry</link><description>&lt;p&gt;The ferry changes on Monday.&lt;/p&gt;</description></item>
  <item><link>mailto:editor@gazette.example</link></item>
  <item><title>Council meets</title><description>The council met.</description></item>
</channel></rss>`;

describe("parseArticleFile on a feed file", () => {
  it("gives format 'feed', every item, sourced to the feed's title, rejections named by file and item", () => {
    const parsed = parseArticleFile(Buffer.from(FEED), "inbox/gazette.rss");
    expect(parsed.format).toBe("feed");
    expect(parsed.articles).toEqual([
      { title: "Ferry changes", body: "The ferry changes on Monday.", url: "https://gazette.example/ferry", source: "Harbour Gazette" },
      { title: "Council meets", body: "The council met.", source: "Harbour Gazette" },
    ]);
    expect(parsed.rejected).toEqual([{ path: "inbox/gazette.rss#item 2", reason: "Item has no title and no text, so there is nothing to import." }]);
  });

  it("uses defaults.source over the feed's title", () => {
    const parsed = parseArticleFile(Buffer.from(FEED), "gazette.xml", { source: "Gazette (local)" });
    expect(parsed.articles.map((a) => a.source)).toEqual(["Gazette (local)", "Gazette (local)"]);
  });

  it("routes by content, whatever the file is called, JSON Feed included", () => {
    expect(parseArticleFile(Buffer.from(FEED), "notes.txt").format).toBe("feed");
    const json = JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "J", items: [{ id: "1", title: "A", content_text: "Body." }] });
    expect(parseArticleFile(Buffer.from(json), "feed.json")).toEqual({
      path: "feed.json",
      format: "feed",
      articles: [{ title: "A", body: "Body.", source: "J" }],
      rejected: [],
    });
  });

  it("reports a broken feed file with the feed parser's reason", () => {
    const parsed = parseArticleFile(Buffer.from(FEED.slice(0, 300)), "cut.rss");
    expect(parsed).toMatchObject({ path: "cut.rss", format: "feed", articles: [] });
    expect(parsed.rejected).toEqual([{ path: "cut.rss", reason: expect.stringMatching(/^Feed is truncated/) }]);
  });

  it("says so when a feed has no items", () => {
    const parsed = parseArticleFile(Buffer.from('<rss version="2.0"><channel><title>Quiet</title></channel></rss>'), "quiet.rss");
    expect(parsed.rejected).toEqual([{ path: "quiet.rss", reason: "Feed contains no items." }]);
  });

  it("still refuses a web page with the markup message", () => {
    const parsed = parseArticleFile(Buffer.from("<!DOCTYPE html><html><body><p>Hi</p></body></html>"), "page.html");
    expect(parsed.articles).toEqual([]);
    expect(parsed.rejected[0]?.reason).toMatch(/^File looks like an XML or HTML document/);
  });
});

describe("a feed near the size cap", () => {
  it("parses every item of a 9.5 MB feed", { timeout: 120_000 }, () => {
    const item = (i: number) =>
      `<item><title>Story ${i}</title><link>https://big.example/${i}</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>` +
      `<description>&lt;p&gt;${"Paragraph text with &lt;b&gt;markup&lt;/b&gt; and words. ".repeat(20)}&lt;/p&gt;&lt;p&gt;Continue reading…&lt;/p&gt;</description></item>\n`;
    const parts = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>\n'];
    let size = parts[0]!.length;
    let count = 0;
    while (size < MAX_FEED_BYTES * 0.95) {
      const next = item(count++);
      parts.push(next);
      size += next.length;
    }
    parts.push("</channel></rss>");
    const feed = parseFeed(Buffer.from(parts.join("")));
    if (!feed.ok) throw new Error(feed.reason);
    expect(feed.items).toHaveLength(count);
    expect(feed.items[count - 1]?.article.title).toBe(`Story ${count - 1}`);
    expect(feed.items.every((i) => i.teaser)).toBe(true);
  });
});
