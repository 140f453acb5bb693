// Enrichment on worker threads (enrich-pool.ts): the same articles, and the same stories, as on the
// main thread alone, whoever enriches what; a thread that cannot start leaves the main thread to do it.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import { dedupeKeys, enrichForIngest, type EnrichedArticle } from "../../src/core/enrich.js";
import { EnrichPool, type EnrichJob } from "../../src/core/enrich-pool.js";
import { ingestArticles } from "../../src/core/ingest.js";
import type { Storage } from "../../src/core/storage/index.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";

const NOW = new Date("2026-03-02T09:00:00Z");
const TOWNS = ["Leeds", "Cardiff", "Glasgow", "Belfast", "Bristol", "Norwich", "Exeter", "Durham", "York", "Bath", "Derby", "Truro"];
const EVENTS = [
  ["harbour", "floods after the storm", "Environment Agency"],
  ["airport", "closes its runway for repairs", "Civil Aviation Authority"],
  ["hospital", "opens a new cancer ward", "National Health Service"],
  ["stadium", "is sold to a US investor", "Premier League"],
  ["museum", "returns stolen paintings", "Arts Council"],
];

/** Reports of 60 events (a town and what happened there), four each from different outlets and
 * days, some re-published word for word (copies and duplicates), in an order that mixes them. */
function reports(): ArticleInput[] {
  const articles: ArticleInput[] = [];
  for (let day = 0; day < 4; day++) {
    for (const [t, town] of TOWNS.entries()) {
      for (const [e, [place, event, body]] of EVENTS.entries()) {
        const n = articles.length;
        articles.push({
          title: `${town} ${place} ${event}${day > 0 ? `: day ${day + 1}` : ""}`,
          body:
            `The ${place} in ${town} ${event}, the ${body} said on day ${day + 1}. ` +
            `Officials in ${town} said the ${place} would be watched closely by the ${body}. ` +
            `Residents of ${town} told reporters that the ${place} mattered to the whole of ${town}. ` +
            (day % 2 === 0 ? `Report ${n} adds that ${TOWNS[(t + e) % TOWNS.length]} sent help.` : `Report ${n} says more news is expected.`),
          url: `https://outlet${day % 3}.example/${town.toLowerCase()}/${place}/${day}`,
          source: `Outlet ${day % 3}`,
          publishedAt: new Date(NOW.getTime() - (4 - day) * 86_400_000 + (t * 5 + e) * 60_000),
        });
        // A wire copy now and then: the same text from another outlet, and a repeated link.
        if (n % 7 === 0) articles.push({ ...articles[n]!, url: `https://wire.example/${n}`, source: "Wire" });
        if (n % 11 === 0) articles.push({ ...articles[n]! });
      }
    }
  }
  return articles;
}

const pools: EnrichPool[] = [];
function pool(threads = 1, entry?: URL): EnrichPool {
  const made = new EnrichPool(threads, entry);
  pools.push(made);
  return made;
}
afterAll(() => Promise.all(pools.map((p) => p.close())));

const noWait = () => Promise.resolve();

describe("EnrichPool", () => {
  it("gives back each batch in order, enriched as on the main thread, by its threads when they are ready", async () => {
    const jobs: EnrichJob[] = reports()
      .slice(0, 150)
      .map((input) => ({ input, storedAt: NOW, keys: dedupeKeys(input) }));
    const expected = jobs.map((job) => enrichForIngest(job.input, job.storedAt, job.keys));
    const threads = pool(2);
    // The first batch starts the threads; ingest would enrich what they have not reached itself.
    expect(await threads.submit(jobs.slice(0, 50)).articles(noWait)).toEqual(expected.slice(0, 50));
    // Given time (a loaded machine starts a thread slowly), the threads take a whole batch.
    let wholeByThreads = false;
    for (let attempt = 0; attempt < 10 && !wholeByThreads; attempt++) {
      const batch = threads.submit(jobs.slice(50));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const before = threads.enriched.byThreads;
      expect(await batch.articles(noWait)).toEqual(expected.slice(50));
      wholeByThreads = threads.enriched.byThreads - before === 100;
    }
    expect(wholeByThreads).toBe(true);
  }, 60_000);

  it("enriches on the main thread when its thread cannot start", async () => {
    const broken = pool(1, new URL("./no-such-worker.mjs", import.meta.url));
    const jobs: EnrichJob[] = reports()
      .slice(0, 45)
      .map((input) => ({ input, storedAt: NOW, keys: dedupeKeys(input) }));
    const expected = jobs.map((job) => enrichForIngest(job.input, job.storedAt, job.keys));
    const first = broken.submit(jobs);
    // However far the failing thread got, the batch comes back whole, in order.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await first.articles(noWait)).toEqual(expected);
    expect(await broken.submit(jobs.slice(0, 5)).articles(noWait)).toEqual(expected.slice(0, 5));
    expect(broken.enriched).toEqual({ byThreads: 0, here: 50 });
  }, 30_000);
});

describe("ingestArticles with enrichment threads", () => {
  let stores: Storage[] = [];
  beforeEach(() => {
    stores = [];
  });
  afterEach(() => Promise.all(stores.map((s) => s.close())));

  async function ingested(options: Parameters<typeof ingestArticles>[3]) {
    const store = await openTestStorage();
    stores.push(store);
    const counts = await ingestArticles(reports(), ingestInto(store), () => NOW, options);
    const articles = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    const stories = articles.map((a) => [a.id, a.storyId, a.title, a.entities, a.summary, a.copies.length] as const).sort((a, b) => a[0] - b[0]);
    return { counts, stories };
  }

  it("stores the same articles in the same stories as the main thread alone", async () => {
    const alone = await ingested({ pool: false });
    // Articles repeated and re-published, and stories of several reports: the comparison has teeth.
    expect(alone.counts.duplicates).toBeGreaterThan(0);
    expect(alone.counts.copies).toBeGreaterThan(0);
    expect(new Set(alone.stories.map(([, story]) => story)).size).toBeLessThan(alone.stories.length);
    const threads = pool(1);
    const shared = await ingested({ pool: threads });
    expect(shared.counts).toEqual(alone.counts);
    expect(shared.stories).toEqual(alone.stories);
    expect(threads.enriched.byThreads + threads.enriched.here).toBeGreaterThanOrEqual(alone.counts.added + alone.counts.copies);
  }, 60_000);

  it("stores the same stories whether the clusterer takes the enrichment's features or makes its own", async () => {
    const carried = await ingested({ pool: pool(1) });
    const store = await openTestStorage();
    stores.push(store);
    const ingest = ingestInto(store);
    let handed = 0;
    let stripped = 0;
    const own = {
      findDuplicates: ingest.findDuplicates.bind(ingest),
      addArticles: (articles: EnrichedArticle[]) =>
        ingest.addArticles(
          articles.map(({ clusterFeatures, ...article }) => {
            handed++;
            if (clusterFeatures) stripped++;
            return article;
          }),
        ),
    };
    const counts = await ingestArticles(reports(), own, () => NOW, { pool: pool(1) });
    // Every article came with its features, and none reached the clusterer here.
    expect(handed).toBeGreaterThanOrEqual(counts.added + counts.copies);
    expect(stripped).toBe(handed);
    expect(counts).toEqual(carried.counts);
    const articles = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
    expect(articles.map((a) => [a.id, a.storyId, a.title, a.entities, a.summary, a.copies.length] as const).sort((a, b) => a[0] - b[0])).toEqual(
      carried.stories,
    );
    expect(new Set(carried.stories.map(([, story]) => story)).size).toBeLessThan(carried.stories.length);
  }, 60_000);

  it("lets go of the batches it submitted when storing fails", async () => {
    const store = await openTestStorage();
    stores.push(store);
    const ingest = ingestInto(store);
    let calls = 0;
    const failing = {
      findDuplicates: ingest.findDuplicates.bind(ingest),
      addArticles: (articles: Parameters<typeof ingest.addArticles>[0]) => (++calls === 2 ? Promise.reject(new Error("disk full")) : ingest.addArticles(articles)),
    };
    await expect(ingestArticles(reports(), failing, () => NOW, { pool: pool(1) })).rejects.toThrow("disk full");
    expect(calls).toBe(2);
    // The first batch stayed stored; the rest goes in on the next try, as in one go.
    expect(await store.articles.count()).toBe((await countsOf(reports().slice(0, 100))).added);
    await ingestArticles(reports(), ingest, () => NOW, { pool: pool(1) });
    expect(await store.articles.count()).toBe((await countsOf(reports())).added);
  }, 60_000);
});

/** What ingesting these articles into an empty store gives, on the main thread alone. */
async function countsOf(articles: ArticleInput[]) {
  const store = await openTestStorage();
  try {
    return await ingestArticles(articles, ingestInto(store), () => NOW, { pool: false });
  } finally {
    await store.close();
  }
}
