// What each place derives from a command's definition: the usage line, the text typed after the
// command read into raw options, who may run each action, what can be shared and what suggests
// values. A command defined here, with a new action, gets all of it from its definition alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAction, defineCommand, type Caller } from "../../commands/command.js";
import { findCommand, isShareable, runCommand, suggestionsFor } from "../../commands/index.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { openTestStorage } from "../fakes/storage.js";

let storage: Awaited<ReturnType<typeof openTestStorage>>;
let newsroom: Newsroom;
beforeAll(async () => {
  storage = await openTestStorage();
  newsroom = new Newsroom(storage);
});
afterAll(() => storage.close());

const HERE = { platform: "slack", channel: "C1" } as const;
const MEMBER: Caller = { canManage: false, isAdmin: false, channel: HERE };
const ADMIN: Caller = { canManage: false, isAdmin: true, channel: HERE };

describe("reading what was typed", () => {
  it("reads the action in any case, flags anywhere, and the last word's rest", () => {
    const sources = findCommand("sources")!;
    expect(sources.fromText("ADD https://example.com/rss The  Guardian --KEEP")).toEqual({
      action: "add",
      target: "https://example.com/rss",
      name: "The Guardian",
      keep: true,
    });
    expect(sources.fromText("")).toEqual({});
    expect(findCommand("news")!.fromText("schedule 7:30 Europe/London extra")).toEqual({ action: "schedule", time: "7:30", timezone: "Europe/London" });
    expect(findCommand("news")!.fromText("subscribe  new   york ")).toEqual({ action: "subscribe", topic: "new york" });
    expect(findCommand("story")!.fromText("  ")).toEqual({});
    // Words past the last are left out: "48 hours" is 48, as the schema reads "48h" too.
    expect(findCommand("digest")!.fromText("48 hours")).toEqual({ hours: "48" });
  });

  it("says which answers may be shared and which fields suggest what", () => {
    expect(["story", "digest", "news", "sources", "help", "weather"].map((name) => isShareable(name))).toEqual([true, true, false, false, false, false]);
    expect(suggestionsFor("story", undefined, "topic")).toBe("topics");
    expect(suggestionsFor("story", undefined, "limit")).toBeUndefined();
    expect(suggestionsFor("news", "subscribe", "topic")).toBe("topics");
    expect(suggestionsFor("news", "unsubscribe", "topic")).toBe("channelTopics");
    expect(suggestionsFor("news", "schedule", "timezone")).toBe("timeZones");
    expect(suggestionsFor("sources", "add", "target")).toBeUndefined();
  });
});

describe("a command defined once", () => {
  const ran: unknown[] = [];
  const pins = defineCommand({
    name: "pins",
    description: "The channel's pinned stories",
    restricted: { changes: "the pins", stillOpen: "anyone can list them" },
    actions: [
      defineAction({ name: "list", description: "The pinned stories", options: z.object({}), run: async () => ({ title: "Pins", cards: [] }) }),
      defineAction({
        name: "pin",
        description: "Pin a story",
        options: z.object({ story: z.coerce.number().int().min(1).describe("The story's number"), note: z.string().optional(), loud: z.boolean().optional() }),
        words: [{ field: "story" }, { field: "note", rest: true }],
        permission: "admin",
        run: async (options) => {
          ran.push(options);
          return { title: "Pinned", cards: [] };
        },
      }),
    ],
  });

  it("gets its usage, text reading, permission check and validation from its definition", async () => {
    expect(pins.usage).toBe("/pins [list | pin <story> [note] [--loud]]");
    expect(pins.fromText("pin 12 read this first --loud")).toEqual({ action: "pin", story: "12", note: "read this first", loud: true });

    const refused = await runCommand(pins, pins.fromText("pin 12"), newsroom, MEMBER);
    expect(refused).toMatchObject({ title: "Not allowed", failed: true });
    expect(refused.cards[0]).toMatchObject({ text: expect.stringMatching(/^Only newsbot's admins .* can pin the pins; anyone can list them\.$/), suggestions: ["/pins list"] });
    expect((await runCommand(pins, {}, newsroom, MEMBER)).title).toBe("Pins");

    const bad = await runCommand(pins, pins.fromText("pin twelve"), newsroom, ADMIN);
    expect(bad).toMatchObject({ title: "Usage: /pins pin <story> [note] [--loud]", failed: true });
    expect(ran).toEqual([]);
    expect((await runCommand(pins, pins.fromText("pin 12 --loud"), newsroom, ADMIN)).title).toBe("Pinned");
    expect(ran).toEqual([{ story: 12, loud: true }]);
  });

  it("is refused when it mixes an unnamed action with named ones", () => {
    const run = async () => ({ title: "", cards: [] });
    expect(() =>
      defineCommand({ name: "mixed", description: "x", actions: [defineAction({ options: z.object({}), run }), defineAction({ name: "b", description: "b", options: z.object({}), run })] }),
    ).toThrow(/either one action without a name, or named and described actions only/);
  });
});
