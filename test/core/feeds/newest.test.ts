// parseFeed's maxItems: a poll reads only the newest items of a feed, and counts the rest; a huge
// feed costs memory in proportion to the items kept.
import { Worker } from "node:worker_threads";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { newestXmlItems } from "../../../src/core/feeds/newest.js";
import { parseFeed, type ParsedFeed, type ParseFeedOptions } from "../../../src/core/feeds/parse.js";

function rss(items: Array<{ title: string; date?: string }>): Buffer {
  const xml = items
    .map((i) => `<item><title>${i.title}</title><description>All about ${i.title}.</description>${i.date ? `<pubDate>${i.date}</pubDate>` : ""}</item>`)
    .join("");
  return Buffer.from(`<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>${xml}</channel></rss>`);
}

function ok(feed: ParsedFeed): Extract<ParsedFeed, { ok: true }> {
  if (!feed.ok) throw new Error(feed.reason);
  return feed;
}

const titles = (feed: Extract<ParsedFeed, { ok: true }>) => feed.items.map((i) => i.article.title);

describe("parseFeed with maxItems", () => {
  it("reads the newest items by date, keeps them in feed order and counts the others as left out", () => {
    const feed = ok(
      parseFeed(
        rss([
          { title: "Tuesday", date: "Tue, 24 Nov 2026 09:00:00 GMT" },
          { title: "Thursday", date: "Thu, 26 Nov 2026 09:00:00 GMT" },
          { title: "Monday", date: "Mon, 23 Nov 2026 09:00:00 GMT" },
          { title: "Undated" },
          { title: "Wednesday", date: "2026-11-25T09:00:00Z" },
        ]),
        { maxItems: 2 },
      ),
    );
    expect(titles(feed)).toEqual(["Thursday", "Wednesday"]);
    expect(feed.leftOut).toBe(3);
  });

  it("takes the first items of a feed without dates, since feeds list the newest first", () => {
    const feed = ok(parseFeed(rss([{ title: "Newest" }, { title: "Older" }, { title: "Oldest" }]), { maxItems: 2 }));
    expect(titles(feed)).toEqual(["Newest", "Older"]);
    expect(feed.leftOut).toBe(1);
  });

  it("reads every item of a feed within the limit, or without one", () => {
    const items = [{ title: "One" }, { title: "Two" }];
    expect(ok(parseFeed(rss(items), { maxItems: 2 }))).toMatchObject({ leftOut: 0, items: [{}, {}] });
    expect(ok(parseFeed(rss(items)))).toMatchObject({ leftOut: 0, items: [{}, {}] });
  });
});

// A feed with more items than a poll reads is cut down before feedsmith builds its items (newest.ts):
// the newest items must come out exactly as a reading of the whole feed gives them.
const read = (text: string | Buffer, options: ParseFeedOptions = {}) => ok(parseFeed(typeof text === "string" ? Buffer.from(text) : text, options));
const only = (feed: Extract<ParsedFeed, { ok: true }>, kept: string[]) => feed.items.filter((i) => kept.includes(i.article.title));

const WIRE = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Wire</title>
  <link>https://wire.example/</link>
  <ttl>15</ttl>
  <item><title>Harbour reopens</title><link>/harbour</link><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate><description>The harbour reopens.</description></item>
  <item>
    <title>Council votes &amp; agrees</title>
    <link>/council</link>
    <guid isPermaLink="false">wire-2</guid>
    <pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate>
    <description><![CDATA[<p>The council <b>voted</b>.</p>]]></description>
    <content:encoded><![CDATA[<div><p>The council voted on the <a href="/budget">budget</a> on Thursday evening.</p><p>It passed by nine votes to four, after a long debate about the ferry.</p></div>]]></content:encoded>
    <enclosure url="https://wire.example/council.mp3" length="1000" type="audio/mpeg"/>
  </item>
  <!-- <item><title>Commented out</title><pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate></item> -->
  <item>
    <title>Ferry strike</title>
    <link>https://wire.example/ferry</link>
    <dc:date>2026-11-25T09:00:00Z</dc:date>
    <description><![CDATA[Crews walk out. </item><item><title>Inside CDATA</title><pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate></item>]]></description>
  </item>
  <item><title>Market day</title><pubDate>Sun, 22 Nov 2026 09:00:00 GMT</pubDate><description>Stalls all day.</description></item>
  <item><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate><enclosure url="https://wire.example/empty.mp3" length="1" type="audio/mpeg"/></item>
  <item><title>Undated note</title><description>No date at all.</description></item>
  <item><title>Weather warning</title><link>/weather</link><pubDate>Mon, 23 Nov 2026 12:00:00 GMT</pubDate><description>Storms &lt;b&gt;tonight&lt;/b&gt;.</description></item>
</channel>
</rss>`;

const RDF_WIRE = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://science.example/rss">
    <title>Science Weekly</title>
    <link>https://science.example/</link>
    <description>Papers</description>
    <syn:updatePeriod>hourly</syn:updatePeriod>
    <items><rdf:Seq>${["a", "b", "c", "d", "e"].map((id) => `<rdf:li rdf:resource="https://science.example/${id}"/>`).join("")}</rdf:Seq></items>
  </channel>
  <item rdf:about="https://science.example/a"><title>Reefs</title><description>Reefs recover.</description><dc:date>2026-11-20T10:00:00Z</dc:date></item>
  <item rdf:about="https://science.example/b">
    <title>Bees count</title>
    <description>Bees can count.</description>
    <content:encoded>&lt;p&gt;Bees can count to four, a study of hives in three countries finds.&lt;/p&gt;&lt;p&gt;More below.&lt;/p&gt;</content:encoded>
    <dc:date>2026-11-24T10:00:00Z</dc:date>
  </item>
  <item rdf:about="https://science.example/c"><title>Comets</title><description>A comet passes.</description><dc:date>2026-11-21T10:00:00Z</dc:date></item>
  <item rdf:about="https://science.example/d"><title>Moss</title><link>https://science.example/moss</link><description>Moss grows.</description><dc:date>2026-11-23T10:00:00Z</dc:date></item>
  <item rdf:about="https://science.example/e"><title>Clouds</title><description>Clouds form.</description><dc:date>2026-11-19T10:00:00Z</dc:date></item>
</rdf:RDF>`;

const ATOM_WIRE = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/2026/">
  <title>Field Notes</title>
  <link rel="alternate" type="text/html" href="/"/>
  <id>tag:blog.example,2026:feed</id>
  <updated>2026-11-26T00:00:00Z</updated>
  <entry><title>First</title><id>tag:blog.example,2026:1</id><link href="first.html"/><updated>2026-11-20T12:00:00Z</updated><summary>One.</summary></entry>
  <entry>
    <title type="html">Second &amp;amp; best</title>
    <id>tag:blog.example,2026:2</id>
    <link rel="alternate" href="second.html"/>
    <published>2026-11-25T12:00:00Z</published>
    <updated>2026-11-19T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The second note, on <em>moths</em> seen at the lighthouse in November.</p><p>Forty of them.</p></div></content>
  </entry>
  <entry><title>Third</title><id>tag:blog.example,2026:3</id><link href="third.html"/><published>2026-11-18T12:00:00Z</published><summary>Three.</summary></entry>
  <entry><title>Fourth</title><id>tag:blog.example,2026:4</id><link href="fourth.html"/><updated>2026-11-24T12:00:00Z</updated><summary>Four.</summary></entry>
</feed>`;

describe("parseFeed with maxItems, on a feed with more items than that", () => {
  it("RSS 2.0: keeps exactly the newest items with every field, the channel, and the items' numbers", () => {
    const whole = read(WIRE, { url: "https://wire.example/rss" });
    const newest = read(WIRE, { url: "https://wire.example/rss", maxItems: 4 });
    // 26th, 25th, 24th (no title or text: rejected) and the 23rd at noon; not the 23rd at nine, the
    // 22nd, the undated one, nor the items in the comment and the CDATA section.
    expect(titles(newest)).toEqual(["Council votes & agrees", "Ferry strike", "Weather warning"]);
    expect(newest.rejected).toEqual([{ path: "https://wire.example/rss#item 5", reason: "Item has no title and no text, so there is nothing to import." }]);
    expect(newest.leftOut).toBe(3);
    expect(newest.items).toEqual(only(whole, titles(newest)));
    expect(newest.rejected).toEqual(whole.rejected);
    expect(newest).toMatchObject({ format: "rss", title: "Harbour Wire", siteUrl: "https://wire.example/", ttlMinutes: 15 });
    expect(newest.items[0]).toEqual({
      article: {
        title: "Council votes & agrees",
        body: "The council voted on the budget on Thursday evening.\n\nIt passed by nine votes to four, after a long debate about the ferry.",
        url: "https://wire.example/council",
        source: "Harbour Wire",
        publishedAt: new Date("2026-11-26T09:00:00Z"),
      },
      teaser: false,
      guid: "wire-2",
    });
    expect(newest.items[1]?.article.body).toMatch(/^Crews walk out\. Inside CDATA/);
  });

  it("RSS 1.0 (RDF): keeps the newest items by dc:date, whatever its table of contents lists", () => {
    const newest = read(RDF_WIRE, { maxItems: 2 });
    expect(titles(newest)).toEqual(["Bees count", "Moss"]);
    expect(newest.leftOut).toBe(3);
    expect(newest.items).toEqual(only(read(RDF_WIRE), ["Bees count", "Moss"]));
    expect(newest.items[0]?.article.body).toBe("Bees can count to four, a study of hives in three countries finds.\n\nMore below.");
    expect(newest.items[1]?.article.url).toBe("https://science.example/moss");
    expect(newest).toMatchObject({ format: "rdf", title: "Science Weekly", ttlMinutes: 60 });
  });

  it("Atom: ranks entries by published, else updated, and keeps their content and links", () => {
    const newest = read(ATOM_WIRE, { maxItems: 2 });
    expect(titles(newest)).toEqual(["Second & best", "Fourth"]);
    expect(newest.leftOut).toBe(2);
    expect(newest.items).toEqual(only(read(ATOM_WIRE), ["Second & best", "Fourth"]));
    expect(newest.items[0]?.article).toMatchObject({ body: "The second note, on moths seen at the lighthouse in November.\n\nForty of them.", url: "https://blog.example/2026/second.html" });
    expect(newest).toMatchObject({ format: "atom", title: "Field Notes", siteUrl: "https://blog.example/" });
    // An Atom feed written with a prefix is read the same way.
    const prefixed = ATOM_WIRE.replace('<feed xmlns="http://www.w3.org/2005/Atom"', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"')
      .replace("</feed>", "</a:feed>")
      .replaceAll(/<(\/?)(entry|title|id|link|updated|published|summary|content)\b/g, "<$1a:$2");
    expect(titles(read(prefixed, { maxItems: 2 }))).toEqual(["Second & best", "Fourth"]);
  });

  it("JSON Feed: keeps the newest items by date_published, else date_modified", () => {
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "JSON Wire",
      items: [
        { id: "1", title: "Old", content_text: "Old news.", date_published: "2026-11-20T10:00:00Z" },
        { id: "2", title: "Newest", content_html: "<p>Fresh news.</p>", url: "https://json.example/2", date_published: "2026-11-26T10:00:00Z" },
        { id: "3", title: "Undated", content_text: "When?" },
        { id: "4", title: "Modified", content_text: "Changed news.", date_modified: "2026-11-25T10:00:00Z" },
      ],
    });
    const newest = read(json, { maxItems: 2 });
    expect(titles(newest)).toEqual(["Newest", "Modified"]);
    expect(newest.leftOut).toBe(2);
    expect(newest.items).toEqual(only(read(json), ["Newest", "Modified"]));
    expect(newest.title).toBe("JSON Wire");
  });

  it("reads after charset decoding", () => {
    const xml =
      '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title>' +
      "<item><title>Вчера</title><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>" +
      "<item><title>Сегодня утром</title><description>Депутаты обсудили бюджет.</description><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>";
    const newest = read(iconv.encode(xml, "windows-1251"), { maxItems: 1 });
    expect(newest.title).toBe("Новости");
    expect(newest.items.map((i) => i.article)).toMatchObject([{ title: "Сегодня утром", body: "Депутаты обсудили бюджет." }]);
  });

  it("refuses malformed XML with the same sentence as without maxItems", () => {
    const broken = WIRE.replace("<title>Market day</title>", "<title>Market day</description>");
    const whole = parseFeed(Buffer.from(broken));
    expect(whole).toMatchObject({ ok: false, reason: expect.stringMatching(/^Feed is malformed XML \(.+\)/) });
    expect(parseFeed(Buffer.from(broken), { maxItems: 2 })).toEqual(whole);
  });
});

describe("newestXmlItems", () => {
  it("hands feedsmith the header, the newest items as written, and the end", () => {
    const items = Array.from({ length: 10_000 }, (_, n) => `<item><title>Story ${n}</title><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, (n * 7919) % 10_000)).toUTCString()}</pubDate></item>\n`);
    const text = `<rss version="2.0"><channel><title>Big</title><ttl>5</ttl>\n${items.join("")}</channel></rss>`;
    const newest = newestXmlItems(text, "rss", 3);
    // The three latest minutes, 9999, 9998 and 9997, belong to the stories n with n * 7919 % 10000 equal to them.
    const stories = [9999, 9998, 9997].map((minute) => Array.from({ length: 10_000 }, (_, n) => n).find((n) => (n * 7919) % 10_000 === minute)!);
    expect(newest?.numbers).toEqual([...stories].sort((a, b) => a - b));
    expect(newest?.leftOut).toBe(9_997);
    const kept = newest!.numbers.map((n) => items[n]!.trim()).join("");
    expect(newest?.document.replaceAll("\n", "")).toBe(`<rss version="2.0"><channel><title>Big</title><ttl>5</ttl>${kept}</channel></rss>`);
  });

  it("leaves a feed within the limit, or one whose nesting is broken, to be read whole", () => {
    expect(newestXmlItems("<rss><channel><item/><item/></channel></rss>", "rss", 2)).toBeUndefined();
    expect(newestXmlItems("<rss><channel><item/><item/><item><b></item></channel></rss>", "rss", 2)).toBeUndefined();
    expect(newestXmlItems("<rss><channel><item/><item/><item/></channel></rss>", "rss", 2)?.document).toBe("<rss><channel><item/><item/></channel></rss>");
  });
});

describe("the parser thread's memory", () => {
  /** parse-worker.mjs, as parse-thread.ts starts it, under a heap of `heapMb`. */
  function parseInWorker(bytes: Uint8Array, options: ParseFeedOptions, heapMb: number): Promise<ParsedFeed | "out of memory"> {
    const worker = new Worker(new URL("../../../src/core/feeds/parse-worker.mjs", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
    });
    return new Promise<ParsedFeed | "out of memory">((resolve, reject) => {
      worker.on("message", ({ feed }: { feed: ParsedFeed }) => resolve(feed));
      worker.on("error", (error: Error & { code?: string }) => (error.code === "ERR_WORKER_OUT_OF_MEMORY" ? resolve("out of memory") : reject(error)));
      worker.postMessage({ id: 0, bytes, options });
    }).finally(() => void worker.terminate());
  }

  it("grows with the items kept, not with the items in the feed", async () => {
    // The feed that stalled the bot: 100,000 tiny items, 4.9 MB.
    const items = Array.from({ length: 100_000 }, (_, n) => `<item><title>Story ${n} of the day</title></item>\n`);
    const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big wire</title>\n${items.join("")}</channel></rss>`);
    const newest = await parseInWorker(bytes, { maxItems: 200 }, 48);
    expect(newest).toMatchObject({ ok: true, leftOut: 99_800 });
    expect(newest !== "out of memory" && newest.ok && newest.items.length).toBe(200);
    // Read whole, the same feed needs more than that heap.
    expect(await parseInWorker(bytes, {}, 48)).toBe("out of memory");
  }, 60_000);
});
