// /news: a channel's own briefing, typed in the terminal (and as a Slack channel's manager or member).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCommandLine } from "../../commands/index.js";
import { LOCAL_OPERATOR, type Caller } from "../../commands/command.js";
import type { NoticeCard, Reply } from "../../src/core/card.js";
import { DigestDefinition } from "../../src/core/delivery/definition.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const NOW = new Date("2026-05-01T09:00:00Z");
const TERMINAL = { platform: "terminal", channel: "terminal" } as const;
const SLACK_C1 = { platform: "slack", channel: "C1" } as const;
const SLACK_MANAGER: Caller = { canManage: true, isAdmin: false, channel: SLACK_C1 };
const SLACK_MEMBER: Caller = { canManage: false, isAdmin: false, channel: SLACK_C1 };

let store: Storage;
let newsroom: Newsroom;
let onChange: ReturnType<typeof vi.fn<() => Promise<void>>>;

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW);
  onChange = vi.fn(async () => {});
  newsroom.channels.onChange = onChange;
});
afterEach(() => store.close());

const news = (line: string, caller: Caller = LOCAL_OPERATOR) => runCommandLine(`/news ${line}`, newsroom, caller);
const text = (reply: Reply) => (reply.cards[0] as NoticeCard).text;
const suggestions = (reply: Reply) => (reply.cards[0] as NoticeCard).suggestions;

describe("/news in the terminal", () => {
  it("subscribes, schedules, pauses, resumes and unsubscribes, changing the stored setup and the channel's digest", async () => {
    const followed = await news("subscribe syria");
    expect(followed.title).toBe('Following "syria"');
    expect(text(followed)).toBe('This channel follows "syria". Its briefing comes every day at 08:00 (UTC).');
    expect(await store.channels.get(TERMINAL)).toEqual({ ...TERMINAL, topics: ["syria"], time: undefined, timezone: undefined, paused: false, updatedAt: NOW });
    // Until the channel picks a time: the defaults, 08:00 UTC.
    expect(await newsroom.channels.digests()).toEqual([
      {
        name: "terminal:terminal",
        schedule: "0 8 * * *",
        timezone: "UTC",
        window: 86_400_000,
        maxStories: 8,
        topics: ["syria"],
        whenEmpty: "notice",
        targets: [{ platform: "terminal" }],
      },
    ]);

    await news("subscribe climate policy");
    expect((await store.channels.get(TERMINAL))?.topics).toEqual(["syria", "climate policy"]);

    const scheduled = await news("schedule 07:30 Europe/London");
    expect(scheduled.title).toBe("Briefing time set");
    expect(text(scheduled)).toBe('This channel follows "syria", "climate policy". Its briefing comes every day at 07:30 (Europe/London).');
    expect(await store.channels.get(TERMINAL)).toMatchObject({ time: "07:30", timezone: "Europe/London" });
    expect(await newsroom.channels.digests()).toEqual([
      expect.objectContaining({ name: "terminal:terminal", schedule: "30 7 * * *", timezone: "Europe/London", topics: ["syria", "climate policy"] }),
    ]);

    const paused = await news("pause");
    expect(paused.title).toBe("Briefings paused");
    expect(text(paused)).toMatch(/Briefings are paused here: \/news resume starts them again\.$/);
    expect((await store.channels.get(TERMINAL))?.paused).toBe(true);
    // A paused channel keeps its digest: the scheduler records its slots as skipped.
    expect(await newsroom.channels.digests()).toHaveLength(1);

    const resumed = await news("resume");
    expect(resumed.title).toBe("Briefings resumed");
    expect(text(resumed)).not.toMatch(/paused/);
    expect((await store.channels.get(TERMINAL))?.paused).toBe(false);

    const dropped = await news("unsubscribe SYRIA");
    expect(dropped.title).toBe('No longer following "SYRIA"');
    expect((await store.channels.get(TERMINAL))?.topics).toEqual(["climate policy"]);
    await news("unsubscribe climate policy");
    expect((await store.channels.get(TERMINAL))?.topics).toEqual([]);
    // A time of its own keeps the channel's briefing, now with all the news.
    expect(await newsroom.channels.digests()).toEqual([expect.objectContaining({ schedule: "30 7 * * *", topics: [] })]);
    expect(text(await news("list"))).toBe("This channel follows all the news. Its briefing comes every day at 07:30 (Europe/London).");
  });

  it("pads a time typed without its leading zero, and keeps the timezone when only the time changes", async () => {
    await news("schedule 6:05 America/New_York");
    await news("schedule 18:45");
    expect(await store.channels.get(TERMINAL)).toMatchObject({ time: "18:45", timezone: "America/New_York", topics: [] });
    expect(await newsroom.channels.digests()).toEqual([expect.objectContaining({ schedule: "45 18 * * *", timezone: "America/New_York", topics: [] })]);
  });

  it("explains a topic already followed or not followed, changing nothing", async () => {
    await news("subscribe syria");
    expect((await news("subscribe Syria")).title).toBe('Already following "Syria"');
    expect((await news("unsubscribe iraq")).title).toBe('Not following "iraq"');
    expect((await store.channels.get(TERMINAL))?.topics).toEqual(["syria"]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("lists with no setup yet, and with no action at all", async () => {
    for (const line of ["list", ""]) {
      const reply = await news(line);
      expect(reply.title).toBe("News in this channel");
      expect(text(reply)).toBe("This channel follows no topics yet: /news subscribe <topic> starts a daily briefing.");
    }
    expect(await store.channels.get(TERMINAL)).toBeUndefined();
    expect(await newsroom.channels.digests()).toEqual([]);
  });

  it("calls onChange after each change, once the change is stored", async () => {
    const seen: Array<string[] | undefined> = [];
    onChange.mockImplementation(async () => {
      seen.push((await store.channels.get(TERMINAL))?.topics);
    });
    await news("subscribe syria");
    await news("schedule 07:30 Europe/London");
    await news("pause");
    await news("resume");
    await news("unsubscribe syria");
    expect(onChange).toHaveBeenCalledTimes(5);
    expect(seen).toEqual([["syria"], ["syria"], ["syria"], ["syria"], []]);
    await news("list");
    expect(onChange).toHaveBeenCalledTimes(5);
  });
});

describe("/news usage", () => {
  it.each([
    ["schedule 25:00", /expected a time of day such as "08:00"/],
    ["schedule 7.30", /expected a time of day/],
    ["schedule 07:30 Mars/Olympus", /expected an IANA timezone such as "Europe\/London", got "Mars\/Olympus"/],
    ["schedule", /Say when, for example \/news schedule 07:30 Europe\/London/],
    ["subscribe", /Say which topic to subscribe/],
    ["frobnicate", /say list, subscribe, unsubscribe, schedule, filter, test, cap, alert, alerts, unalert, pause or resume/],
  ])("answers /news %s with a usage notice and changes nothing", async (line, why) => {
    const reply = await news(line);
    expect(reply.title).toMatch(/^Usage: \/news /);
    expect(reply.failed).toBe(true);
    expect(reply.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(why) });
    expect(await store.channels.get(TERMINAL)).toBeUndefined();
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe("/news permissions", () => {
  it("lets anyone list, but only a channel's managers change it", async () => {
    for (const line of ["subscribe syria", "unsubscribe syria", "schedule 07:30 Europe/London", "pause", "resume"]) {
      const reply = await news(line, SLACK_MEMBER);
      expect(reply.title).toBe("Not allowed");
      expect(reply.failed).toBe(true);
      expect(text(reply)).toMatch(/^Only people who manage this channel can/);
    }
    expect(await store.channels.get(SLACK_C1)).toBeUndefined();
    expect(await store.channels.list()).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
    expect((await news("list", SLACK_MEMBER)).title).toBe("News in this channel");

    // A manager's change is the channel's, seen by its members too.
    await news("subscribe syria", SLACK_MANAGER);
    expect(await newsroom.channels.digests()).toEqual([
      expect.objectContaining({ name: "slack:C1", targets: [{ platform: "slack", channel: "C1" }], topics: ["syria"] }),
    ]);
    expect(text(await news("list", SLACK_MEMBER))).toMatch(/^This channel follows "syria"\./);
    expect(await store.channels.get(TERMINAL)).toBeUndefined();
  });
});

describe("/news list and the digest files", () => {
  it("mentions the operator's digests that also come to this channel", async () => {
    newsroom.channels.fileDigests = [
      DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", timezone: "Europe/London", targets: [{ platform: "terminal" }] }),
      DigestDefinition.parse({
        name: "markets",
        schedule: "30 17 * * 1-5",
        timezone: "America/New_York",
        topics: ["stocks", "bonds"],
        targets: [{ platform: "slack", channel: "C1" }, { platform: "terminal" }],
      }),
      DigestDefinition.parse({ name: "elsewhere", schedule: "0 9 * * *", targets: [{ platform: "slack", channel: "C2" }] }),
    ];
    expect(suggestions(await news("list"))).toEqual([
      'Also here: the "morning" digest (0 8 * * *, Europe/London)',
      'Also here: the "markets" digest (30 17 * * 1-5, America/New_York, on stocks, bonds)',
    ]);
    expect(suggestions(await news("list", SLACK_MEMBER))).toEqual(['Also here: the "markets" digest (30 17 * * 1-5, America/New_York, on stocks, bonds)']);
    expect(suggestions(await news("list", { canManage: false, isAdmin: false, channel: { platform: "discord", channel: "42" } }))).toEqual([]);
    // The answer to a change mentions them too.
    expect(suggestions(await news("subscribe syria"))).toHaveLength(2);
  });
});
