// Slash command definitions built from commands/' zod schemas, and registering them: at start-up
// (globally, only when they changed) and with `newsbot discord register --guild <id>`, through the
// function the CLI calls, against the fake Discord.
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { commandDefinitions, sameCommands, type OptionDefinition } from "../../../src/adapters/discord/commands.js";
import { TOKEN_REJECTED } from "../../../src/adapters/discord/connection.js";
import { BOT_PERMISSIONS, inviteUrl } from "../../../src/adapters/discord/permissions.js";
import { registerFromEnvironment } from "../../../src/adapters/discord/register.js";
import { startDiscord } from "../../../src/adapters/discord/start.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { createLog } from "../../../src/log.js";
import { APP_ID, FAKE_TOKEN, GUILD_ID, startFakeDiscord, type FakeDiscord } from "../../fakes/discord-server.js";
import { openTestStorage } from "../../fakes/storage.js";
import { openChat } from "../../../src/adapters/chat-commands.js";

const byName = (options: OptionDefinition[] | undefined, name: string) => options?.find((o) => o.name === name);

describe("command definitions", () => {
  const definitions = commandDefinitions();

  it("defines every command from commands/ once, within Discord's naming and length rules", () => {
    expect(definitions.map((d) => d.name)).toEqual(COMMANDS.map((c) => c.name));
    const check = (options: OptionDefinition[]) => {
      // Required options come before optional ones in every list.
      const required = options.map((o) => Boolean(o.required));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const option of options) {
        expect(option.name).toMatch(/^[a-z0-9_-]{1,32}$/);
        expect(option.description.length).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
        check(option.options ?? []);
      }
    };
    for (const definition of definitions) {
      expect(definition.description.length).toBeLessThanOrEqual(100);
      check(definition.options);
    }
  });

  it("turns the zod schemas' types, limits and descriptions into options", () => {
    const story = definitions.find((d) => d.name === "story")!;
    expect(story.options).toEqual([
      { type: 3, name: "topic", description: "A place, person, organisation or any words, e.g. syria", required: true, min_length: 1, max_length: 2000, autocomplete: true },
      { type: 4, name: "limit", description: "How many stories (1-10)", required: false, min_value: 1, max_value: 10 },
    ]);
    const digest = definitions.find((d) => d.name === "digest")!;
    expect(byName(digest.options, "hours")).toMatchObject({ type: 4, required: false, min_value: 1, max_value: 744 });
    expect(story.default_member_permissions).toBeNull();
  });

  it("makes /news and /sources subcommands; /news needs Manage Channels by default, /sources is open so anyone can list", () => {
    const news = definitions.find((d) => d.name === "news")!;
    expect(news.options.map((o) => [o.name, o.type])).toEqual([
      ["list", 1],
      ["subscribe", 1],
      ["unsubscribe", 1],
      ["schedule", 1],
      ["filter", 1],
      ["test", 1],
      ["cap", 1],
      ["alert", 1],
      ["alerts", 1],
      ["unalert", 1],
      ["pause", 1],
      ["resume", 1],
    ]);
    expect(byName(news.options, "subscribe")!.options).toEqual([expect.objectContaining({ name: "topic", type: 3, required: true, max_length: 100 })]);
    // An alert's role is a string option: typing @role in it sends <@&ROLE>.
    expect(byName(news.options, "alert")!.options!.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ["topic", 3, true],
      ["filter", 3, false],
      ["mention", 3, false],
      ["outlets", 4, false],
      ["hours", 4, false],
    ]);
    const schedule = byName(news.options, "schedule")!.options!;
    expect(schedule.map((o) => [o.name, o.required, o.autocomplete ?? false])).toEqual([
      ["time", true, false],
      ["timezone", false, true],
    ]);
    expect(byName(schedule, "time")!.description).toBe("When the briefing comes, HH:MM");
    const sources = definitions.find((d) => d.name === "sources")!;
    expect(byName(sources.options, "add")!.options!.map((o) => [o.name, o.type, o.required])).toEqual([
      ["target", 3, true],
      ["name", 3, false],
      ["every", 4, false],
      ["keep", 5, false],
    ]);
    expect(news.default_member_permissions).toBe("16");
    expect(sources.default_member_permissions).toBeNull();
  });

  it("recognises the same definitions however Discord echoes them back", () => {
    const echoed = JSON.parse(JSON.stringify(definitions)).reverse().map((d: Record<string, unknown>) => ({ ...d, id: "1", version: "2", nsfw: false }));
    expect(sameCommands(echoed, definitions)).toBe(true);
    echoed[0].description = "changed";
    expect(sameCommands(echoed, definitions)).toBe(false);
    expect(sameCommands("garbage", definitions)).toBe(false);
  });

  it("invites the bot with exactly the permissions it uses", () => {
    expect(BOT_PERMISSIONS.toArray()).toEqual(["ViewChannel", "SendMessages", "EmbedLinks", "CreatePublicThreads", "SendMessagesInThreads"]);
    expect(BOT_PERMISSIONS.bitfield).toBe(309237664768n);
    expect(inviteUrl(APP_ID)).toBe(`https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=309237664768`);
  });
});

describe("registering", () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const puts = (f: FakeDiscord) => f.requests.filter((r) => r.method === "PUT");

  it("registers the commands globally at start-up, and not again when nothing changed", async () => {
    fake = await startFakeDiscord();
    const store = await openTestStorage();
    try {
      for (let start = 0; start < 2; start++) {
        const adapter = await startDiscord(openChat(new Newsroom(store)), { token: FAKE_TOKEN, apiUrl: fake.apiUrl }, createLog("silent"));
        await adapter.stop();
      }
    } finally {
      await store.close();
    }
    // The second start compared what Discord had with the definitions and sent nothing.
    expect(puts(fake).map((r) => r.path)).toEqual([`/applications/${APP_ID}/commands`]);
    expect(fake.requests.filter((r) => r.method === "GET" && r.path === `/applications/${APP_ID}/commands`)).toHaveLength(2);
    expect(fake.commands.global.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
  });

  it("registers in one server with --guild, says what it did, and says when nothing needed doing", async () => {
    fake = await startFakeDiscord();
    const env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl, NEWSBOT_LOG_LEVEL: "silent" };
    const line = await registerFromEnvironment(env, GUILD_ID);
    expect(line).toBe(`Registered 5 commands in server ${GUILD_ID} (/story, /digest, /news, /sources, /help): they show there at once.`);
    expect(puts(fake).map((r) => r.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(fake.commands.guild.get(GUILD_ID)?.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(fake.commands.global).toEqual([]);
    expect(fake.requests.some((r) => r.path === "/applications/@me")).toBe(true);

    expect(await registerFromEnvironment(env, GUILD_ID)).toBe(`The commands in server ${GUILD_ID} are up to date (/story, /digest, /news, /sources, /help); nothing to register.`);
    expect(puts(fake)).toHaveLength(1);

    expect(await registerFromEnvironment(env)).toMatch(/^Registered 5 commands globally/);
  });

  it("refuses a missing or rejected token and a malformed server id in one line", async () => {
    fake = await startFakeDiscord();
    await expect(registerFromEnvironment({ DISCORD_API_URL: fake.apiUrl })).rejects.toThrow(/^set DISCORD_TOKEN/);
    await expect(registerFromEnvironment({ DISCORD_TOKEN: "wrong.token", DISCORD_API_URL: fake.apiUrl })).rejects.toThrow(TOKEN_REJECTED);
    await expect(registerFromEnvironment({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl }, "my-server")).rejects.toThrow(/^--guild: expected a server id/);
    expect(puts(fake)).toHaveLength(0);
  });
});
