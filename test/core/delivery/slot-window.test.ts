// A slot's window is read once for all the digests prepared at that slot (a thousand channels' own
// briefings at 08:00), each applying its own topics on top, and the briefings are what each digest
// prepared alone would say. Store reads are counted through a wrapper over the real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../../src/core/article.js";
import { unreachable } from "../../../src/core/delivery/courier.js";
import { DigestDefinition } from "../../../src/core/delivery/definition.js";
import { prepareEdition } from "../../../src/core/delivery/edition.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage, withArticles } from "../../fakes/storage.js";

const at = (iso: string) => new Date(iso);
const SLOT = at("2026-05-01T08:00:00Z");
const STORED = at("2026-05-01T07:00:00Z");

const quake: ArticleInput = { title: "Earthquake strikes southern Peru", body: QUAKE_BODY, source: "Daily Herald", publishedAt: at("2026-05-01T05:00:00Z") };
const football: ArticleInput = { title: "United win the football cup final on penalties", body: FOOTBALL_BODY, source: "Sports Desk", publishedAt: at("2026-05-01T06:00:00Z") };
const election: ArticleInput = {
  title: "Peru sets a date for its presidential election",
  body: "Peru will elect a new president in April, the electoral authority said on Thursday, after months of dispute over the date.",
  source: "Andes Wire",
  publishedAt: at("2026-05-01T07:30:00Z"),
};

function channel(name: string, topics: string[]): DigestDefinition {
  return DigestDefinition.parse({ name, schedule: "0 8 * * *", timezone: "UTC", topics, targets: [{ platform: "webhook", format: "json", url: `https://hooks.example/${name}` }] });
}

let store: Storage;
/** How often the scheduler's newsroom asked the store for each article method. */
let calls: Map<string, number>;
let queue: DeliveryQueue;
let scheduler: DigestScheduler;

beforeEach(async () => {
  store = await openTestStorage();
  await ingestArticles([quake, football], ingestInto(store), () => STORED);
  calls = new Map();
  const counted = (name: "between" | "matching" | "coverage" | "ofStories") =>
    ((...args: never[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return (store.articles[name] as (...a: never[]) => unknown).apply(store.articles, args);
    }) as never;
  const counting = withArticles(store, { between: counted("between"), matching: counted("matching"), coverage: counted("coverage"), ofStories: counted("ofStories") });
  // Nothing is sent: a stopped queue keeps the outbox rows the slot records.
  queue = new DeliveryQueue(counting, () => unreachable("not sent in this test"));
  await queue.stop();
  const now = () => new Date(SLOT.getTime() + 30_000);
  scheduler = new DigestScheduler(new Newsroom(counting, now), queue, async () => [], { now });
});
afterEach(async () => {
  await scheduler.stop();
  await store.close();
});

/** What the digest's briefing says when prepared on its own, with nothing shared. */
async function alone(definition: DigestDefinition) {
  const newsroom = new Newsroom(store, () => SLOT);
  return (await prepareEdition(newsroom, definition, SLOT, `webhook:https://hooks.example/${definition.name}`, false)).payload;
}

async function sent(definition: DigestDefinition) {
  const [delivery] = await store.deliveries.forSlot(definition.name, SLOT);
  return delivery?.payload;
}

const headlines = (payload: Awaited<ReturnType<typeof sent>>) => payload?.cards.flatMap((c) => (c.type === "story" ? [c.headline] : []));

describe("the digests of one slot", () => {
  it("read the window once, each topic's mentions once, and say what each would say alone", async () => {
    const digests = [channel("peru", ["peru"]), channel("football", ["football"]), channel("peru-too", ["peru"]), channel("everything", [])];
    for (const definition of digests) await store.deliveries.digestState(definition.name, STORED);
    const expected = await Promise.all(digests.map(alone));
    expect(expected.map(headlines)).toEqual([[quake.title], [football.title], [quake.title], [football.title, quake.title]]);

    // As node-cron fires them: every digest's slot at once.
    await Promise.all(digests.map((definition) => scheduler.runDue(definition, false)));
    expect(calls.get("between")).toBe(1);
    expect(calls.get("matching")).toBe(2);
    for (const [i, definition] of digests.entries()) expect(await sent(definition)).toEqual(expected[i]);
  });

  it("share nothing with a slot handled after them: it reads the store as it is then", async () => {
    const peru = channel("peru", ["peru"]);
    await Promise.all([scheduler.handleSlot(peru, SLOT, false), scheduler.handleSlot(channel("football", ["football"]), SLOT, false)]);
    expect(calls.get("between")).toBe(1);

    // A report published before 08:00 arrives after the first briefings were prepared.
    await ingestArticles([election], ingestInto(store), () => STORED);
    const later = channel("peru-later", ["peru"]);
    await scheduler.handleSlot(later, SLOT, false);
    expect(calls.get("between")).toBe(2);
    expect(headlines(await sent(peru))).toEqual([quake.title]);
    expect(headlines(await sent(later))).toContain(election.title);
    expect(await sent(later)).toEqual(await alone(later));
  });
});
