// Every real feed in the shared data folder (NEWSBOT_DATA, default ../shared/data beside the
// repository) imports with all of its items, counted here from the raw text without feedsmith.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed, type FeedItem, type ParsedFeed } from "../../../src/core/feeds/parse.js";
import { readArticleFile } from "../../../src/core/article-files/index.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DATA = resolve(REPO_ROOT, process.env.NEWSBOT_DATA ?? "../shared/data");
const FEEDS = join(DATA, "feeds");
// eslint-disable-next-line no-control-regex -- looking for leftover control characters is the point
const UNCLEAN = /[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** An <item> or <entry> start tag, with or without a prefix; not <items> (RSS 1.0's table of contents). */
const ITEM_START = /<(?:[\w-]+:)?(?:item|entry)[\s>/]/g;

function feedFiles(): string[] {
  return readdirSync(FEEDS)
    .filter((name) => !name.startsWith("LICENSE") && !name.startsWith("."))
    .sort();
}

function parsed(name: string): Extract<ParsedFeed, { ok: true }> {
  const feed = parseFeed(readFileSync(join(FEEDS, name)), { path: name });
  if (!feed.ok) throw new Error(`${name}: ${feed.reason}`);
  return feed;
}

function item(feed: Extract<ParsedFeed, { ok: true }>, title: string): FeedItem {
  const found = feed.items.find((i) => i.article.title === title);
  if (!found) throw new Error(`no item titled ${JSON.stringify(title)} among ${feed.items.map((i) => i.article.title).join(" | ")}`);
  return found;
}

describe(`shared feeds at ${FEEDS}`, () => {
  if (!existsSync(FEEDS)) {
    it("are present", () => {
      throw new Error(`Feed test data not found at ${FEEDS}; set NEWSBOT_DATA to the folder that holds feeds/ (the shared data folder beside the repository).`);
    });
    return;
  }

  it("holds the ten feeds these tests know", () => {
    expect(feedFiles()).toHaveLength(10);
  });

  for (const name of existsSync(FEEDS) ? feedFiles() : []) {
    it(`${name}: every item imports, clean`, async () => {
      const raw = readFileSync(join(FEEDS, name), "latin1");
      const expected = raw.match(ITEM_START)?.length ?? 0;
      expect(expected).toBeGreaterThan(0);

      const feed = parsed(name);
      expect(feed.rejected).toEqual([]);
      expect(feed.items).toHaveLength(expected);
      expect(feed.title).toBeTruthy();
      for (const { article, teaser } of feed.items) {
        expect(article.title.trim()).not.toBe("");
        // A headline-only item has no body, and is a teaser: its page may give the text.
        if (article.body === "") expect(teaser).toBe(true);
        expect(article.title + article.body).not.toMatch(UNCLEAN);
        // Markup and link URLs are gone from the text.
        expect(article.body).not.toMatch(/<\/?(?:p|a|div|img|br)\b|\[https?:/i);
        if (article.url !== undefined) expect(article.url).toMatch(/^https?:\/\//);
        expect(article.source).toBe(feed.title);
      }

      // The ingest route gives the same articles.
      const file = await readArticleFile(join(FEEDS, name));
      expect(file.format).toBe("feed");
      expect(file.rejected).toEqual([]);
      expect(file.articles).toEqual(feed.items.map((i) => i.article));
    });
  }

  it("guardian.rss: RSS 2.0 with HTML descriptions that end in 'Continue reading...'", () => {
    const feed = parsed("guardian.rss");
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("The Guardian");
    expect(feed.siteUrl).toBe("https://www.theguardian.com/us");
    const first = item(feed, "Trump State of the Union address promised unity but emphasized discord");
    expect(first.article.url).toBe("https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord");
    expect(first.article.publishedAt).toEqual(new Date("2018-01-31T07:26:05Z"));
    expect(first.article.body).toMatch(/^The president’s ‘new American moment’ speech stirred Republican applause/);
    expect(first.article.body).toContain("\n\nDonald Trump has promised a “new American moment”");
    expect(first.article.body).not.toMatch(/Continue reading/);
    expect(first.teaser).toBe(true);
  });

  it("no feed software boilerplate, figure caption or code listing is left in any body", () => {
    const BOILERPLATE = /^submitted by |\[[\d,]+ comments\]|appeared first on|on Medium, where people are continuing the conversation|^Related: |^Continue reading/im;
    for (const name of feedFiles()) for (const { article } of parsed(name).items) expect(article.body).not.toMatch(BOILERPLATE);

    const reddit = parsed("reddit.rss");
    // A link post's only text is Reddit's footer: a headline-only teaser, its page fetched for text.
    expect(item(reddit, "The water is too deep, so he improvises")).toMatchObject({ article: { body: "" }, teaser: true });
    const ama = item(reddit, "We are Aziz Ansari and Alan Yang from Master of None - Ask Us Anything").article;
    expect(ama.body).toMatch(/^It's Aziz Ansari\./);

    const firsts = item(parsed("tpm.atom"), "A Night Of Firsts: Range Of Diverse Dems Elected To Public Office").article;
    expect(firsts.imageCaption).toMatch(/^Deebaa Sirdar \(left\) and Sara Lopez \(right\) took a selfie with Andrea Jenkins\./);
    expect(firsts.body).not.toContain("took a selfie");

    const incognito = item(parsed("intertwingly.atom"), "Default to Incognito").article;
    expect(incognito.body).toBe("Patch for /usr/share/applications/google-chrome.desktop:");
  });

  it("encoding.rss: declared ISO-8859-1, Portuguese accents decoded", () => {
    const feed = parsed("encoding.rss");
    expect(feed.title).toBe("Jornal de Notícias - Últimas Notícias");
    const first = item(feed, "Mãe de utente é a nova presidente da Raríssimas");
    expect(first.article.body).toMatch(/^Sónia Laygue, profissional na área da Recursos Humanos/);
    expect(first.article.publishedAt).toEqual(new Date("2018-01-03T13:47:00Z"));
  });

  it("rss-1.rss: RSS 1.0 (RDF) with dc:date", () => {
    const feed = parsed("rss-1.rss");
    expect(feed.format).toBe("rdf");
    const fungi = item(feed, "Food for fungi");
    expect(fungi.article.url).toBe("http://science.sciencemag.org/cgi/content/short/356/6343/1134-a?rss=1");
    expect(fungi.article.publishedAt).toEqual(new Date("2017-06-15T17:29:47Z"));
  });

  it("intertwingly.atom: relative links resolved against the feed's own address", () => {
    const feed = parsed("intertwingly.atom");
    expect(feed.format).toBe("atom");
    expect(feed.siteUrl).toBe("http://intertwingly.net/blog/");
    expect(item(feed, "Inhibiting Suspend").article.url).toBe("http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend");
    // Fetched from elsewhere, the fetch address is the base instead.
    const moved = parseFeed(readFileSync(join(FEEDS, "intertwingly.atom")), { url: "https://mirror.example/sam/index.atom" });
    expect(moved.ok && moved.items[0]?.article.url).toBe("https://mirror.example/blog/2012/07/16/Inhibiting-Suspend");
  });

  it("content-encoded.rss: content:encoded is the body, not the description", () => {
    const feed = parsed("content-encoded.rss");
    const forager = item(feed, "THE CREATIVE FORAGER");
    expect(forager.teaser).toBe(false);
    expect(forager.article.body).toMatch(/^Using Wild Ingredients in the Kitchen\n\n/);
    expect(forager.article.body.length).toBeGreaterThan(2000);
  });

  it("heise.atom and tpm.atom: Atom dates with offsets; heise's content only repeats its summary", () => {
    const heise = parsed("heise.atom");
    const scrum = item(heise, "Scrum Day 2016: Bewerbungen für Vorträge und Workshops");
    expect(scrum.article.publishedAt).toEqual(new Date("2016-02-01T13:29:00Z"));
    expect(scrum.teaser).toBe(true);
    const tpm = parsed("tpm.atom");
    const gorka = item(tpm, "Hannity Announces Fox Has Hired Sebastian Gorka As NatSec Strategist");
    expect(gorka.article.publishedAt).toEqual(new Date("2017-11-08T23:15:58Z"));
    expect(gorka.teaser).toBe(false);
  });

  it("wapowellness.xml: <ttl> and a 'Read full article >>' teaser", () => {
    const feed = parsed("wapowellness.xml");
    expect(feed.ttlMinutes).toBe(15);
    const schools = item(feed, "Schools minister to kids’ fitness and nutrition needs");
    expect(schools.teaser).toBe(true);
    expect(schools.article.body).not.toMatch(/Read full article/);
  });

  it("reddit.rss and feedburner.atom: titles as published", () => {
    expect(parsed("reddit.rss").items[0]?.article.title).toBe("The water is too deep, so he improvises");
    expect(parsed("feedburner.atom").items[0]?.article.title).toBe("AdWords and DFP Java client library will soon require Java 7+");
  });
});
