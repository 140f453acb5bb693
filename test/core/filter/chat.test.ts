// /news filter, /news test, /news cap and /sources rename through both chat adapters: the real Bolt
// app against the fake Slack, the real discord.js client against the fake Discord.
import { afterEach, describe, expect, it } from "vitest";
import { NOW, startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { commandInteraction, TEXT_CHANNEL, type CommandOption, type Who } from "../../fakes/discord-world.js";
import { textOf, waitFor, type ResponseUrlPost } from "../../fakes/slack-api.js";
import { startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { FORM, postSigned, slashCommand } from "../../fakes/slack-requests.js";

type Json = Record<string, unknown>;

describe("on Discord", () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
  });

  async function ask(name: string, action: string, options: CommandOption[], who: Who) {
    const interaction = commandInteraction(name, [{ name: action, type: 1, options }], who);
    bot.fake.interact(interaction);
    const message = (await bot.fake.answered(interaction.id)).messages[0]!;
    const embeds = (message.embeds ?? []) as Json[];
    return { title: message.content, text: embeds.map((e) => String(e.description ?? "")).join("\n") };
  }
  const filter = (value: string): CommandOption[] => [{ name: "filter", type: 3, value }];
  const here = { platform: "discord", channel: TEXT_CHANNEL } as const;

  it("sets a channel's filter and cap for its managers, and tests a filter for anyone", async () => {
    bot = await startTestBot();
    expect(await ask("news", "filter", filter("place:syria"), { as: "reader" })).toMatchObject({ title: "**Not allowed**" });
    expect(await bot.store.channels.get(here)).toBeUndefined();

    const set = await ask("news", "filter", filter('syria -source:"relief daily"'), { as: "manager" });
    expect(set.title).toBe("**Filter set**");
    expect((await ask("news", "cap", [{ name: "max", type: 3, value: "1" }], { as: "manager" })).title).toBe("**Cap per outlet set**");
    expect(await bot.store.channels.get(here)).toMatchObject({ filter: 'syria -source:"relief daily"', maxPerSource: 1 });

    const tested = await ask("news", "test", filter("damascus OR baghdad"), { as: "reader" });
    expect(tested.title).toMatch(/^\*\*The filter would take \d of \d+ stories from the last 24 hours\*\*$/);
    expect(tested.text).toContain("Talks resume in Damascus");
    expect(tested.text).toContain("taken: damascus");

    const unreadable = await ask("news", "filter", filter("syria AND"), { as: "manager" });
    expect(unreadable.title).toBe("**Cannot read that filter**");
    expect(unreadable.text).toContain("at character 10: expected a word");
    expect(await bot.store.channels.get(here)).toMatchObject({ filter: 'syria -source:"relief daily"' });
  });

  it("renames a source for newsbot's admins", async () => {
    bot = await startTestBot();
    const { source } = await bot.store.sources.add({ url: "https://example.com/world.xml" }, "user", NOW);
    const rename: CommandOption[] = [{ name: "target", type: 3, value: String(source.id) }, { name: "name", type: 3, value: "World desk" }];
    expect((await ask("sources", "rename", rename, { as: "manager" })).title).toBe("**Not allowed**");
    expect((await ask("sources", "rename", rename, { as: "admin" })).title).toBe("**Renamed example.com to World desk**");
    expect(await bot.store.sources.get(source.id)).toMatchObject({ name: "World desk" });
  });
});

describe("on Slack", () => {
  let slack: TestSlack;
  afterEach(async () => {
    await slack?.close();
  });
  const USERS = { UCREATOR: {}, UMEMBER: {} };
  const CHANNELS = { C1: { creator: "UCREATOR" } };

  async function command(text: string, user: string, id: string): Promise<ResponseUrlPost> {
    await postSigned(slack.eventsUrl, slashCommand("/news", text, { user, channel: "C1", responseUrl: slack.fake.responseUrl(id) }), FORM);
    await waitFor(() => slack.fake.responses.some((r) => r.id === id), `the answer to ${id}`);
    return slack.fake.responses.find((r) => r.id === id)!;
  }

  it("reads a filter as Slack sends it (with > escaped), and tests one for anyone", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    // Slack escapes &, < and > in the text of a slash command.
    const set = await command("filter outlets&gt;=1 -source:sport", "UCREATOR", "filter");
    expect(set.body.text).toBe("Filter set");
    expect(await slack.store.channels.get({ platform: "slack", channel: "C1" })).toMatchObject({ filter: "outlets>=1 -source:sport" });
    expect((await command("filter syria", "UMEMBER", "refused")).body.text).toBe("Not allowed");

    const tested = await command("test damascus OR aleppo", "UMEMBER", "test");
    expect(tested.body.text).toBe("The filter would take 2 of 3 stories from the last 24 hours");
    expect(textOf(tested.body.blocks)).toContain("Local football club wins cup");
    expect(textOf(tested.body.blocks)).toContain("dropped: damascus (not in the story), aleppo (not in the story)");
  });
});
