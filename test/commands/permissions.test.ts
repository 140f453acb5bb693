// Who may change what, as the commands see the caller: a channel's own news is its managers', the
// sources every channel shares are newsbot's admins', and anyone may list either.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommandLine } from "../../commands/index.js";
import type { Caller } from "../../commands/command.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const C1 = { platform: "slack", channel: "C1" } as const;
const MEMBER: Caller = { canManage: false, isAdmin: false, channel: C1 };
const CHANNEL_MANAGER: Caller = { canManage: true, isAdmin: false, channel: C1 };
const ADMIN: Caller = { canManage: false, isAdmin: true, channel: C1 };

let store: Storage;
let newsroom: Newsroom;
beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW);
});
afterEach(() => store.close());

describe("who may change what", () => {
  it("lets anyone list the sources, and only newsbot's admins add, remove or resume them, not a channel's manager", async () => {
    await store.sources.add({ url: "https://example.com/world.xml", name: "World desk" }, "user", NOW);
    expect((await runCommandLine("/sources list", newsroom, MEMBER)).title).toBe("1 source");

    for (const action of ["add https://example.com/other.xml", "remove 1", "resume 1"]) {
      const refused = await runCommandLine(`/sources ${action}`, newsroom, CHANNEL_MANAGER);
      expect(refused).toMatchObject({ title: "Not allowed", failed: true });
      const verb = action.split(" ")[0];
      expect(refused.cards[0]).toMatchObject({
        type: "notice",
        text: `Only newsbot's admins (workspace admins and owners on Slack, members with Manage Server on Discord, and the users in NEWSBOT_ADMINS) can ${verb} sources; anyone can list them.`,
      });
    }
    expect((await store.sources.list()).map((s) => s.url)).toEqual(["https://example.com/world.xml"]);
    // The channel's own news is still its manager's to change.
    expect((await runCommandLine("/news subscribe syria", newsroom, CHANNEL_MANAGER)).title).toBe('Following "syria"');

    expect((await runCommandLine("/sources remove 1", newsroom, ADMIN)).title).toBe("Stopped following World desk");
    expect(await store.sources.list()).toEqual([]);
  });

  it("says in /help who may change a channel's news and who may change the sources", async () => {
    const help = await runCommandLine("/help", newsroom, MEMBER);
    expect(help.cards[1]).toEqual({
      type: "notice",
      text: [
        "Anyone may use /news list, /news test, /news alerts, /sources list and every other command.",
        "Only people who manage the channel (on Slack its creator and workspace admins and owners, on Discord members with Manage Channels) may /news subscribe, unsubscribe, schedule, filter, cap, alert, unalert, pause or resume.",
        "Only newsbot's admins (workspace admins and owners on Slack, members with Manage Server on Discord, and the users in NEWSBOT_ADMINS) may /sources add, remove, rename, move, export or resume.",
      ].join(" "),
      suggestions: [],
    });
  });
});
