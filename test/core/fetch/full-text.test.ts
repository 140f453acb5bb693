// Full text end to end: a local news site serves a teaser's page, fetchFullText fetches and extracts it.
import iconv from "iconv-lite";
import { Response } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { Fetcher } from "../../../src/core/fetch/fetcher.js";
import { fetchFullText, PAGE_ACCEPT } from "../../../src/core/fetch/full-text.js";
import { startServer, type LocalServer } from "../../fakes/local-server.js";
import { ARTICLE_PARAGRAPHS, articlePage, teaserPage } from "./pages.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function newsSite(): Promise<LocalServer> {
  server = await startServer((req, res) => {
    switch (req.url) {
      case "/s/123": // a short link, as feeds often carry
        return res.writeHead(301, { location: "/news/council-budget" }).end();
      case "/news/council-budget":
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage());
      case "/news/legacy":
        return res.writeHead(200, { "content-type": "text/html" }).end(iconv.encode(articlePage('<meta charset="windows-1252">'), "windows-1252"));
      case "/news/untyped":
        return res.writeHead(200).end(articlePage());
      case "/news/teaser":
        return res.writeHead(200, { "content-type": "text/html" }).end(teaserPage());
      case "/report.pdf":
        return res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7 ...");
      default:
        return res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    }
  });
  return server;
}

const fetcher = () => new Fetcher({ timeoutMs: 10_000, allowPrivateAddresses: true });

describe("fetchFullText", () => {
  it("fetches a teaser's page through a redirect and extracts the article", async () => {
    const site = await newsSite();
    const result = await fetchFullText(fetcher(), `${site.url}/s/123`);
    expect(result).toMatchObject({
      ok: true,
      page: { title: "Council approves budget with money for schools and bridge", siteName: "Riverside Gazette", byline: "Sam Whitfield" },
    });
    expect(result.ok && result.page.text).toBe(ARTICLE_PARAGRAPHS.join("\n\n"));
    expect(site.requests.at(-1)?.headers.accept).toBe(PAGE_ACCEPT);
    expect(site.requests.at(-1)?.headers["user-agent"]).toMatch(/^newsbot\//);
  });

  it("decodes a legacy-charset page declared only in <meta>", async () => {
    const site = await newsSite();
    const result = await fetchFullText(fetcher(), `${site.url}/news/legacy`);
    expect(result.ok && result.page.text).toContain("the café owners on Market Street");
  });

  it("accepts a page sent without a Content-Type when it starts like HTML", async () => {
    const site = await newsSite();
    expect((await fetchFullText(fetcher(), `${site.url}/news/untyped`)).ok).toBe(true);
  });

  it("refuses a non-HTML document with a reason", async () => {
    const site = await newsSite();
    expect(await fetchFullText(fetcher(), `${site.url}/report.pdf`)).toEqual({
      ok: false,
      reason: `${site.url}/report.pdf is not an HTML page (it is application/pdf), so it has no article to extract.`,
    });
  });

  it("says when a page holds no article", async () => {
    const site = await newsSite();
    expect(await fetchFullText(fetcher(), `${site.url}/news/teaser`)).toEqual({ ok: false, reason: `Found no article text on ${site.url}/news/teaser.` });
  });

  it("passes on the fetcher's reason for a failed fetch", async () => {
    const site = await newsSite();
    expect(await fetchFullText(fetcher(), `${site.url}/gone`)).toEqual({ ok: false, reason: `${site.url}/gone answered HTTP 404 Not Found.` });
  });

  it("shares the fetcher's per-host queue with feed polling", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (req.url === "/feed") res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss/>");
        else res.writeHead(200, { "content-type": "text/html" }).end(articlePage());
      }, 20);
    });
    const shared = fetcher();
    const results = await Promise.all([
      shared.get(`${server.url}/feed`),
      fetchFullText(shared, `${server.url}/a`),
      fetchFullText(shared, `${server.url}/b`),
    ]);
    expect(results[0].status).toBe("fetched");
    expect(results[1].ok && results[2].ok).toBe(true);
    expect(maxInFlight).toBe(1);
  });

  describe("with private addresses refused (the default)", () => {
    const ALLOW = "An operator can allow this with NEWSBOT_ALLOW_PRIVATE_ADDRESSES=true.";

    /** A guarded fetcher: news.example is public; any fetch but news.example's is recorded and fails. */
    function guarded(redirectTo?: string) {
      const fetched: string[] = [];
      const fetcher = new Fetcher(
        { timeoutMs: 10_000 },
        {
          lookup: (hostname) => Promise.resolve(hostname === "news.example" ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]),
          fetch: (url) => {
            fetched.push(url);
            if (redirectTo && url.startsWith("http://news.example/")) return Promise.resolve(new Response(null, { status: 301, headers: { location: redirectTo } }));
            return Promise.reject(new Error("must not connect"));
          },
        },
      );
      return { fetcher, fetched };
    }

    it.each([
      ["127.0.0.1", "127.0.0.1 is a loopback address"],
      ["localhost", "localhost resolves to 127.0.0.1, a loopback address"],
      ["0x7f000001", "127.0.0.1 is a loopback address"],
      ["2130706433", "127.0.0.1 is a loopback address"],
      ["0177.0.0.1", "127.0.0.1 is a loopback address"],
      ["127.1", "127.0.0.1 is a loopback address"],
      ["[::1]", "[::1] is a loopback address"],
      ["[::ffff:127.0.0.1]", "[::ffff:7f00:1] is a loopback address"],
      ["[::ffff:7f00:1]", "[::ffff:7f00:1] is a loopback address"],
      ["[64:ff9b::7f00:1]", "[64:ff9b::7f00:1] is a loopback address"],
      ["169.254.169.254", "169.254.169.254 is a link-local address"],
    ])("does not fetch an article page on %s", async (host, what) => {
      const { fetcher, fetched } = guarded();
      const url = new URL(`http://${host}:8080/news/council-budget`).href;
      expect(await fetchFullText(fetcher, `http://${host}:8080/news/council-budget`)).toEqual({
        ok: false,
        reason: `newsbot does not fetch ${url}: ${what}. ${ALLOW}`,
      });
      expect(fetched).toEqual([]);
    });

    it("does not follow an article's redirect into a private address", async () => {
      const site = await newsSite();
      const { fetcher, fetched } = guarded(`${site.url}/news/council-budget`);
      expect(await fetchFullText(fetcher, "http://news.example/s/123")).toEqual({
        ok: false,
        reason: `newsbot does not fetch ${site.url}/news/council-budget: 127.0.0.1 is a loopback address. ${ALLOW}`,
      });
      expect(fetched).toEqual(["http://news.example/s/123"]);
      expect(site.requests).toHaveLength(0);
    });

    it("does not fetch a page on the loopback news site with the default resolver and fetch", async () => {
      const site = await newsSite();
      const result = await fetchFullText(new Fetcher({ timeoutMs: 10_000 }), `${site.url}/news/council-budget`);
      expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("NEWSBOT_ALLOW_PRIVATE_ADDRESSES=true") });
      expect(site.requests).toHaveLength(0);
    });
  });
});
