// A topic briefing is about its topics: it takes the stories whose headline or lede names a topic
// (a place's other names too), ranks the headline ones first whatever their size, leaves out a story
// that mentions the topic once deep in a report, and `explain` says which it was. Digest files and a
// channel's /news subscriptions judge alike.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../../src/core/article.js";
import { channelDigest } from "../../../src/core/delivery/channel-desk.js";
import { DigestDefinition } from "../../../src/core/delivery/definition.js";
import { prepareEdition, type Edition } from "../../../src/core/delivery/edition.js";
import { explainSlot } from "../../../src/core/delivery/explain.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { renderExplanation } from "../../../src/adapters/terminal/explain.js";
import { QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const at = (iso: string) => new Date(iso);
const SLOT = at("2026-05-01T08:00:00Z");
const STORED = at("2026-05-01T07:00:00Z");

/** The topic in the headline: one outlet, the oldest report. */
const licences: ArticleInput = {
  title: "Iraq invites bids for mobile phone licences",
  body: [
    "The communications ministry has invited foreign operators to bid for three national mobile phone licences, officials said on Monday.",
    "Companies from the Gulf and Europe are expected to compete for the licences, which will run for fifteen years.",
    "The ministry said the winners would have to cover every province within three years and build their networks with local partners.",
  ].join("\n\n"),
  source: "Telecoms Weekly",
  publishedAt: at("2026-04-30T09:00:00Z"),
};

/** The topic in the lede only, and once: a bigger and fresher story (two outlets). */
const oil: ArticleInput = {
  title: "Oil ministers meet in Vienna as crude prices climb",
  body: [
    "Oil ministers from Iraq, Kuwait and Saudi Arabia met in Vienna on Monday as crude prices climbed to their highest level in two years.",
    "The cartel is expected to keep output unchanged until its next meeting in March, analysts said.",
    "Traders said cold weather in North America and low stocks of heating oil had pushed prices higher this week.",
  ].join("\n\n"),
  source: "Wire",
  publishedAt: at("2026-04-30T18:00:00Z"),
};
const oilCopy: ArticleInput = { ...oil, source: "Herald", body: oil.body.replace("on Monday", "on Monday morning") };

/** The biggest and freshest story, two reports and three outlets: the follow-up names Iraq once, in its last paragraph. */
const quake: ArticleInput = { title: "Earthquake kills twelve in southern Peru", body: QUAKE_BODY, source: "Wire", publishedAt: at("2026-04-30T20:00:00Z") };
const quakeCopy: ArticleInput = { ...quake, title: "Earthquake kills 12 in southern Peru", source: "Daily Herald", body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning") };
const aftershocks: ArticleInput = {
  title: "Arequipa counts the cost as aftershocks rattle Peru",
  body: [
    "Aftershocks rattled Arequipa on Wednesday as Peru counted the cost of the earthquake that struck the southern coast.",
    "Regional governor Carlos Mendoza said the death toll from the earthquake had risen to fifteen and that rescue teams in Arequipa were still searching collapsed houses.",
    "The Peruvian government extended the state of emergency in the Arequipa region, and army engineers reopened the highway to the coast.",
    "Among the volunteers were engineers who had rebuilt schools in Iraq after the war.",
  ].join("\n\n"),
  source: "Andes Post",
  publishedAt: at("2026-05-01T06:00:00Z"),
};

/** Syria by its capital's name, in the headline. */
const damascus: ArticleInput = {
  title: "Damascus talks end without a deal",
  body: [
    "Two days of talks between the government and opposition delegates ended on Sunday without an agreement on a ceasefire.",
    "The United Nations envoy said both sides had agreed to meet again next month and to exchange lists of prisoners.",
    "Diplomats said the main dispute remained over who would run the northern provinces during a transition.",
  ].join("\n\n"),
  source: "Levant Times",
  publishedAt: at("2026-04-30T12:00:00Z"),
};

function digest(topics: string[], maxStories = 8): DigestDefinition {
  return DigestDefinition.parse({ name: "topics", schedule: "0 8 * * *", timezone: "UTC", window: "48h", topics, maxStories, targets: [{ platform: "slack", channel: "C1" }] });
}

function headlines(edition: Edition): string[] {
  return edition.payload?.cards.flatMap((c) => (c.type === "story" ? [c.headline] : [])) ?? [];
}

let store: Storage;
let newsroom: Newsroom;

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => at("2026-05-01T08:00:30Z"));
  await ingestArticles([licences, oil, oilCopy, quake, quakeCopy, aftershocks, damascus], ingestInto(store), () => STORED);
});
afterEach(async () => {
  await store.close();
});

describe("a topic briefing", () => {
  it("takes the stories with the topic in a headline or lede, headline first, and leaves out a passing mention", async () => {
    const edition = await prepareEdition(newsroom, digest(["iraq"]), SLOT, "slack:C1", false);
    expect(edition.considered.map((c) => [c.headline, c.decision, c.relevance])).toEqual([
      [licences.title, { kind: "chosen", position: 1, update: false }, [{ topic: "iraq", where: "headline", articles: 1, of: 1 }]],
      [oil.title, { kind: "chosen", position: 2, update: false }, [{ topic: "iraq", where: "lede", articles: 1, of: 1 }]],
      [quake.title, { kind: "topic" }, [{ topic: "iraq", where: "passing", articles: 1, of: 2 }]],
      [damascus.title, { kind: "topic" }, [{ topic: "iraq", where: "none", articles: 0, of: 1 }]],
    ]);
    // The quake story is the biggest and freshest of the window: with no topics it leads.
    const all = await prepareEdition(newsroom, digest([]), SLOT, "slack:C1", false);
    expect(all.considered[0]).toMatchObject({ headline: quake.title, decision: { kind: "chosen", position: 1 } });
    expect(headlines(edition)).toEqual([licences.title, oil.title]);
  });

  it("leads a story's card with the report the topic is central to", async () => {
    // Unfiltered, the quake story's card leads with the wire report two outlets ran; "aftershocks" is
    // in the follow-up's headline but only deep in the wire report.
    expect((await prepareEdition(newsroom, digest([]), SLOT, "slack:C1", false)).considered[0]!.headline).toBe(quake.title);
    const edition = await prepareEdition(newsroom, digest(["aftershocks"]), SLOT, "slack:C1", false);
    expect(edition.considered[0]).toMatchObject({ headline: aftershocks.title, relevance: [{ where: "headline", articles: 1, of: 2 }] });
    expect(edition.payload?.cards[0]).toMatchObject({ headline: aftershocks.title });
  });

  it("explains each story in those terms", async () => {
    const explanation = await explainSlot(newsroom, digest(["iraq"]), SLOT);
    const text = renderExplanation(explanation!, { color: false, width: 100, timeZone: "UTC" });
    expect(text).toContain(`[story ${explanation!.targets[0]!.considered[0]!.storyId}] ${licences.title} (1 source, 1 report)\n      chosen, #1: iraq in the headline\n`);
    expect(text).toContain(`${oil.title} (2 sources, 2 reports)\n      chosen, #2: iraq in the lede\n`);
    expect(text).toContain(`${quake.title} (3 sources, 3 reports)\n      left out: iraq only mentioned in passing (1 of 2 articles)\n`);
    expect(text).toContain(`${damascus.title} (1 source, 1 report)\n      left out: not about iraq\n`);
  });

  it("counts a place's other names in a headline, and says below the cut what a story had", async () => {
    const text = renderExplanation((await explainSlot(newsroom, digest(["syria", "iraq"], 2), SLOT))!, { color: false, width: 100, timeZone: "UTC" });
    expect(text).toContain(`${damascus.title} (1 source, 1 report)\n      chosen, #1: syria in the headline\n`);
    expect(text).toContain(`${licences.title} (1 source, 1 report)\n      chosen, #2: iraq in the headline\n`);
    expect(text).toContain(`${oil.title} (2 sources, 2 reports)\n      left out: ranked 3, below the cut of 2; iraq in the lede\n`);
    expect(text).toContain("left out: not about syria; iraq only mentioned in passing (1 of 2 articles)\n");
  });

  it("is the rule of a channel's /news subscriptions, and of the topics its Unsubscribe button offers", async () => {
    const ref = { platform: "slack" as const, channel: "C2" };
    await newsroom.channels.subscribe(ref, "iraq");
    const definition = channelDigest((await store.channels.get(ref))!, newsroom.channels.defaults)!;
    const edition = await prepareEdition(newsroom, definition, SLOT, "slack:C2", false);
    expect(headlines(edition)).toEqual([licences.title, oil.title]);
    const storyOf = (title: string) => edition.considered.find((c) => c.headline === title)!.storyId;
    expect(await newsroom.storyTopics(storyOf(quake.title), ["peru", "iraq"])).toEqual(["peru"]);
    expect(await newsroom.storyTopics(storyOf(oil.title), ["peru", "iraq"])).toEqual(["iraq"]);
  });
});
