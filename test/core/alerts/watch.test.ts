// Alerts in the core: a story on a channel's alert topic is recorded in the outbox once enough
// outlets report it in time, once per channel and story (also across replicas), never when its
// filter drops it or it is off the topic, and over the hourly budget it is held back for the next
// briefing to name.
import { beforeEach, describe, expect, it } from "vitest";
import { runCommand, findCommand } from "../../../commands/index.js";
import type { ArticleInput } from "../../../src/core/article.js";
import type { NoticeCard } from "../../../src/core/card.js";
import { AlertDesk } from "../../../src/core/alerts/desk.js";
import { alertKey, AlertWatch } from "../../../src/core/alerts/watch.js";
import { channelDigest } from "../../../src/core/delivery/channel-desk.js";
import { prepareEdition } from "../../../src/core/delivery/edition.js";
import type { Delivery } from "../../../src/core/delivery/outbox.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";

const NOW = new Date("2026-05-01T08:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const SLACK = { platform: "slack", channel: "C1" };

/** The same news from several outlets, each worded a little differently. */
function reports(base: ArticleInput, outlets: Array<[string, number]>): ArticleInput[] {
  return outlets.map(([source, ago], i) => ({ ...base, source, title: `${base.title}${i ? ` (${source})` : ""}`, body: `${base.body}\n\n${source} reported this.`, publishedAt: minutesAgo(ago) }));
}
const quake: ArticleInput = { title: "Earthquake kills twelve in southern Peru", body: QUAKE_BODY };
const final: ArticleInput = { title: "Rovers win the cup final on penalties", body: FOOTBALL_BODY };

let store: Storage;
let newsroom: Newsroom;
let sent: Delivery[];

async function store_(articles: ArticleInput[]): Promise<number[]> {
  await ingestArticles(articles, ingestInto(store), () => NOW);
  const found = await store.articles.between(new Date(0), new Date(NOW.getTime() + 1));
  return [...new Set(found.map((a) => a.storyId))];
}

const watch = (perHour?: number) => new AlertWatch(newsroom, (d) => sent.push(d), { perHour });
const desk = () => new AlertDesk(store, () => NOW);

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW);
  sent = [];
});

describe("AlertWatch", () => {
  it("records a story in the outbox once 3 outlets reported it within 2 hours, once per channel, whatever replica checks", async () => {
    await desk().alert(SLACK, { topic: "peru", mention: "S0ONCALL1" });
    await desk().alert({ platform: "discord", channel: "123456789012345678" }, { topic: "Peru" });
    const early = await store_(reports(quake, [["Wire", 100], ["Daily Herald", 90]]));
    expect(await watch().storiesTouched(early)).toEqual([]);

    const stories = await store_(reports(quake, [["Andes Times", 30]]).map((r) => ({ ...r, title: `${r.title} as toll rises` })));
    expect(stories).toHaveLength(1);
    const recorded = await watch().storiesTouched(stories);
    expect(recorded.map((d) => d.targetKey).sort()).toEqual(["discord:123456789012345678", "slack:C1"]);
    const slack = recorded.find((d) => d.targetKey === "slack:C1")!;
    expect(slack).toMatchObject({ status: "pending", idempotencyKey: alertKey("slack:C1", stories[0]!), stories: [{ storyId: stories[0]! }] });
    expect(slack.payload?.alert).toEqual({ topic: "peru", outlets: 3, withinHours: 2, mention: "S0ONCALL1" });
    expect(slack.payload?.cards.map((c) => c.type)).toEqual(["story"]);
    expect(sent).toHaveLength(2);

    // The same round again, or another replica over the same database: nothing more.
    expect(await watch().storiesTouched(stories)).toEqual([]);
    expect(await new AlertWatch(new Newsroom(store, () => NOW), (d) => sent.push(d)).storiesTouched(stories)).toEqual([]);
    expect(sent).toHaveLength(2);
    expect(await store.deliveries.unfinished()).toHaveLength(2);
  });

  it("leaves out a story its filter drops, one off the topic, and one reported too slowly", async () => {
    const stories = await store_(reports(quake, [["Wire", 200], ["Daily Herald", 90], ["Andes Times", 30]]));
    await desk().alert(SLACK, { topic: "peru", filter: "-arequipa" });
    await desk().alert({ ...SLACK, channel: "C2" }, { topic: "football" });
    await desk().alert({ ...SLACK, channel: "C3" }, { topic: "peru" });
    // Only two of the three outlets reported it within 2 hours; within 4 it would be three.
    expect(await watch().storiesTouched(stories)).toEqual([]);
    await desk().alert({ ...SLACK, channel: "C4" }, { topic: "peru", hours: 4 });
    expect((await watch().storiesTouched(stories)).map((d) => d.targetKey)).toEqual(["slack:C4"]);
  });

  it("holds back alerts over a channel's hourly budget, and its next briefing names them", async () => {
    await desk().alert(SLACK, { topic: "peru" });
    await desk().alert(SLACK, { topic: "rovers" });
    const stories = await store_([...reports(quake, [["Wire", 50], ["Daily Herald", 40], ["Andes Times", 30]]), ...reports(final, [["Sport Daily", 50], ["Wire", 40], ["Goal", 30]])]);
    expect(stories).toHaveLength(2);
    const recorded = await watch(1).storiesTouched(stories);
    expect(recorded).toHaveLength(1);
    const held = stories.find((id) => id !== recorded[0]!.stories[0]!.storyId)!;
    const heldHeadline = (await newsroom.storyCard(held))!.headline;

    await store.channels.save({ ...SLACK, topics: ["football"], paused: false, updatedAt: NOW });
    const definition = channelDigest((await store.channels.get(SLACK))!, { time: "08:30", timezone: "UTC" })!;
    const edition = await prepareEdition(newsroom, definition, new Date(NOW.getTime() + 30 * 60_000), "slack:C1", false);
    const [first] = edition.payload!.cards as NoticeCard[];
    expect(first!.text).toBe("1 alert held back: this channel had its 3 alerts for the hour.");
    const heldTopic = heldHeadline.startsWith("Earthquake") ? "peru" : "rovers";
    expect(first!.suggestions).toEqual([`${heldHeadline} (“${heldTopic}”)`]);
  });
});

describe("/news alert, alerts and unalert", () => {
  const news = findCommand("news")!;
  const manager = (channel: { platform: string; channel: string }) => ({ canManage: true, isAdmin: false, channel });
  const run = (text: string, channel: { platform: string; channel: string } = SLACK) => runCommand(news, news.fromText(text), newsroom, manager(channel));

  it("reads a filter and a trailing mention from chat text, and checks the mention is the platform's group", async () => {
    const set = await run("alert peru -football mention <!subteam^S0ONCALL1|@oncall>");
    expect(set.failed).toBeUndefined();
    expect(await store.alerts.forChannel(SLACK)).toMatchObject([{ topic: "peru", filter: "-football", mention: "S0ONCALL1", minOutlets: 3, withinHours: 2 }]);
    expect((await run("alert peru mention @here")).cards[0]).toMatchObject({ text: expect.stringContaining('"@here" is not a Slack user group') });
    expect((await run("alert peru mention <@&123456789012345678>")).failed).toBe(true);
    expect((await run("alert quake mention <@&123456789012345678>", { platform: "discord", channel: "1" })).failed).toBeUndefined();
    expect((await run("alert quake mention S0ONCALL1", { platform: "terminal", channel: "terminal" })).cards[0]).toMatchObject({ text: expect.stringContaining("cannot mention anyone") });
    expect((await run("alert peru outlets>=")).title).toBe("Cannot read that filter");
  });

  it("lists a channel's alerts, and stops one; only managers may change them", async () => {
    await run("alert peru");
    await run("alert syria -football");
    const listed = await run("alerts");
    expect(listed.title).toBe("Alerts in this channel: 2");
    expect((listed.cards[0] as NoticeCard).text).toContain('"syria": a story that the filter -football takes reported by 3 outlets within 2 hours is posted at once.');
    expect((await run("unalert PERU")).title).toBe('No more alerts on "PERU"');
    expect((await store.alerts.forChannel(SLACK)).map((r) => r.topic)).toEqual(["syria"]);
    const refused = await runCommand(news, news.fromText("alert quake"), newsroom, { canManage: false, isAdmin: false, channel: SLACK });
    expect(refused.failed).toBe(true);
    expect((await runCommand(news, news.fromText("alerts"), newsroom, { canManage: false, isAdmin: false, channel: SLACK })).failed).toBeUndefined();
  });
});
