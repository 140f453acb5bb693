// parseFeed on small fixtures of each format: RSS 2.0, RSS 1.0 (RDF), Atom (with xml:base) and JSON
// Feed; links, text, dates, teasers and the per-item rejections.
import { describe, expect, it } from "vitest";
import { parseFeed, type FeedItem, type ParsedFeed } from "../../../src/core/feeds/parse.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

function ok(feed: ParsedFeed): Extract<ParsedFeed, { ok: true }> {
  if (!feed.ok) throw new Error(`expected a feed, got: ${feed.reason}`);
  return feed;
}

function at(feed: Extract<ParsedFeed, { ok: true }>, index: number): FeedItem {
  const item = feed.items[index];
  if (!item) throw new Error(`no item ${index}; ${feed.items.length} items`);
  return item;
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <description>Local news</description>
  <ttl>30</ttl>
  <item>
    <title>Ferry &amp; bus timetable changes</title>
    <link>/news/ferry</link>
    <guid isPermaLink="false">gz-1</guid>
    <pubDate>Tue, 02 Jan 2024 09:30:00 +0100</pubDate>
    <description>Short teaser about the ferry.</description>
    <content:encoded><![CDATA[<p>The ferry <a href="https://x.example/t">timetable</a> changes on Monday.</p><p>Buses follow. <img src="a.jpg" alt="A photo of a bus"></p>]]></content:encoded>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://gazette.example/news/council</link>
    <dc:date>2024-01-03T10:00:00Z</dc:date>
    <description>&lt;p&gt;The council met on &lt;b&gt;Tuesday&lt;/b&gt; &amp;amp; agreed.&lt;/p&gt;&lt;p&gt;Second&amp;nbsp;paragraph.&lt;/p&gt;</description>
  </item>
  <item><title>Link only</title><link>https://gazette.example/news/link-only</link></item>
  <item><title>Bad link</title><link>javascript:alert(1)</link><description>Text.</description></item>
  <item><description>An untitled item. It has text only.</description></item>
  <item><title>Bad date</title><pubDate>not a date</pubDate><description>Words.</description></item>
  <item><guid isPermaLink="true">https://gazette.example/news/by-guid</guid><title>Linked by guid</title></item>
</channel></rss>`;

describe("RSS 2.0", () => {
  const feed = ok(parseFeed(bytes(RSS)));

  it("reads the channel", () => {
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Harbour Gazette");
    expect(feed.siteUrl).toBe("https://gazette.example/");
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items).toHaveLength(7);
    expect(feed.rejected).toEqual([]);
  });

  it("prefers content:encoded, turns HTML into paragraphs without link URLs or alt text", () => {
    expect(at(feed, 0)).toEqual({
      article: {
        title: "Ferry & bus timetable changes",
        body: "The ferry timetable changes on Monday.\n\nBuses follow.",
        url: "https://gazette.example/news/ferry",
        source: "Harbour Gazette",
        publishedAt: new Date("2024-01-02T08:30:00Z"),
      },
      teaser: false,
      guid: "gz-1",
    });
  });

  it("decodes entities in an HTML description and takes dc:date", () => {
    const { article, teaser } = at(feed, 1);
    expect(article.body).toBe("The council met on Tuesday & agreed.\n\nSecond paragraph.");
    expect(article.publishedAt).toEqual(new Date("2024-01-03T10:00:00Z"));
    expect(teaser).toBe(true);
  });

  it("imports a link-only item as a headline with no body, a teaser", () => {
    expect(at(feed, 2)).toEqual({
      article: { title: "Link only", body: "", url: "https://gazette.example/news/link-only", source: "Harbour Gazette" },
      teaser: true,
    });
  });

  it("drops a non-http link but keeps the item; makes a title for an untitled item; ignores a bad date", () => {
    expect(at(feed, 3).article.url).toBeUndefined();
    expect(at(feed, 3).article.body).toBe("Text.");
    expect(at(feed, 4).article.title).toBe("An untitled item.");
    expect(at(feed, 4).article.body).toBe("An untitled item. It has text only.");
    expect(at(feed, 5).article.publishedAt).toBeUndefined();
  });

  it("uses a permalink guid when there is no <link>", () => {
    expect(at(feed, 6).article.url).toBe("https://gazette.example/news/by-guid");
    expect(at(feed, 6).guid).toBe("https://gazette.example/news/by-guid");
  });

  it("resolves relative links against the fetch address first, and takes a source override", () => {
    const fetched = ok(parseFeed(bytes(RSS), { url: "https://feeds.gazette.example/rss/main.xml", source: "  The Gazette " }));
    expect(at(fetched, 0).article.url).toBe("https://feeds.gazette.example/news/ferry");
    expect(fetched.items.every((i) => i.article.source === "The Gazette")).toBe(true);
  });

  it("rejects an invalid item, naming it, and keeps the others", () => {
    const longTitle = "word ".repeat(300);
    const feedWithBad = RSS.replace(
      "<item><title>Link only</title>",
      `<item><title>${longTitle}</title><description>Body.</description></item><item><link>ftp://gazette.example/file</link></item><item><title>Link only</title>`,
    );
    const parsed = ok(parseFeed(bytes(feedWithBad), { url: "https://gazette.example/rss" }));
    expect(parsed.items).toHaveLength(7);
    expect(parsed.rejected).toEqual([
      { path: "https://gazette.example/rss#item 3", reason: expect.stringMatching(/^Field "title" is invalid/) },
      { path: "https://gazette.example/rss#item 4", reason: "Item has no title and no text, so there is nothing to import." },
    ]);
    // Without a URL, the path given names the items.
    expect(ok(parseFeed(bytes(feedWithBad), { path: "feeds/gazette.rss" })).rejected[1]?.path).toBe("feeds/gazette.rss#item 4");
  });

  it("falls back to the site's host name for the source", () => {
    const untitled = ok(parseFeed(bytes(`<rss version="2.0"><channel><link>https://www.untitled.example/</link><item><title>A</title></item></channel></rss>`)));
    expect(untitled.title).toBeUndefined();
    expect(at(untitled, 0).article.source).toBe("untitled.example");
  });
});

describe("RSS 0.91", () => {
  it("reads a feed with a public DOCTYPE and HTML entities, which it does not declare itself", () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n' +
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' +
      '<rss version="0.91"><channel><title>Old &eacute;t&eacute;</title><link>http://old.example/</link><description>d</description>' +
      "<item><title>Caf&eacute; opens</title><link>http://old.example/cafe</link><description>A caf&eacute; &amp; bar.</description></item></channel></rss>";
    const feed = ok(parseFeed(bytes(xml)));
    expect(feed.title).toBe("Old été");
    expect(at(feed, 0).article).toEqual({ title: "Café opens", body: "A café & bar.", url: "http://old.example/cafe", source: "Old été" });
  });
});

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://science.example/rss">
    <title>Science Weekly</title>
    <link>https://science.example/</link>
    <description>Papers</description>
    <syn:updatePeriod>hourly</syn:updatePeriod>
    <syn:updateFrequency>2</syn:updateFrequency>
    <items><rdf:Seq><rdf:li rdf:resource="https://science.example/a"/><rdf:li rdf:resource="https://science.example/b"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://science.example/a">
    <title>Coral reefs recover</title>
    <link>https://science.example/a</link>
    <description>Reefs recover faster than thought.</description>
    <content:encoded>&lt;p&gt;Reefs recover faster than thought, a ten-year survey finds.&lt;/p&gt;</content:encoded>
    <dc:date>2017-06-15T10:29:47-07:00</dc:date>
  </item>
  <item rdf:about="https://science.example/b">
    <title>Bees count</title>
    <description>Bees can count to four.</description>
  </item>
</rdf:RDF>`;

describe("RSS 1.0 (RDF)", () => {
  const feed = ok(parseFeed(bytes(RDF)));

  it("reads channel, items, content:encoded, dc:date and the syndication period", () => {
    expect(feed.format).toBe("rdf");
    expect(feed.title).toBe("Science Weekly");
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items.map((i) => i.article.title)).toEqual(["Coral reefs recover", "Bees count"]);
    expect(at(feed, 0).article.body).toBe("Reefs recover faster than thought, a ten-year survey finds.");
    expect(at(feed, 0).teaser).toBe(false);
    expect(at(feed, 0).article.publishedAt).toEqual(new Date("2017-06-15T17:29:47Z"));
  });

  it("takes an item's link from rdf:about when it has no <link>", () => {
    expect(at(feed, 1).article.url).toBe("https://science.example/b");
    expect(at(feed, 1).guid).toBe("https://science.example/b");
    expect(at(feed, 1).teaser).toBe(true);
  });
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/2024/">
  <title type="html">Notes &amp;amp; Queries</title>
  <link rel="self" href="https://blog.example/feed.atom"/>
  <link rel="alternate" type="text/html" href="/"/>
  <id>tag:blog.example,2024:feed</id>
  <updated>2024-02-01T00:00:00Z</updated>
  <entry>
    <title>First</title>
    <id>tag:blog.example,2024:1</id>
    <link rel="alternate" href="first.html"/>
    <published>2024-01-05T12:00:00Z</published>
    <updated>2024-01-06T12:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="html">&lt;h2&gt;Heading&lt;/h2&gt;&lt;p&gt;Full text one.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a point&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
  <entry xml:base="/archive/">
    <title>Second</title>
    <id>tag:blog.example,2024:2</id>
    <link rel="replies" href="comments.html"/>
    <link href="second.html"/>
    <updated>2024-01-07T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML <em>content</em> here.</p><p>Second paragraph.</p></div></content>
  </entry>
  <entry xml:base="https://other.example/deep/">
    <title type="text">Third &lt;not a tag&gt;</title>
    <id>https://other.example/third-id</id>
    <link href="../third"/>
    <updated>2024-01-08T12:00:00Z</updated>
    <summary type="text">Plain summary, cut short [...]</summary>
  </entry>
  <entry>
    <title>Fourth</title>
    <id>https://blog.example/2024/fourth</id>
    <updated>2024-01-09T12:00:00Z</updated>
  </entry>
</feed>`;

describe("Atom", () => {
  const feed = ok(parseFeed(bytes(ATOM)));

  it("reads the feed: an HTML title, the alternate link against xml:base", () => {
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("Notes & Queries");
    expect(feed.siteUrl).toBe("https://blog.example/");
    expect(feed.items).toHaveLength(4);
  });

  it("resolves entry links through the xml:base of the feed and of the entry", () => {
    expect(feed.items.map((i) => i.article.url)).toEqual([
      "https://blog.example/2024/first.html",
      "https://blog.example/archive/second.html",
      "https://other.example/third",
      "https://blog.example/2024/fourth",
    ]);
  });

  it("prefers <content> over <summary>, HTML and XHTML alike", () => {
    expect(at(feed, 0).article.body).toBe("Heading\n\nFull text one.\n\n• a point");
    expect(at(feed, 0).teaser).toBe(false);
    expect(at(feed, 1).article.body).toBe("XHTML content here.\n\nSecond paragraph.");
  });

  it("keeps type=text as text, and flags a summary that ends in [...] as a teaser", () => {
    expect(at(feed, 2).article.title).toBe("Third <not a tag>");
    expect(at(feed, 2).article.body).toBe("Plain summary, cut short [...]");
    expect(at(feed, 2).teaser).toBe(true);
  });

  it("dates an entry by <published>, else <updated>; the id is the guid", () => {
    expect(at(feed, 0).article.publishedAt).toEqual(new Date("2024-01-05T12:00:00Z"));
    expect(at(feed, 1).article.publishedAt).toEqual(new Date("2024-01-07T12:00:00Z"));
    expect(at(feed, 0).guid).toBe("tag:blog.example,2024:1");
  });

  it("imports an entry with neither content nor summary as a headline with no body, a teaser", () => {
    expect(at(feed, 3)).toMatchObject({ article: { title: "Fourth", body: "" }, teaser: true });
  });
});

const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Micro News",
  home_page_url: "https://micro.example/",
  feed_url: "https://micro.example/feed.json",
  items: [
    { id: "1", url: "/posts/1", title: "HTML post", content_html: "<p>One &amp; two.</p><p>Three.</p>", date_published: "2024-03-01T08:00:00+02:00" },
    { id: "2", url: "https://micro.example/posts/2", content_text: "A micropost without a title.\n\nIt has two paragraphs." },
    { id: "3", external_url: "https://elsewhere.example/story", title: "Summary only", summary: "Just a summary.", date_modified: "2024-03-02T00:00:00Z" },
  ],
});

describe("JSON Feed", () => {
  const feed = ok(parseFeed(bytes(JSON_FEED)));

  it("reads the feed and its items", () => {
    expect(feed.format).toBe("json");
    expect(feed.title).toBe("Micro News");
    expect(feed.siteUrl).toBe("https://micro.example/");
    expect(at(feed, 0)).toEqual({
      article: {
        title: "HTML post",
        body: "One & two.\n\nThree.",
        url: "https://micro.example/posts/1",
        source: "Micro News",
        publishedAt: new Date("2024-03-01T06:00:00Z"),
      },
      teaser: false,
      guid: "1",
    });
  });

  it("keeps content_text paragraphs and makes a title for an untitled post", () => {
    expect(at(feed, 1).article.title).toBe("A micropost without a title.");
    expect(at(feed, 1).article.body).toBe("A micropost without a title.\n\nIt has two paragraphs.");
  });

  it("falls back to external_url and date_modified; a summary alone is a teaser", () => {
    expect(at(feed, 2).article.url).toBe("https://elsewhere.example/story");
    expect(at(feed, 2).article.publishedAt).toEqual(new Date("2024-03-02T00:00:00Z"));
    expect(at(feed, 2).teaser).toBe(true);
  });
});
