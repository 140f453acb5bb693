// Clean text in: a feed item's figure caption becomes its imageCaption, never its body; feed software's
// boilerplate and a blog's code listings stay out of the body and so out of the summary.
import { describe, expect, it } from "vitest";
import { enrich } from "../../../src/core/enrich.js";
import { parseFeed, type FeedItem } from "../../../src/core/feeds/parse.js";

const LEDE = "The harbour authority raised its pay offer on Monday, and dock workers voted to end their three-week strike.";
const MORE = [
  "Container ships that had waited offshore began unloading on Thursday, and hauliers expect the backlog to clear within days.",
  "The union leader said members had won a shorter night shift and new safety rules for the cranes.",
];

function item(description: string, content?: string): FeedItem {
  const encoded = content === undefined ? "" : `<content:encoded><![CDATA[${content}]]></content:encoded>`;
  const feed = parseFeed(
    Buffer.from(
      `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>` +
        `<item><title>Harbour strike ends</title><link>https://gazette.example/strike</link>` +
        `<description><![CDATA[${description}]]></description>${encoded}</item></channel></rss>`,
    ),
  );
  if (!feed.ok || !feed.items[0]) throw new Error(feed.ok ? "no item" : feed.reason);
  return feed.items[0];
}

const paragraphs = (...texts: string[]) => texts.map((t) => `<p>${t}</p>`).join("");

describe("feed text", () => {
  it("takes a figure's caption out of the body into imageCaption, so the summary does not open with it", () => {
    const figure = '<figure><img src="/dock.jpg" alt="Cranes"><figcaption>Cranes at the <em>eastern</em> dock on Monday. Photo: J. Smith</figcaption></figure>';
    const { article } = item("A teaser.", figure + paragraphs(LEDE, ...MORE));
    expect(article.imageCaption).toBe("Cranes at the eastern dock on Monday. Photo: J. Smith");
    expect(article.body).toBe([LEDE, ...MORE].join("\n\n"));
    expect(enrich(article, new Date()).summary.join(" ")).not.toContain("Cranes");
  });

  it("keeps the first caption when there are several, and none of them in the body", () => {
    const figures = ["First caption", "Second caption"].map((c) => `<figure><img src="/x.jpg"><figcaption>${c}</figcaption></figure>`);
    const { article } = item(paragraphs(LEDE) + figures[0] + paragraphs(...MORE) + figures[1]);
    expect(article.imageCaption).toBe("First caption");
    expect(article.body).not.toMatch(/caption/);
  });

  it("reads a Reddit link post (only its 'submitted by … [link] [N comments]' footer) as headline-only", () => {
    const reddit =
      '<table> <tr><td> <a href="https://www.reddit.com/r/funny/comments/abc/"> <img src="https://b.thumbs.redditmedia.com/x.jpg" alt="The water is too deep" title="The water is too deep" /> </a> </td><td> &#32; submitted by &#32; <a href="https://www.reddit.com/user/someone"> /u/someone </a> &#32; to &#32; <a href="https://www.reddit.com/r/funny/"> r/funny </a> <br/> <span><a href="https://i.imgur.com/x.gifv">[link]</a></span> &#32; <span><a href="https://www.reddit.com/r/funny/comments/abc/">[275 comments]</a></span> </td></tr></table>';
    const { article, teaser } = item(reddit);
    expect(article.body).toBe("");
    expect(teaser).toBe(true);
  });

  it("keeps a Reddit self post's text without its footer", () => {
    const { article } = item(`<div class="md">${paragraphs(LEDE)}</div> &#32; submitted by &#32; <a href="https://www.reddit.com/user/someone"> /u/someone </a> &#32; to &#32; <a href="https://www.reddit.com/r/news/"> r/news </a> <br/> <span><a href="https://www.reddit.com/r/news/comments/abc/">[link]</a></span> &#32; <span><a href="https://www.reddit.com/r/news/comments/abc/">[2,836 comments]</a></span>`);
    expect(article.body).toBe(LEDE);
  });

  it("drops WordPress's 'The post … appeared first on …', share and subscribe lines", () => {
    const wordpress =
      paragraphs(LEDE, ...MORE) +
      '<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Click to share on Twitter (Opens in new window)</a></li><li><a href="#">Click to share on Facebook (Opens in new window)</a></li></ul></div>' +
      paragraphs("Subscribe to our newsletter for the latest harbour news", "Follow us on Twitter @gazette") +
      '<p>The post <a href="https://gazette.example/strike">Harbour strike ends</a> appeared first on <a href="https://gazette.example">Gazette</a>.</p>';
    const { article } = item("A teaser.", wordpress);
    expect(article.body).toBe([LEDE, ...MORE].join("\n\n"));
  });

  it("leaves a blog's code listing out of the body and the summary, keeping inline code in its sentence", () => {
    const post = paragraphs("Run <code>make install</code> to build the server from source, which takes a few minutes on a laptop.") +
      '<pre class="code"><code>$ ./configure --prefix=/usr\n$ make install\nX-Desktop-Shortcuts=NewWindow;NewIncognito</code></pre>' +
      paragraphs(...MORE);
    const { article } = item("A teaser.", post);
    expect(article.body).toContain("Run make install to build the server from source");
    expect(article.body).not.toMatch(/configure|X-Desktop/);
    expect(enrich(article, new Date()).summary.join(" ")).not.toMatch(/configure|X-Desktop/);
  });
});
