// Article extraction: Readability on linkedom, charsets from header / meta / sniffing, plain text out.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeHtml, extractArticle, MAX_HTML_BYTES, MIN_ARTICLE_WORDS } from "../../../src/core/fetch/extract.js";
import { ARTICLE_PARAGRAPHS, articlePage, teaserPage } from "./pages.js";

const URL_ = "https://gazette.example/news/2024/03/05/council-budget";
const utf8 = (html: string) => new TextEncoder().encode(html);
const cp1252 = (html: string) => new Uint8Array(iconv.encode(html, "windows-1252"));

describe("extractArticle", () => {
  it("finds the article on a news page and leaves out nav, ads, share bar, related links, comments and footer", () => {
    const page = extractArticle(utf8(articlePage()), URL_, "text/html; charset=utf-8");
    expect(page).toBeDefined();
    expect(page?.text).toBe(ARTICLE_PARAGRAPHS.join("\n\n"));
    for (const chrome of ["Sport", "Subscribe today", "ADVERTISEMENT", "Sofa sale", "Share on", "Related stories", "riverfan77", "Nobody in the villages", "All rights reserved", "trackPageView"]) {
      expect(page?.text).not.toContain(chrome);
    }
    expect(page?.text).not.toMatch(/https?:|\[|\]/); // no link URLs, no image placeholders
  });

  it("takes a figure's caption in the article text out of the text, into imageCaption", () => {
    const caption = "The river bridge, under a weight limit since May. Photo: Riverside Gazette";
    const html = articlePage().replace(
      '<div class="story-body">',
      `<div class="story-body">\n<figure><img src="/images/bridge.jpg" alt="The bridge"><figcaption>${caption}</figcaption></figure>`,
    );
    const page = extractArticle(utf8(html), URL_);
    expect(page?.text).toBe(ARTICLE_PARAGRAPHS.join("\n\n"));
    expect(page?.imageCaption).toBe(caption);
  });

  it("keeps the caption of the lead photo that Readability leaves out with its figure", () => {
    expect(extractArticle(utf8(articlePage()), URL_)?.imageCaption).toBe("The council chamber on Tuesday");
  });

  it("leaves share and newsletter lines that survive Readability out of the text", () => {
    const html = articlePage().replace(
      '<aside class="ad ad-inline">',
      '<p>Share this:</p><p>Subscribe to our newsletter for the latest Riverside news</p><p>Follow us on Facebook</p><aside class="ad ad-inline">',
    );
    expect(extractArticle(utf8(html), URL_)?.text).toBe(ARTICLE_PARAGRAPHS.join("\n\n"));
  });

  it("reads the title, byline, site name and publication time", () => {
    const page = extractArticle(utf8(articlePage()), URL_);
    expect(page).toMatchObject({
      title: "Council approves budget with money for schools and bridge",
      byline: "Sam Whitfield",
      siteName: "Riverside Gazette",
      publishedAt: new Date("2024-03-05T18:30:00Z"),
    });
  });

  it("takes the publication time from Readability (JSON-LD) when there is no article:published_time", () => {
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves budget","datePublished":"2024-03-06T07:00:00Z"}</script>`;
    const html = articlePage(`<meta charset="utf-8">${jsonLd}`).replace(/<meta property="article:published_time"[^>]*>/, "");
    expect(extractArticle(utf8(html), URL_)?.publishedAt).toEqual(new Date("2024-03-06T07:00:00Z"));
  });

  it("decodes a windows-1252 page declared by <meta charset>", () => {
    const bytes = cp1252(articlePage('<meta charset="windows-1252">'));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const page = extractArticle(bytes, URL_);
    expect(page?.text).toContain("“We listened to every resident who wrote to us,” said the council’s finance lead, Maria Okafor — adding that the café owners");
    expect(page?.text).toBe(ARTICLE_PARAGRAPHS.join("\n\n"));
  });

  it("decodes a page declared by <meta http-equiv> as ISO-8859-1 the way browsers do (as windows-1252)", () => {
    const bytes = cp1252(articlePage('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'));
    expect(extractArticle(bytes, URL_)?.text).toContain("“We listened");
  });

  it("prefers the Content-Type charset to a wrong <meta>", () => {
    const bytes = cp1252(articlePage('<meta charset="koi8-r">'));
    expect(extractArticle(bytes, URL_, "text/html; charset=windows-1252")?.text).toContain("café owners");
  });

  it("sniffs the charset when none is declared", () => {
    const bytes = cp1252(articlePage("<!-- no charset -->"));
    expect(extractArticle(bytes, URL_)?.text).toContain("the café owners on Market Street");
  });

  it("returns undefined for a teaser with fewer than MIN_ARTICLE_WORDS words", () => {
    expect(MIN_ARTICLE_WORDS).toBe(50);
    expect(extractArticle(utf8(teaserPage()), URL_)).toBeUndefined();
  });

  it("returns undefined for bytes that are not text", () => {
    expect(extractArticle(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]), URL_)).toBeUndefined();
    expect(extractArticle(new Uint8Array(0), URL_)).toBeUndefined();
  });

  it("cuts a huge page before parsing instead of refusing it", () => {
    const comment = `<div class="comment"><p>${"spam spam wonderful spam ".repeat(20)}</p></div>\n`;
    const junk = comment.repeat(Math.ceil((MAX_HTML_BYTES + 512 * 1024) / comment.length));
    const after = articlePage().replace('<footer class="site-footer">', `<section class="comments">${junk}</section><footer class="site-footer">`);
    expect(after.length).toBeGreaterThan(MAX_HTML_BYTES);
    expect(extractArticle(utf8(after), URL_)?.text).toContain(ARTICLE_PARAGRAPHS[4]);

    // An article that only starts past the cut is never seen.
    const before = articlePage().replace("<main>", `<div class="comments">${junk}</div><main>`);
    const page = extractArticle(utf8(before), URL_);
    expect(page?.text ?? "").not.toContain("The town council approved its budget");
  });
});

describe("decodeHtml", () => {
  it("uses <meta charset> where sniffing alone would guess wrong (short KOI8-R text)", () => {
    const html = '<html><head><meta charset="koi8-r"></head><body><p>Совет утвердил бюджет.</p></body></html>';
    expect(decodeHtml(new Uint8Array(iconv.encode(html, "koi8-r")))).toBe(html);
  });

  it("lets a byte-order mark win over a declared charset", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="windows-1252"><p>café</p>')]);
    expect(decodeHtml(bytes, "text/html; charset=windows-1252")).toContain("café");
  });

  it("repairs a page declared UTF-8 that holds stray windows-1252 bytes", () => {
    const bytes = new Uint8Array([...utf8('<meta charset="utf-8"><p>caf'), 0xe9, ...utf8(" — naïve</p>")]);
    expect(decodeHtml(bytes)).toBe('<meta charset="utf-8"><p>café — naïve</p>');
  });
});
