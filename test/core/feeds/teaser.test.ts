// Teaser detection: an item is a teaser when the feed carries only a summary of it.
import { describe, expect, it } from "vitest";
import { parseFeed, TEASER_MAX_WORDS, type FeedItem } from "../../../src/core/feeds/parse.js";
import { withoutBoilerplate } from "../../../src/core/boilerplate.js";
import { endsLikeTeaser } from "../../../src/core/feeds/text.js";
import { countWords } from "../../../src/core/text.js";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

function only(description: string, content?: string): FeedItem {
  const encoded = content === undefined ? "" : `<content:encoded><![CDATA[${content}]]></content:encoded>`;
  const xml =
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>` +
    `<item><title>Item</title><link>https://t.example/a</link><description><![CDATA[${description}]]></description>${encoded}</item></channel></rss>`;
  const feed = parseFeed(Buffer.from(xml));
  if (!feed.ok || !feed.items[0]) throw new Error(feed.ok ? "no item" : feed.reason);
  return feed.items[0];
}

describe("teaser detection", () => {
  it("uses a named, exported word threshold", () => {
    expect(TEASER_MAX_WORDS).toBe(120);
    expect(only(`${words(TEASER_MAX_WORDS - 1)}.`).teaser).toBe(true);
    expect(only(`${words(TEASER_MAX_WORDS)}.`).teaser).toBe(false);
  });

  it("flags a long description that ends like a teaser, and drops the 'read more' link text", () => {
    const long = `<p>${words(200)}.</p>`;
    expect(only(`${long}<p><a href="/a">Continue reading…</a></p>`)).toMatchObject({ teaser: true, article: { body: `${words(200)}.` } });
    expect(only(`${long}<p><a href="/a">Read more »</a></p>`).teaser).toBe(true);
    expect(only(`<p>${words(200)} […]</p>`).teaser).toBe(true);
    expect(only(`<p>${words(200)}…</p>`).teaser).toBe(true);
    expect(only(`<p>${words(200)}. Read more on our site.</p>`).teaser).toBe(true);
  });

  it("does not mistake ordinary endings for teasers", () => {
    expect(only(`<p>${words(200)}. Experts say children should read more.</p>`).teaser).toBe(false);
    expect(endsLikeTeaser("He kept reading.")).toBe(false);
  });

  it("is not a teaser when content:encoded carries more than the description", () => {
    expect(only("Short teaser.", `<p>${words(40)}.</p>`).teaser).toBe(false);
    // Content that only repeats the short description is no full text.
    expect(only("Short teaser text here.", "<p>Short teaser text here.</p>").teaser).toBe(true);
  });

  it("counts words in scripts without spaces too", () => {
    expect(countWords("one two, three — four")).toBe(4);
    expect(countWords("今日は良い天気です")).toBe(5);
    expect(countWords(words(1000), 10)).toBe(10);
  });

  it("strips a 'read more' paragraph; when nothing else remains, the item is headline-only", () => {
    expect(withoutBoilerplate("Body text.\n\nContinue reading...")).toBe("Body text.");
    expect(withoutBoilerplate("Continue reading...")).toBe("");
  });
});
