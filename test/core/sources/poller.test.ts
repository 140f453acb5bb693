import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Fetcher } from "../../../src/core/fetch/fetcher.js";
import { describePoll } from "../../../src/core/sources/desk.js";
import { Poller } from "../../../src/core/sources/poller.js";
import { startSite, type Site } from "../../fakes/site.js";
import { openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const MINUTE = 60_000;

// Distinct wording per topic, so that no two test articles look like copies of each other.
const FACTS: Record<string, string[]> = {
  Port: [
    "Dock workers at the eastern port voted to end their three-week strike after the harbour authority raised its pay offer.",
    "Container ships that had waited offshore began unloading on Thursday, and hauliers expect the backlog to clear within days.",
    "The union leader said members had won a shorter night shift and new safety rules for the cranes.",
    "Importers of fruit and car parts had warned of shortages before the deal was reached late on Wednesday.",
  ],
  Rail: [
    "The transport minister announced that train fares will stay at this year's level until next autumn.",
    "Commuter groups welcomed the freeze but said punctuality on the northern lines was still the worst in a decade.",
    "Operators will be compensated from the national budget, which the finance ministry says can absorb the cost.",
    "Opposition politicians called the measure an election gift and asked how long the subsidy would last.",
  ],
};
const paragraph = (topic: string, n: number) => (FACTS[topic] ?? FACTS.Port!)[(n - 1) % 4]!;

function rss(items: Array<{ title: string; link: string; description: string }>, extra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Wire</title><link>http://example.test/</link>${extra}
${items.map((i) => `<item><title>${i.title}</title><link>${i.link}</link><description><![CDATA[${i.description}]]></description><pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate></item>`).join("\n")}
</channel></rss>`;
}

const fullItems = [
  { title: "Port strike ends after talks", link: "http://example.test/port", description: [1, 2, 3].map((n) => `<p>${paragraph("Port", n)}</p>`).join("") },
  { title: "Rail fares frozen for a year", link: "http://example.test/rail", description: [1, 2, 3].map((n) => `<p>${paragraph("Rail", n)}</p>`).join("") },
];

let site: Site;
let store: Storage;
let clock: Date;
let poller: Poller;

beforeEach(async () => {
  site = await startSite();
  store = await openTestStorage();
  clock = NOW;
  poller = new Poller(store, new Fetcher({ timeoutMs: 5_000, allowPrivateAddresses: true }), { now: () => clock, policy: { intervalMinutes: 10, maxFailures: 3 } });
});
afterEach(async () => {
  await store.close();
  await site.close();
});

async function follow(path: string) {
  return (await store.sources.add({ url: site.url(path) }, "user", NOW)).source;
}

describe("Poller", () => {
  it("stores a feed's items, then sends its ETag and stores nothing on 304", async () => {
    site.routes.set("/feed", (request) =>
      request.headers["if-none-match"] === '"v1"'
        ? { status: 304, headers: { ETag: '"v1"' } }
        : { headers: { "Content-Type": "application/rss+xml", ETag: '"v1"' }, body: rss(fullItems) },
    );
    const source = await follow("/feed");

    const first = await poller.pollOne(source);
    expect(first).toMatchObject({ outcome: "stored", added: 2, copies: 0, duplicates: 0 });
    expect(first.source).toMatchObject({ etag: '"v1"', feedTitle: "Local Wire", failures: 0, articlesAdded: 2 });
    expect(first.source.nextPollAt).toEqual(new Date(NOW.getTime() + 10 * MINUTE));
    expect(site.requests[0]?.headers["user-agent"]).toMatch(/^newsbot\//);

    clock = new Date(NOW.getTime() + 10 * MINUTE);
    const second = await poller.pollOne(first.source);
    expect(second.outcome).toBe("not-modified");
    expect(site.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(await store.articles.count()).toBe(2);
    expect(second.source.lastSuccessAt).toEqual(clock);
  });

  it("sends If-Modified-Since when the feed gave Last-Modified", async () => {
    const stamp = "Thu, 26 Nov 2026 10:00:00 GMT";
    site.routes.set("/feed", (request) =>
      request.headers["if-modified-since"] === stamp
        ? { status: 304 }
        : { headers: { "Last-Modified": stamp }, body: rss(fullItems) },
    );
    const first = await poller.pollOne(await follow("/feed"));
    const second = await poller.pollOne(first.source);
    expect(second.outcome).toBe("not-modified");
  });

  it("fetches the page of a teaser-only item and stores its full text", async () => {
    const teasers = ["port", "rail"].map((slug) => ({
      title: `${slug} news`,
      link: site.url(`/news/${slug}`),
      description: `A short teaser about the ${slug}… Read more`,
    }));
    site.routes.set("/feed", { body: rss(teasers) });
    for (const slug of ["port", "rail"]) {
      site.routes.set(`/news/${slug}`, {
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: `<!doctype html><html><head><title>${slug}</title></head><body><nav>Home | World | Sport</nav>
          <article><h1>${slug} news</h1>${[1, 2, 3, 4].map((n) => `<p>${paragraph(slug === "port" ? "Port" : "Rail", n)}</p>`).join("")}</article>
          <footer>Copyright</footer></body></html>`,
      });
    }
    const report = await poller.pollOne(await follow("/feed"));
    expect(report).toMatchObject({ outcome: "stored", added: 2, fullText: 2 });
    const stored = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(stored).toHaveLength(2);
    for (const article of stored) {
      expect(article.body).toContain((article.title.startsWith("port") ? FACTS.Port! : FACTS.Rail!)[3]);
      expect(article.body).not.toContain("Home | World");
    }

    // A second poll finds the items stored and fetches no page again.
    const pagesBefore = site.requests.filter((r) => r.url?.startsWith("/news/")).length;
    await poller.pollOne(report.source);
    expect(site.requests.filter((r) => r.url?.startsWith("/news/")).length).toBe(pagesBefore);
  });

  it("fills in a headline-only item's body from its page", async () => {
    site.routes.set("/feed", { body: rss([{ title: "Port strike ends", link: site.url("/news/port"), description: "" }]) });
    site.routes.set("/news/port", {
      headers: { "Content-Type": "text/html; charset=utf-8" },
      body: `<!doctype html><html><body><article><h1>Port strike ends</h1>${[1, 2, 3, 4].map((n) => `<p>${paragraph("Port", n)}</p>`).join("")}</article></body></html>`,
    });
    const report = await poller.pollOne(await follow("/feed"));
    expect(report).toMatchObject({ outcome: "stored", added: 1, fullText: 1 });
    const [article] = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(article?.body).toContain(paragraph("Port", 4));
    expect(article?.summary).not.toEqual([]);
  });

  it("keeps a teaser page's photo caption out of the full text and its summary, as the imageCaption", async () => {
    const caption = "Cranes stand idle at the eastern dock. Photo: Harbour Authority";
    site.routes.set("/feed", { body: rss([{ title: "Port strike ends", link: site.url("/news/port"), description: "A short teaser… Read more" }]) });
    site.routes.set("/news/port", {
      headers: { "Content-Type": "text/html; charset=utf-8" },
      body: `<!doctype html><html><body><article><h1>Port strike ends</h1><figure><img src="/dock.jpg" alt="Dock"><figcaption>${caption}</figcaption></figure>${[1, 2, 3, 4].map((n) => `<p>${paragraph("Port", n)}</p>`).join("")}</article></body></html>`,
    });
    const report = await poller.pollOne(await follow("/feed"));
    expect(report).toMatchObject({ outcome: "stored", added: 1, fullText: 1 });
    const [article] = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(article?.imageCaption).toBe(caption);
    expect(article?.body).not.toContain("Cranes stand idle");
    expect(article?.summary.join(" ")).not.toContain("Cranes stand idle");
  });

  it("backs off after failures and pauses a source that keeps failing, with the reason", async () => {
    site.routes.set("/feed", { status: 500, body: "oops" });
    let source = await follow("/feed");
    const waits: number[] = [];
    for (let i = 0; i < 2; i++) {
      const report = await poller.pollOne(source);
      expect(report.outcome).toBe("failed");
      source = report.source;
      waits.push((source.nextPollAt!.getTime() - clock.getTime()) / MINUTE);
    }
    expect(waits).toEqual([10, 20]);
    const third = await poller.pollOne(source);
    expect(third.outcome).toBe("paused");
    expect(third.source.pausedReason).toMatch(/500.*paused: 3 polls in a row failed; `sources resume \d+` tries again/);
    expect(third.source.nextPollAt).toBeUndefined();

    // Paused sources are not polled until resumed.
    const requests = site.requests.length;
    expect(await poller.pollDue()).toEqual([]);
    expect(await poller.pollAll()).toEqual([]);
    expect(site.requests.length).toBe(requests);
  });

  it("pauses a feed that is gone (410) at once", async () => {
    site.routes.set("/feed", { status: 410, body: "gone" });
    const report = await poller.pollOne(await follow("/feed"));
    expect(report.outcome).toBe("paused");
    expect(report.source.pausedReason).toMatch(/the feed is gone/);
  });

  it("honours Retry-After on 429 when it asks for longer than the backoff", async () => {
    site.routes.set("/feed", { status: 429, headers: { "Retry-After": "3600" } });
    const report = await poller.pollOne(await follow("/feed"));
    expect(report.outcome).toBe("failed");
    expect(report.source.nextPollAt).toEqual(new Date(NOW.getTime() + 60 * MINUTE));
  });

  it("polls no more often than the feed's <ttl> or Cache-Control max-age ask", async () => {
    site.routes.set("/ttl", { body: rss(fullItems.slice(0, 1), "<ttl>60</ttl>") });
    site.routes.set("/max-age", { headers: { "Cache-Control": "public, max-age=1800" }, body: rss(fullItems.slice(1)) });
    const [ttl, maxAge] = await poller.pollAll([await follow("/ttl"), await follow("/max-age")]);
    expect(ttl?.source.nextPollAt).toEqual(new Date(NOW.getTime() + 60 * MINUTE));
    expect(maxAge?.source.nextPollAt).toEqual(new Date(NOW.getTime() + 30 * MINUTE));
  });

  it("rejects a broken feed with its reason and still polls the others", async () => {
    site.routes.set("/broken", { body: "<rss><channel><title>Half a feed" });
    site.routes.set("/good", { body: rss(fullItems) });
    const [broken, good] = await poller.pollAll([await follow("/broken"), await follow("/good")]);
    expect(broken?.outcome).toBe("failed");
    expect(broken?.source.lastError).toBeTruthy();
    expect(good).toMatchObject({ outcome: "stored", added: 2 });
  });

  it("follows a feed that moved for good (301) at its new address", async () => {
    site.routes.set("/old", { status: 301, headers: { Location: "/new" } });
    site.routes.set("/new", { body: rss(fullItems) });
    const report = await poller.pollOne(await follow("/old"));
    expect(report).toMatchObject({ outcome: "stored", added: 2 });
    expect(report.source.url).toBe(site.url("/new"));
  });

  it("polls only the sources that are due", async () => {
    site.routes.set("/feed", { body: rss(fullItems) });
    const first = await poller.pollDue();
    expect(first).toHaveLength(0);
    await follow("/feed");
    expect(await poller.pollDue()).toHaveLength(1);
    clock = new Date(NOW.getTime() + 5 * MINUTE);
    expect(await poller.pollDue()).toHaveLength(0);
    clock = new Date(NOW.getTime() + 10 * MINUTE);
    expect(await poller.pollDue()).toHaveLength(1);
  });
});

describe("Poller under a big or unchanged feed", () => {
  /** Five reports on unrelated news, listed out of date order. */
  const dated = [
    { title: "Port strike ends after talks", day: 24, text: paragraph("Port", 1) },
    { title: "Rail fares frozen for a year", day: 26, text: paragraph("Rail", 1) },
    { title: "Cranes get new safety rules", day: 22, text: paragraph("Port", 3) },
    { title: "Northern lines least punctual", day: 25, text: paragraph("Rail", 2) },
    { title: "Importers warned of shortages", day: 23, text: paragraph("Port", 4) },
  ];
  const datedFeed = `<rss version="2.0"><channel><title>Local Wire</title>${dated
    .map((i) => `<item><title>${i.title}</title><description>${i.text}</description><pubDate>${i.day} Nov 2026 10:00:00 GMT</pubDate></item>`)
    .join("")}</channel></rss>`;

  it("reads only the newest maxItemsPerPoll items and says how many it left out", async () => {
    const capped = new Poller(store, new Fetcher({ timeoutMs: 5_000, allowPrivateAddresses: true }), { now: () => clock, policy: { maxItemsPerPoll: 2 } });
    site.routes.set("/feed", { body: datedFeed });
    const report = await capped.pollOne(await follow("/feed"));
    expect(report).toMatchObject({ outcome: "stored", added: 2, leftOut: 3 });
    const stored = await store.articles.between(new Date(0), NOW);
    expect(stored.map((a) => a.title).sort()).toEqual(["Northern lines least punctual", "Rail fares frozen for a year"]);
    expect(describePoll(report)).toBe("Local Wire: 2 new articles (3 older items left out, over NEWSBOT_MAX_ITEMS_PER_POLL).");
  });

  it("does not parse a feed again that comes back unchanged without ETag or Last-Modified", async () => {
    site.routes.set("/feed", { body: datedFeed });
    const first = await poller.pollOne(await follow("/feed"));
    expect(first).toMatchObject({ outcome: "stored", added: 5 });

    clock = new Date(NOW.getTime() + 10 * MINUTE);
    const second = await poller.pollOne(first.source);
    // Parsed again, the feed would count five duplicates.
    expect(second).toMatchObject({ outcome: "not-modified", added: 0, duplicates: 0 });
    expect(second.source).toMatchObject({ lastSuccessAt: clock, nextPollAt: new Date(clock.getTime() + 10 * MINUTE) });

    // A changed body is read as usual.
    site.routes.set("/feed", { body: rss(fullItems) });
    const changed = await poller.pollOne((await store.sources.get(first.source.id))!);
    expect(changed).toMatchObject({ outcome: "stored", added: 2 });
  });
});

describe("Poller in the background", () => {
  it("survives a round that fails as a whole, says so, and polls again on the next tick", async () => {
    const failures: unknown[] = [];
    let rounds = 0;
    const broken = await openTestStorage();
    // The store cannot claim the due sources twice, then recovers.
    const claimDue = broken.sources.claimDue.bind(broken.sources);
    broken.sources.claimDue = async (now, until) => {
      rounds++;
      if (rounds <= 2) throw new Error("database is locked");
      return claimDue(now, until);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const background = new Poller(broken, new Fetcher({ allowPrivateAddresses: true }), { onRoundFailure: (error) => failures.push(error) });
    try {
      background.start(5);
      await new Promise<void>((resolve) => {
        const wait = setInterval(() => {
          if (rounds >= 3) {
            clearInterval(wait);
            resolve();
          }
        }, 5);
      });
      await background.stop();
      await new Promise((resolve) => setImmediate(resolve));
      expect(failures.map((e) => (e as Error).message)).toEqual(["database is locked", "database is locked"]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await broken.close();
    }
  });
});
