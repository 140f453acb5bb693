// Hostile and broken feeds: each is refused with one sentence a user can act on; nothing throws,
// nothing expands, nothing hangs.
import { describe, expect, it } from "vitest";
import { looksLikeFeed, MAX_FEED_BYTES, parseFeed } from "../../../src/core/feeds/parse.js";
import { MAX_HTML_NESTING, nestingDepth } from "../../../src/core/html-text.js";

function refused(input: string | Uint8Array, options = {}): string {
  const feed = parseFeed(typeof input === "string" ? Buffer.from(input) : input, options);
  if (feed.ok) throw new Error(`expected a refusal, got ${feed.items.length} items`);
  // One sentence: starts with a capital, ends with a full stop, no line breaks.
  expect(feed.reason).toMatch(/^[A-Z][^\n]*\.$/);
  return feed.reason;
}

const LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">\n`).join("") +
  ']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>';

describe("parseFeed refuses hostile and broken input", () => {
  it("refuses entity declarations (billion laughs) without expanding anything", () => {
    expect(refused(LAUGHS)).toMatch(/^Feed declares XML entities in a DOCTYPE .*billion laughs/);
    // Even a single harmless-looking entity, and an external one.
    expect(refused('<!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel><title>&a;</title></channel></rss>')).toMatch(/^Feed declares XML entities/);
    // A "]" in a comment does not end the DOCTYPE early enough to hide a declaration.
    expect(refused('<!DOCTYPE rss [<!-- ] --><!ENTITY a "b">]><rss version="2.0"><channel><title>&a;</title></channel></rss>')).toMatch(/^Feed declares XML entities/);
    expect(refused('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>')).toMatch(
      /^Feed declares XML entities/,
    );
  });

  it("refuses a 50 MB body before decoding or parsing it", () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, " ");
    huge.write('<rss version="2.0"><channel><title>Big</title>', 0);
    expect(refused(huge)).toBe("Feed is larger than 10 MB (52,428,800 bytes); follow a smaller feed (one section or category) instead.");
    expect(MAX_FEED_BYTES).toBe(10 * 1024 * 1024);
  });

  it("refuses malformed XML", () => {
    expect(refused('<rss version="2.0"><channel><title>T</title><item><title>A</description></item></channel></rss>')).toMatch(/^Feed is malformed XML \(.+\)/);
    expect(refused("<?xml version='1.0'")).toMatch(/^Feed is malformed XML: a declaration, comment or DOCTYPE at its start is never closed\.$/);
  });

  it("refuses a truncated feed, XML or JSON", () => {
    const full = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title></item><item><title>B</title></item></channel></rss>';
    for (const cut of [full.length - 7, full.indexOf("<item><title>B") , full.indexOf("B</title>")]) {
      expect(refused(full.slice(0, cut))).toMatch(/^Feed is truncated: it ends before its closing <\/rss> tag/);
    }
    expect(refused('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1"')).toMatch(/^Feed is not valid JSON \(/);
  });

  it("refuses binary bytes and gzip data", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01, 0x00]);
    expect(refused(png)).toBe("Feed looks like a binary file, not text (it contains NUL bytes).");
    expect(refused(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]))).toMatch(/^Feed is gzip-compressed data/);
  });

  it("refuses an HTML page, pointing at the feed link instead", () => {
    const page = '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body><rss>no</rss></body></html>';
    expect(refused(page)).toMatch(/^This is an HTML web page, not a feed; use the site's RSS or Atom feed address/);
    expect(refused('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toMatch(/^This is an HTML web page/);
  });

  it("refuses empty and blank bodies, plain text, JSON that is not a feed, and other XML", () => {
    expect(refused(new Uint8Array())).toBe("Feed is empty (0 bytes).");
    expect(refused(" \n\t ")).toBe("Feed contains only white space.");
    expect(refused("Access denied for this address.")).toBe(
      'Feed is neither XML nor JSON (it starts "Access denied for this address."); check that the address is the RSS or Atom feed itself.',
    );
    expect(refused('{"articles":[]}')).toMatch(/^Feed is JSON but not a JSON Feed/);
    expect(refused('<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>')).toMatch(/root element <opml>, not an RSS, Atom or RDF feed \(an OPML list/);
    expect(refused("<rss></rss>")).toMatch(/^Feed has an RSS root element but none of the RSS elements a feed needs/);
  });

  it("refuses absurdly nested XML, and flattens absurdly nested HTML instead of parsing it", () => {
    expect(refused(`<rss version="2.0"><channel><title>T</title><item>${"<x>".repeat(50_000)}${"</x>".repeat(50_000)}</item></channel></rss>`)).toMatch(
      /^Feed is malformed XML/,
    );
    const nested = `${"<div>".repeat(20_000)}<p>Deep text &amp; more.</p>`;
    expect(nestingDepth(nested, MAX_HTML_NESTING + 1)).toBe(MAX_HTML_NESTING + 1);
    const feed = parseFeed(Buffer.from(`<rss version="2.0"><channel><title>T</title><item><title>Deep</title><description><![CDATA[${nested}]]></description></item></channel></rss>`));
    expect(feed.ok && feed.items[0]?.article.body).toBe("Deep text & more.");
  });
});

describe("looksLikeFeed", () => {
  it("knows RSS, Atom, RDF and JSON Feed from their start", () => {
    expect(looksLikeFeed('\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<?xml-stylesheet href="a.xsl"?>\n<rss version="2.0">')).toBe(true);
    expect(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(looksLikeFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')).toBe(true);
    expect(looksLikeFeed('{ "version": "https://jsonfeed.org/version/1", "items": [] }')).toBe(true);
  });

  it("says no to pages, other XML, JSON articles and text", () => {
    expect(looksLikeFeed("<!DOCTYPE html><html><body>rss feed</body></html>")).toBe(false);
    expect(looksLikeFeed('<?xml version="1.0"?><opml/>')).toBe(false);
    expect(looksLikeFeed('[{"title":"T","body":"B"}]')).toBe(false);
    expect(looksLikeFeed("Headline\n\n<rss> in a body")).toBe(false);
  });
});
