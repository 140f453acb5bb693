// Issue 18.1 end to end: by default the running bot fetches nothing on loopback or private networks
// for a chat user, neither a feed added with /sources add nor the page a feed item links to.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Response } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_OPERATOR } from "../../../commands/command.js";
import { runCommandLine } from "../../../commands/index.js";
import { openNewsroom } from "../../../src/app.js";
import { Fetcher, type ResolvedAddress } from "../../../src/core/fetch/fetcher.js";
import { Poller } from "../../../src/core/sources/poller.js";
import { startSite, type Site } from "../../fakes/site.js";
import { openTestStorage } from "../../fakes/storage.js";

const ALLOW = "An operator can allow this with NEWSBOT_ALLOW_PRIVATE_ADDRESSES=true.";

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
  <item><title>Ferry service resumes after storm</title><link>https://harbour.example/ferry</link>
  <description><![CDATA[<p>The island ferry sailed again on Monday after three days of storms kept it in port.</p>
  <p>Operators said extra crossings would clear the queue of lorries by Wednesday.</p>]]></description></item>
</channel></rss>`;

let site: Site;
let dir: string;
beforeEach(async () => {
  site = await startSite({
    "/feed.xml": { headers: { "Content-Type": "application/rss+xml" }, body: FEED },
    "/internal.html": { headers: { "Content-Type": "text/html" }, body: "<html><body><article><p>Internal payroll figures.</p></article></body></html>" },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-private-"));
});
afterEach(async () => {
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("/sources add in the running bot", () => {
  async function addFeed(extraEnv: Record<string, string>) {
    fs.writeFileSync(path.join(dir, "sources.json"), JSON.stringify({ sources: [] }));
    fs.mkdirSync(path.join(dir, "digests"), { recursive: true });
    const env = { NEWSBOT_DB: path.join(dir, "news.db"), NEWSBOT_SOURCES: path.join(dir, "sources.json"), NEWSBOT_DIGESTS: path.join(dir, "digests"), ...extraEnv };
    const app = await openNewsroom(env);
    try {
      const reply = await runCommandLine(`/sources add ${site.url("/feed.xml")}`, app.newsroom, LOCAL_OPERATOR);
      return { reply: JSON.stringify(reply), sources: await app.store.sources.list() };
    } finally {
      await app.store.close();
    }
  }

  it("refuses a loopback feed with the default configuration, naming the setting, and sends it nothing", async () => {
    const { reply, sources } = await addFeed({});
    expect(reply).toContain(`newsbot does not fetch ${site.url("/feed.xml")}: 127.0.0.1 is a loopback address. ${ALLOW}`);
    expect(site.requests).toHaveLength(0);
    expect(sources).toEqual([]);
  });

  it("follows it when NEWSBOT_ALLOW_PRIVATE_ADDRESSES=true", async () => {
    const { reply, sources } = await addFeed({ NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "true" });
    expect(reply).toContain("Following Harbour Times");
    expect(site.requests.map((r) => r.url)).toEqual(["/feed.xml"]);
    expect(sources).toHaveLength(1);
  });
});

describe("full text of a teaser", () => {
  it("does not fetch an item's page on an internal address when the guard is on", async () => {
    const teasers = [
      [site.url("/internal.html"), "Harbour strike ends", "Dock workers voted to return on Monday… Read more"],
      ["http://intranet.example/payroll.html", "Rail fares frozen", "The minister announced a fare freeze… Read more"],
      ["http://[::ffff:7f00:1]/admin", "Library hours extended", "The council will open the library longer… Read more"],
    ];
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      ${teasers.map(([link, title, teaser]) => `<item><title>${title}</title><link>${link}</link><description>${teaser}</description></item>`).join("\n")}
    </channel></rss>`;
    const answers: Record<string, ResolvedAddress[]> = {
      "wire.example": [{ address: "93.184.216.34", family: 4 }],
      "intranet.example": [{ address: "10.0.0.8", family: 4 }],
    };
    const fetched: string[] = [];
    // wire.example is a public feed (served here, without a connection); everything else would
    // have to connect, and must not.
    const fetcher = new Fetcher(
      { timeoutMs: 10_000 },
      {
        lookup: (hostname) => Promise.resolve(answers[hostname] ?? []),
        fetch: (url) => {
          fetched.push(url);
          if (url === "http://wire.example/feed.xml") return Promise.resolve(new Response(feed, { headers: { "content-type": "application/rss+xml" } }));
          return Promise.reject(new Error("must not connect"));
        },
      },
    );
    const store = await openTestStorage();
    try {
      const poller = new Poller(store, fetcher, { now: () => new Date("2026-11-27T08:00:00Z") });
      const { source } = await store.sources.add({ url: "http://wire.example/feed.xml" }, "user", new Date("2026-11-27T08:00:00Z"));
      const report = await poller.pollOne(source);
      expect(report).toMatchObject({ outcome: "stored", added: 3, fullText: 0 });
      expect(fetched).toEqual(["http://wire.example/feed.xml"]);
      expect(site.requests).toHaveLength(0);
      const stored = await store.articles.between(new Date(0), new Date("2100-01-01"));
      expect(stored.map((a) => a.body).join(" ")).not.toContain("payroll figures");
    } finally {
      await store.close();
    }
  });
});
