import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS, findCommand, runCommand, runCommandLine } from "../../commands/index.js";
import { LOCAL_OPERATOR } from "../../commands/command.js";
import { ingestArticles } from "../../src/core/intake.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const NOW = new Date("2026-11-27T08:00:00Z");
let store: SqliteStore;
let newsroom: Newsroom;

beforeAll(async () => {
  store = new SqliteStore(":memory:");
  newsroom = new Newsroom(store, () => NOW);
  await ingestArticles(
    [{ title: "Iraq budget passes", body: "Iraqi lawmakers passed the budget on Sunday. The vote was close. Ministers welcomed it." }],
    store,
    () => NOW,
  );
});
afterAll(() => store.close());

describe("commands", () => {
  it("defines story, digest, news, sources and help once, each with a zod schema and a usage line", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(["story", "digest", "news", "sources", "help"]);
    for (const command of COMMANDS) expect(command.usage.startsWith(`/${command.name}`)).toBe(true);
    const acceptsNothing = COMMANDS.map((c) => c.options.safeParse(c.fromText("")).success);
    expect(acceptsNothing).toEqual([false, true, true, true, true]);
  });

  it("describes each action of /news and /sources with fields its schema has", () => {
    for (const command of COMMANDS.filter((c) => c.actions)) {
      const fields = Object.keys(command.options.shape);
      for (const action of Object.values(command.actions!)) {
        for (const field of [...(action.required ?? []), ...(action.optional ?? [])]) expect(fields).toContain(field);
      }
      // Every action is one the option accepts, and nothing else is.
      for (const name of Object.keys(command.actions!)) expect(command.options.safeParse({ action: name }).success).toBe(true);
      expect(command.options.safeParse({ action: "frobnicate" }).success).toBe(false);
    }
    expect(COMMANDS.map((c) => [c.name, c.changedBy])).toEqual([
      ["story", undefined],
      ["digest", undefined],
      ["news", "manager"],
      ["sources", "admin"],
      ["help", undefined],
    ]);
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
      "/news [list | subscribe <topic> | unsubscribe <topic> | schedule <HH:MM> [timezone] | pause | resume]",
      "/sources [list | add <feed url> [name] [--keep] | remove <id> | resume <id>]",
      "/help",
    ]);
    const unknown = await runCommandLine("/weather", newsroom, LOCAL_OPERATOR);
    expect(unknown.title).toBe('Unknown command "/weather"');
    expect(unknown.failed).toBe(true);
    expect(help.failed).toBeUndefined();
  });
});
