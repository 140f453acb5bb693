// Filters and caps in briefings: a digest file's `filter` and `maxPerSource`, a channel's
// /news filter, /news test and /news cap (typed in the terminal), what explain says of each story,
// and a digest file whose filter cannot be read.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommandLine } from "../../../commands/index.js";
import { LOCAL_OPERATOR, type Caller } from "../../../commands/command.js";
import type { ArticleInput } from "../../../src/core/article.js";
import type { NoticeCard, Reply } from "../../../src/core/card.js";
import { channelDigest } from "../../../src/core/delivery/channel-desk.js";
import { DigestDefinition } from "../../../src/core/delivery/definition.js";
import { readDigestFiles } from "../../../src/core/delivery/digest-files.js";
import { prepareEdition } from "../../../src/core/delivery/edition.js";
import { explainSlot } from "../../../src/core/delivery/explain.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { renderExplanation } from "../../../src/adapters/terminal/explain.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";

const at = (iso: string) => new Date(iso);
const SLOT = at("2026-05-01T08:00:00Z");
const STORED = at("2026-05-01T07:00:00Z");

const quake: ArticleInput = { title: "Earthquake kills twelve in southern Peru", body: QUAKE_BODY, source: "Wire", publishedAt: at("2026-04-30T20:00:00Z") };
const quakeCopy: ArticleInput = { ...quake, title: "Earthquake kills 12 in southern Peru", source: "Daily Herald", body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning") };
const final: ArticleInput = { title: "Rovers win the cup final on penalties", body: FOOTBALL_BODY, source: "Sport Daily", publishedAt: at("2026-04-30T21:00:00Z") };
/** Three unrelated stories from one prolific outlet. */
const prolific: ArticleInput[] = [
  {
    title: "City council approves new tram line",
    body: "The city council approved a new tram line on Thursday after a long debate.\n\nConstruction will start next spring and take three years, the transport committee said.",
    source: "Metro Wire",
    publishedAt: at("2026-04-30T10:00:00Z"),
  },
  {
    title: "Museum reopens after roof repairs",
    body: "The natural history museum reopened on Friday after two years of roof repairs.\n\nVisitors queued around the block to see the restored dinosaur hall, staff said.",
    source: "Metro Wire",
    publishedAt: at("2026-04-30T11:00:00Z"),
  },
  {
    title: "Bakers strike over flour prices",
    body: "Bakers across the region went on strike on Saturday over the rising price of flour.\n\nShops stayed shut in most towns, and the bakers' union said the strike would last a week.",
    source: "Metro Wire",
    publishedAt: at("2026-04-30T12:00:00Z"),
  },
];

function digest(fields: Partial<Record<"filter" | "maxPerSource", unknown>>): DigestDefinition {
  return DigestDefinition.parse({ name: "filtered", schedule: "0 8 * * *", window: "48h", targets: [{ platform: "slack", channel: "C1" }], ...fields });
}

let store: Storage;
let newsroom: Newsroom;

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => at("2026-05-01T08:00:30Z"));
  await ingestArticles([quake, quakeCopy, final, ...prolific], ingestInto(store), () => STORED);
});
afterEach(async () => {
  await store.close();
});

const headlines = (considered: Array<{ headline: string; decision: { kind: string } }>) => considered.filter((c) => c.decision.kind === "chosen").map((c) => c.headline);

describe("a digest's filter", () => {
  it("keeps the stories the filter takes, and says which term took or dropped each", async () => {
    const edition = await prepareEdition(newsroom, digest({ filter: "(peru OR penalties) -source:herald" }), SLOT, "slack:C1", false);
    expect(headlines(edition.considered)).toEqual([final.title]);
    const byHeadline = new Map(edition.considered.map((c) => [c.headline, c]));
    expect(byHeadline.get(quake.title)).toMatchObject({ decision: { kind: "filter" }, filter: { taken: false, because: [{ term: "-source:herald", fact: "Daily Herald ran it" }] } });
    expect(byHeadline.get(final.title)?.filter).toEqual({ taken: true, because: [{ term: "penalties", fact: "in a headline" }, { term: "-source:herald", fact: "no such outlet ran it" }] });
    expect(byHeadline.get(prolific[0]!.title)).toMatchObject({ decision: { kind: "filter" } });

    const text = renderExplanation((await explainSlot(newsroom, digest({ filter: "outlets>=2 OR penalties" }), SLOT))!, { color: false, width: 100, timeZone: "UTC" });
    expect(text).toContain(`${quake.title} (2 sources, 2 reports)\n      chosen, #1: filter taken: outlets>=2 (2 outlets)\n`);
    expect(text).toContain(`${final.title} (1 source, 1 report)\n      chosen, #2: filter taken: penalties (in a headline)\n`);
    expect(text).toContain(`${prolific[0]!.title} (1 source, 1 report)\n      left out: filter dropped: outlets>=2 (1 outlet), penalties (not in the story)\n`);
  });

  it("caps the stories led by one outlet with maxPerSource, and explain says so", async () => {
    const all = await prepareEdition(newsroom, digest({}), SLOT, "slack:C1", false);
    expect(all.considered.filter((c) => c.decision.kind === "chosen")).toHaveLength(5);
    const capped = await prepareEdition(newsroom, digest({ maxPerSource: 1 }), SLOT, "slack:C1", false);
    const metro = capped.considered.filter((c) => prolific.some((p) => p.title === c.headline));
    expect(metro.map((c) => c.decision)).toEqual([
      { kind: "chosen", position: 3, update: false },
      { kind: "source-cap", outlet: "Metro Wire", max: 1 },
      { kind: "source-cap", outlet: "Metro Wire", max: 1 },
    ]);
    expect(capped.payload?.cards).toHaveLength(3);
    const text = renderExplanation((await explainSlot(newsroom, digest({ maxPerSource: 1 }), SLOT))!, { color: false, width: 100, timeZone: "UTC" });
    expect(text).toContain("left out: Metro Wire already leads 1 story of this briefing (maxPerSource)\n");
  });

  it("stops a digest file whose filter cannot be read, naming the file, the field and the position", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "newsbot-filter-"));
    await fs.writeFile(path.join(dir, "morning.json"), JSON.stringify({ schedule: "0 8 * * *", filter: "peru AND (chile", targets: [{ platform: "terminal" }] }));
    await expect(readDigestFiles(dir)).rejects.toThrow(
      `the digest file ${path.join(dir, "morning.json")} is invalid: filter: at character 16: expected a ) to close the ( at character 10, got the end of the filter`,
    );
    await fs.writeFile(path.join(dir, "morning.json"), JSON.stringify({ schedule: "0 8 * * *", maxPerSource: 0, targets: [{ platform: "terminal" }] }));
    await expect(readDigestFiles(dir)).rejects.toThrow("maxPerSource");
    await fs.rm(dir, { recursive: true });
  });
});

describe("a channel's filter and cap (/news in the terminal)", () => {
  const news = (line: string, caller: Caller = LOCAL_OPERATOR) => runCommandLine(`/news ${line}`, newsroom, caller);
  const lines = (reply: Reply, i: number) => (reply.cards[i] as NoticeCard).suggestions;
  const TERMINAL = { platform: "terminal", channel: "terminal" } as const;

  it("sets, stores, applies and removes a filter and a cap", async () => {
    const set = await news('filter "cup final" OR outlets>=2');
    expect(set.title).toBe("Filter set");
    expect((set.cards[0] as NoticeCard).text).toContain('This channel follows all the news. Its briefing keeps the stories the filter "cup final" OR outlets>=2 takes.');
    expect((await news("cap 2")).title).toBe("Cap per outlet set");
    expect(await store.channels.get(TERMINAL)).toMatchObject({ filter: '"cup final" OR outlets>=2', maxPerSource: 2 });

    const definition = channelDigest((await store.channels.get(TERMINAL))!, newsroom.channels.defaults)!;
    expect(definition).toMatchObject({ filter: '"cup final" OR outlets>=2', maxPerSource: 2 });
    const edition = await prepareEdition(newsroom, { ...definition, window: 48 * 3_600_000 }, SLOT, "terminal", false);
    expect(headlines(edition.considered)).toEqual([quake.title, final.title]);

    expect((await news("filter off")).title).toBe("Filter removed");
    expect((await news("cap off")).title).toBe("No cap per outlet");
    expect(await store.channels.get(TERMINAL)).toMatchObject({ filter: undefined, maxPerSource: undefined });
  });

  it("refuses a filter it cannot read, saying where, and changes nothing", async () => {
    const refused = await news("filter peru AND");
    expect(refused).toMatchObject({ title: "Cannot read that filter", failed: true });
    expect((refused.cards[0] as NoticeCard).text).toContain("at character 9: expected a word");
    expect(await store.channels.get(TERMINAL)).toBeUndefined();
    expect((await news("cap 99")).failed).toBe(true);
  });

  it("tests a filter on the last day's stories without changing anything, with the reason for each", async () => {
    const tested = await news("test peru OR source:metro");
    expect(tested.title).toBe("The filter would take 4 of 5 stories from the last 24 hours");
    expect(lines(tested, 0)).toContain(`${quake.title} (story ${(await store.articles.between(at("2026-04-30T00:00:00Z"), SLOT)).find((a) => a.title === quake.title)!.storyId}): taken: peru (in a headline)`);
    expect(lines(tested, 0).filter((l) => l.includes("taken: source:metro (Metro Wire ran it)"))).toHaveLength(3);
    expect(lines(tested, 1)).toEqual([expect.stringMatching(/^Rovers win the cup final on penalties \(story \d+\): dropped: peru \(not in the story\), source:metro \(no such outlet ran it\)$/)]);
    expect(await store.channels.get(TERMINAL)).toBeUndefined();
    // Anyone may test: it changes nothing.
    const member: Caller = { canManage: false, isAdmin: false, channel: { platform: "slack", channel: "C1" } };
    expect((await news("test peru", member)).title).toBe("The filter would take 1 of 5 stories from the last 24 hours");
    expect((await news("filter peru", member)).failed).toBe(true);
  });
});
