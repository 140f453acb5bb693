import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionOf, COMMANDS, findCommand, runCommand, runCommandLine } from "../../commands/index.js";
import { LOCAL_OPERATOR } from "../../commands/command.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
let store: Storage;
let newsroom: Newsroom;

beforeAll(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW);
  await ingestArticles(
    [{ title: "Iraq budget passes", body: "Iraqi lawmakers passed the budget on Sunday. The vote was close. Ministers welcomed it." }],
    ingestInto(store),
    () => NOW,
  );
});
afterAll(() => store.close());

describe("commands", () => {
  it("defines story, digest, news, sources and help once, each action with a zod schema, and a usage line", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(["story", "digest", "news", "sources", "help"]);
    for (const command of COMMANDS) expect(command.usage.startsWith(`/${command.name}`)).toBe(true);
    const acceptsNothing = COMMANDS.map((c) => {
      const found = actionOf(c, c.fromText(""));
      return "action" in found && found.action.options.safeParse(found.options).success;
    });
    expect(acceptsNothing).toEqual([false, true, true, true, true]);
  });

  it("gives each action words, suggestions and examples its own schema has, and says who may run it", () => {
    for (const command of COMMANDS) {
      for (const action of command.actions) {
        const fields = Object.keys(action.options.shape);
        const words = action.words ?? [];
        for (const word of words) expect(fields).toContain(word.field);
        // Only the last word may take the rest of the text.
        expect(words.slice(0, -1).some((w) => w.rest)).toBe(false);
        for (const field of Object.keys(action.suggest ?? {})) expect(fields).toContain(field);
        for (const example of action.examples ?? []) expect(action.options.safeParse(example).success).toBe(true);
      }
    }
    expect(COMMANDS.map((c) => [c.name, c.actions.map((a) => `${a.name ?? c.name}:${a.permission ?? "anyone"}`)])).toEqual([
      ["story", ["story:anyone"]],
      ["digest", ["digest:anyone"]],
      ["news", ["list:anyone", "subscribe:manager", "unsubscribe:manager", "schedule:manager", "filter:manager", "test:anyone", "cap:manager", "alert:manager", "alerts:anyone", "unalert:manager", "pause:manager", "resume:manager"]],
      ["sources", ["list:anyone", "add:admin", "remove:admin", "rename:admin", "move:admin", "export:admin", "resume:admin"]],
      ["help", ["help:anyone"]],
    ]);
  });

  it("refuses an action a command does not have, naming those it has", async () => {
    for (const raw of [{ action: "frobnicate" }, { action: "LIST" }]) {
      const reply = await runCommand(findCommand("news")!, raw, newsroom, LOCAL_OPERATOR);
      expect(reply).toMatchObject({ title: expect.stringMatching(/^Usage: \/news \[list \| subscribe/), failed: true });
      expect(reply.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(/^say list, subscribe, unsubscribe, schedule, filter, test, cap, alert, alerts, unalert, pause or resume, for example/) });
    }
  });

  it("runs /story from a typed line", async () => {
    const reply = await runCommandLine("/story iraq", newsroom, LOCAL_OPERATOR);
    expect(reply.cards).toEqual([expect.objectContaining({ type: "story", headline: "Iraq budget passes" })]);
  });

  it("runs /digest with hours typed as 48, 48h or 48 hours", async () => {
    for (const typed of ["/digest", "/digest 48", "/digest 48h", "/digest 48 hours"]) {
      const reply = await runCommandLine(typed, newsroom, LOCAL_OPERATOR);
      expect(reply.cards[0]).toMatchObject({ type: "story", headline: "Iraq budget passes" });
    }
  });

  it("explains bad options instead of failing", async () => {
    const empty = await runCommandLine("/story   ", newsroom, LOCAL_OPERATOR);
    expect(empty.cards[0]).toMatchObject({ type: "notice", text: "say which topic, for example /story syria" });
    const tooLong = await runCommandLine(`/story ${"a".repeat(2001)}`, newsroom, LOCAL_OPERATOR);
    expect(tooLong.cards[0]).toMatchObject({ type: "notice", text: "a topic is at most 2,000 characters" });
    const badHours = await runCommandLine("/digest soon", newsroom, LOCAL_OPERATOR);
    expect(badHours.title).toBe("Usage: /digest [hours]");
    const badLimit = await runCommand(findCommand("story")!, { topic: "iraq", limit: 99 }, newsroom, LOCAL_OPERATOR);
    expect(badLimit.cards[0]?.type).toBe("notice");
    expect([empty, tooLong, badHours, badLimit].map((reply) => reply.failed)).toEqual([true, true, true, true]);
    expect((await runCommandLine("/story iraq", newsroom, LOCAL_OPERATOR)).failed).toBeUndefined();
  });

  it("lists the commands for /help and for an unknown command", async () => {
    const help = await runCommandLine("/help", newsroom, LOCAL_OPERATOR);
    expect(help.cards[0]).toMatchObject({ type: "help" });
    expect(help.cards[0]?.type === "help" && help.cards[0].commands.map((c) => c.usage)).toEqual([
      "/story <topic>",
      "/digest [hours]",
      "/news [list | subscribe <topic> | unsubscribe <topic> | schedule <HH:MM> [timezone] | filter <filter> | test <filter> | cap <max> | alert <topic> [filter] | alerts | unalert <topic> | pause | resume]",
      "/sources [list | add <feed url> [name] [--keep] | remove <id> | rename <id> <name> | move <id> <new url> | export | resume <id>]",
      "/help",
    ]);
    const unknown = await runCommandLine("/weather", newsroom, LOCAL_OPERATOR);
    expect(unknown.title).toBe('Unknown command "/weather"');
    expect(unknown.failed).toBe(true);
    expect(help.failed).toBeUndefined();
  });
});
