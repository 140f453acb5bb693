// `explain` against what a briefing delivered: the same headline for the same story, and its
// coverage and cut said in words that are true.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../../src/core/article.js";
import type { Courier } from "../../../src/core/delivery/courier.js";
import { DigestDefinition, type DigestDefinitionInput } from "../../../src/core/delivery/definition.js";
import { explainSlot } from "../../../src/core/delivery/explain.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { renderExplanation } from "../../../src/adapters/terminal/explain.js";
import { QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const at = (iso: string) => new Date(iso);
const SLOT = at("2026-05-01T08:00:00Z");
const STORED = at("2026-05-01T07:00:00Z");

/** Sends every message, and keeps nothing: the outbox records what went out. */
const courier: Courier = { spacingMs: 0, messages: (delivery) => [delivery.payload], send: async () => ({ ok: true }) };

function daily(over: Partial<DigestDefinitionInput> = {}): DigestDefinition {
  return DigestDefinition.parse({ name: "daily", schedule: "0 8 * * *", timezone: "UTC", window: "48h", targets: [{ platform: "slack", channel: "C1" }], ...over });
}

let store: Storage;
let newsroom: Newsroom;
let queue: DeliveryQueue;

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => at("2026-05-01T08:00:30Z"));
  queue = new DeliveryQueue(store, () => courier);
});
afterEach(async () => {
  await queue.stop();
  await store.close();
});

async function deliver(definition: DigestDefinition) {
  const scheduler = new DigestScheduler(newsroom, queue, async () => [definition], { now: () => at("2026-05-01T08:00:30Z") });
  await scheduler.handleSlot(definition, SLOT, false);
  await queue.idle();
  const [delivery] = await store.deliveries.forSlot(definition.name, SLOT);
  return delivery!;
}

describe("explain", () => {
  it("names each story by the headline its card was delivered with", async () => {
    // One story: a first report stored first, then the wire report that another outlet copied. The
    // card leads with the report most outlets ran, not with the first one stored.
    const followUp: ArticleInput = {
      title: "Arequipa counts the cost as aftershocks rattle Peru",
      body: [
        "Aftershocks rattled Arequipa on Wednesday as Peru counted the cost of the earthquake that struck the southern coast.",
        "Regional governor Carlos Mendoza said the death toll from the earthquake had risen to fifteen and that rescue teams in Arequipa were still searching collapsed houses.",
        "The Peruvian government extended the state of emergency in the Arequipa region, and army engineers reopened the highway to the coast.",
      ].join("\n\n"),
      source: "Andes Post",
      url: "https://andes.example/aftershocks",
      publishedAt: at("2026-05-01T06:00:00Z"),
    };
    const wire: ArticleInput = { title: "Earthquake kills twelve in southern Peru", body: QUAKE_BODY, source: "Wire", url: "https://wire.example/quake", publishedAt: at("2026-04-30T20:00:00Z") };
    const copy: ArticleInput = { ...wire, title: "Earthquake kills 12 in southern Peru", source: "Daily Herald", url: "https://herald.example/quake", body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning") };
    await ingestArticles([followUp, wire, copy], ingestInto(store), () => STORED);
    const definition = daily();

    // Before the slot is handled, explain works the briefing out as the scheduler will.
    const before = await explainSlot(newsroom, definition, SLOT);
    expect(before!.targets[0]!.considered.map((c) => c.headline)).toEqual([wire.title]);

    const delivery = await deliver(definition);
    const delivered = delivery.payload!.cards.flatMap((c) => (c.type === "story" ? [c.headline] : []));
    expect(delivered).toEqual([wire.title]);
    const after = await explainSlot(newsroom, definition, SLOT);
    expect(after!.targets[0]!.considered.map((c) => [c.headline, c.decision.kind])).toEqual([[wire.title, "chosen"]]);

    // Later, two more outlets run the follow-up: a card made now would lead with it, but the
    // briefing that went out said the wire's headline, and explain says what went out.
    const reruns = ["Coast Courier", "Lima Daily"].map((source, i) => ({ ...followUp, source, url: `https://rerun${i}.example/aftershocks`, body: followUp.body.replace("on Wednesday", i ? "on Wednesday morning" : "early on Wednesday") }));
    expect(await ingestArticles(reruns, ingestInto(store), () => at("2026-05-01T09:00:00Z"))).toMatchObject({ copies: 2 });
    expect((await newsroom.storyCard(delivery.stories[0]!.storyId))?.headline).toBe(followUp.title);
    const later = await explainSlot(newsroom, definition, SLOT);
    expect(later!.targets[0]!.considered.map((c) => [c.headline, c.decision.kind])).toEqual([[wire.title, "chosen"]]);
  });

  it("counts only reports when no outlet is known, and says 'at most 1 story'", async () => {
    // Files ingested without a source: reports with no outlet.
    await ingestArticles(
      [
        { title: "Earthquake kills twelve in southern Peru", body: QUAKE_BODY, publishedAt: at("2026-04-30T20:00:00Z") },
        { title: "Earthquake kills 12 in southern Peru", body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning"), publishedAt: at("2026-04-30T21:00:00Z") },
      ],
      ingestInto(store),
      () => STORED,
    );
    const definition = daily({ maxStories: 1 });
    await deliver(definition);
    const text = renderExplanation((await explainSlot(newsroom, definition, SLOT))!, { color: false, width: 100, timeZone: "UTC" });
    expect(text).toContain("· at most 1 story\n");
    expect(text).toContain("Earthquake kills twelve in southern Peru (2 reports)");
    expect(text).not.toContain("0 sources");
  });
});
