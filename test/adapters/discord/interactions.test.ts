// Slash commands, autocomplete and buttons, end to end: the real discord.js client connected to the
// fake Discord's gateway receives INTERACTION_CREATE, and the answers are read from what the fake's
// REST routes received (interaction callbacks, webhook edits and follow-ups).
import { afterEach, describe, expect, it } from "vitest";
import { discordMessages } from "../../../src/adapters/discord/render.js";
import type { StoryCard } from "../../../src/core/card.js";
import type { Delivery } from "../../../src/core/delivery/outbox.js";
import { NOW, startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { withArticles } from "../../fakes/storage.js";
import {
  DM_CHANNEL,
  FORUM_CHANNEL,
  MUTED_ID,
  READER_ID,
  TEXT_CHANNEL,
  buttonInteraction,
  commandInteraction,
  messagePayload,
  type CommandOption,
  type Who,
} from "../../fakes/discord-world.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;

let bot: TestBot;
afterEach(async () => {
  await bot?.stop();
});

async function ask(name: string, options: CommandOption[], who: Who, followups = 0) {
  const interaction = commandInteraction(name, options, who);
  bot.fake.interact(interaction);
  return bot.fake.answered(interaction.id, followups);
}

async function complete(name: string, options: CommandOption[], who: Who = { as: "reader" }) {
  const interaction = commandInteraction(name, options, who, 4);
  bot.fake.interact(interaction);
  return bot.fake.answered(interaction.id);
}

async function click(customId: string, on: Json, who: Who) {
  const interaction = buttonInteraction(customId, messagePayload({ id: "990000000000000001", channelId: TEXT_CHANNEL, body: on }), who);
  bot.fake.interact(interaction);
  return bot.fake.answered(interaction.id);
}

const embedsOf = (message: Json | undefined) => (message?.embeds ?? []) as Json[];
const titles = (message: Json | undefined) => embedsOf(message).map((e) => e.title);
const buttons = (message: Json | undefined) =>
  ((message?.components ?? []) as Array<{ components: Array<{ label: string; custom_id: string }> }>).flatMap((row) => row.components);
const subcommand = (name: string, options: CommandOption[] = []): CommandOption[] => [{ name, type: 1, options }];

describe("/story", () => {
  it("answers /story syria privately with the embeds the renderer makes of the newsroom's cards", async () => {
    bot = await startTestBot();
    const expected = await bot.newsroom.findStories("syria");
    const answer = await ask("story", [{ name: "topic", type: 3, value: "syria" }], { as: "reader" });

    expect(answer.types).toEqual([4]);
    const [message] = answer.messages;
    expect(message!.flags).toBe(EPHEMERAL);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.content).toBe(discordMessages(expected)[0]!.content);
    expect(embedsOf(message)).toEqual(discordMessages(expected)[0]!.embeds);
    expect(titles(message)).toEqual(expect.arrayContaining(["Talks resume in Damascus", "Aid convoys reach northern Syria"]));
    expect(titles(message)).not.toContain("Iraq budget passes after long night");
    // One row per story: Share (naming the story) and More like this, with ids only in custom_id; and
    // Share to channel for the whole answer, carrying the options to run it again with.
    const stories = expected.cards as StoryCard[];
    expect(buttons(message).map((b) => b.custom_id)).toEqual([...stories.flatMap((s) => [`share:${s.storyId}`, `more:${s.storyId}`]), 'answer:story:{"topic":"syria"}']);
    expect(buttons(message).at(-1)!.label).toBe("Share to channel");
    expect(buttons(message)[0]!.label).toBe(`Share: ${stories[0]!.headline}`);
  });

  it("links each story to its discussion thread in the channel", async () => {
    bot = await startTestBot();
    const [card] = (await bot.newsroom.findStories("damascus")).cards as StoryCard[];
    const url = "https://discord.com/channels/910000000000000001/980000000000000001";
    await bot.store.threads.save({ platform: "discord", channel: TEXT_CHANNEL, storyId: Number(card!.storyId), threadId: "980000000000000001", url, postedAt: new Date() });

    const answer = await ask("story", [{ name: "topic", type: 3, value: "damascus" }], { as: "reader" });
    const fields = embedsOf(answer.messages[0])[0]!.fields as Json[];
    expect(fields).toContainEqual({ name: "Discussion", value: `[Join the discussion](${url})` });
  });

  it("says what is closest when nothing matches, and explains bad options", async () => {
    bot = await startTestBot();
    const none = await ask("story", [{ name: "topic", type: 3, value: "syira" }], { as: "reader" });
    expect(none.messages[0]!.content).toBe('**Nothing on "syira"**');
    expect(String(embedsOf(none.messages[0])[0]!.description)).toContain("• Syria");
    const tooMany = await ask("story", [{ name: "topic", type: 3, value: "syria" }, { name: "limit", type: 4, value: 99 }], { as: "reader" });
    expect(tooMany.messages[0]!.content).toBe("**Usage: /story \\<topic\\>**");
  });

  it("defers the reply when the work takes longer than a moment, then edits it in", async () => {
    const slow = { on: false };
    bot = await startTestBot({
      wrapStore: (store) =>
        withArticles(store, {
          textMatches: async (...args) => {
            if (slow.on) await new Promise((resolve) => setTimeout(resolve, 1_900));
            return store.articles.textMatches(...args);
          },
        }),
    });
    slow.on = true;
    const answer = await ask("story", [{ name: "topic", type: 3, value: "syria" }], { as: "reader" });
    expect(answer.callbacks).toEqual([{ type: 5, data: { flags: EPHEMERAL } }]);
    expect(titles(answer.messages[0])).toContain("Talks resume in Damascus");
    expect(answer.messages[0]!.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("when the newsroom fails", () => {
  it("says so privately instead of leaving the command unanswered, and autocomplete offers nothing", async () => {
    const broken = (store: TestBot["store"]) =>
      withArticles(store, {
        textMatches: async () => Promise.reject(new Error("disk on fire")),
        knownTopics: async () => Promise.reject(new Error("disk on fire")),
      });
    bot = await startTestBot({ wrapStore: broken });
    const answer = await ask("story", [{ name: "topic", type: 3, value: "syria" }], { as: "reader" });
    expect(answer.messages[0]).toMatchObject({ content: "**Sorry, /story failed**", flags: EPHEMERAL });
    expect(JSON.stringify(answer.messages[0])).not.toContain("disk on fire");
    const typed = await complete("story", [{ name: "topic", type: 3, value: "sy", focused: true }]);
    expect(typed.choices).toEqual([]);
  });
});

describe("/story autocomplete", () => {
  it("offers at most 25 known topics and places matching what was typed, without deferring", async () => {
    bot = await startTestBot();
    const typed = await complete("story", [{ name: "topic", type: 3, value: "sy", focused: true }]);
    expect(typed.types).toEqual([8]);
    const names = typed.choices!.map((c) => c.name as string);
    expect(names[0]).toBe("Syria");
    expect(names.length).toBeLessThanOrEqual(25);
    for (const name of names) expect(name.toLowerCase()).toContain("sy");
    for (const choice of typed.choices!) expect(choice.value).toBe(choice.name);

    // Stored topics come first; countries no article mentions are offered too.
    const person = await complete("story", [{ name: "topic", type: 3, value: "sousan", focused: true }]);
    expect(person.choices!.map((c) => c.name)).toEqual(["Ayman Sousan"]);
    const country = await complete("story", [{ name: "topic", type: 3, value: "mongol", focused: true }]);
    expect(country.choices!.map((c) => c.name)).toEqual(["Mongolia"]);

    const nothing = await complete("story", [{ name: "topic", type: 3, value: "", focused: true }]);
    expect(nothing.choices).toHaveLength(25);
  });

  it("completes /news unsubscribe from the channel's own topics and /news schedule's timezone", async () => {
    bot = await startTestBot();
    await ask("news", subcommand("subscribe", [{ name: "topic", type: 3, value: "syria" }]), { as: "manager" });
    await ask("news", subcommand("subscribe", [{ name: "topic", type: 3, value: "iraq" }]), { as: "manager" });
    const topics = await complete("news", subcommand("unsubscribe", [{ name: "topic", type: 3, value: "", focused: true }]));
    expect(topics.choices!.map((c) => c.name)).toEqual(["syria", "iraq"]);
    const zones = await complete("news", subcommand("schedule", [{ name: "time", type: 3, value: "07:30" }, { name: "timezone", type: 3, value: "lond", focused: true }]));
    expect(zones.choices!.map((c) => c.name)).toEqual(["Europe/London"]);
  });
});

describe("/news and permissions", () => {
  const subscribe = subcommand("subscribe", [{ name: "topic", type: 3, value: "syria" }]);

  it("refuses /news subscribe to a member without Manage Channels, and lets a manager subscribe", async () => {
    bot = await startTestBot();
    const refused = await ask("news", subscribe, { as: "reader" });
    expect(refused.messages[0]!.content).toBe("**Not allowed**");
    expect(refused.messages[0]!.flags).toBe(EPHEMERAL);
    expect(await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL })).toBeUndefined();

    const allowed = await ask("news", subscribe, { as: "manager" });
    expect(allowed.messages[0]!.content).toBe('**Following "syria"**');
    expect((await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL }))?.topics).toEqual(["syria"]);

    // Anyone may list what the channel follows.
    const listed = await ask("news", subcommand("list"), { as: "reader" });
    expect(String(embedsOf(listed.messages[0])[0]!.description)).toContain("syria");
  });

  it("lets anyone set up their own DM", async () => {
    bot = await startTestBot();
    const answer = await ask("news", subscribe, { as: "dm" });
    expect(answer.messages[0]!.content).toBe('**Following "syria"**');
    expect((await bot.store.channels.get({ platform: "discord", channel: DM_CHANNEL }))?.topics).toEqual(["syria"]);
  });

  it("runs /news schedule and /sources list as the terminal would", async () => {
    bot = await startTestBot();
    const options = [{ name: "time", type: 3, value: "7:30" }, { name: "timezone", type: 3, value: "Europe/London" }];
    const scheduled = await ask("news", subcommand("schedule", options), { as: "manager" });
    const settings = await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL });
    expect(settings).toMatchObject({ time: "07:30", timezone: "Europe/London" });
    expect(scheduled.messages[0]!.flags).toBe(EPHEMERAL);
    const sources = await ask("sources", subcommand("list"), { as: "reader" });
    expect(sources.messages[0]!.content).toBe("**No sources yet**");
    const refused = await ask("sources", subcommand("add", [{ name: "target", type: 3, value: "https://example.com/feed.xml" }]), { as: "reader" });
    expect(refused.messages[0]!.content).toBe("**Not allowed**");
    expect(await bot.store.sources.list()).toEqual([]);
  });

  it("lets members with Manage Server and users in NEWSBOT_ADMINS change the sources, not one with Manage Channels", async () => {
    bot = await startTestBot({ admins: [MUTED_ID] });
    for (const url of ["https://example.com/world.xml", "https://example.com/region.xml"]) await bot.store.sources.add({ url }, "user", NOW);
    const remove = (id: string) => subcommand("remove", [{ name: "target", type: 3, value: id }]);
    const urls = async () => (await bot.store.sources.list()).map((s) => s.url);

    const refused = await ask("sources", remove("2"), { as: "manager" });
    expect(refused.messages[0]).toMatchObject({ content: "**Not allowed**", flags: EPHEMERAL });
    expect(String(embedsOf(refused.messages[0])[0]!.description)).toContain("members with Manage Server on Discord");
    // Owning a DM makes no one an admin.
    expect((await ask("sources", remove("2"), { as: "dm" })).messages[0]!.content).toBe("**Not allowed**");
    expect(await urls()).toEqual(["https://example.com/world.xml", "https://example.com/region.xml"]);

    expect((await ask("sources", remove("2"), { as: "admin" })).messages[0]!.content).toBe("**Stopped following example.com**");
    // Listed in NEWSBOT_ADMINS, without any permission to manage the server or the channel.
    expect((await ask("sources", remove("1"), { as: "muted" })).messages[0]!.content).toBe("**Stopped following example.com**");
    expect(await urls()).toEqual([]);
  });

  it("answers /help and /digest", async () => {
    bot = await startTestBot();
    const help = await ask("help", [], { as: "reader" });
    expect(embedsOf(help.messages[0])[0]!.title).toBe("Commands");
    const digest = await ask("digest", [{ name: "hours", type: 4, value: 24 }], { as: "reader" });
    const expected = await bot.newsroom.digest(24);
    expect(digest.messages[0]!.content).toBe(discordMessages(expected)[0]!.content);
    expect(titles(digest.messages[0])).toEqual((expected.cards as StoryCard[]).map((c) => c.headline));
  });
});

describe("story buttons", () => {
  it("shares a story to the channel for everyone, without pinging anyone", async () => {
    bot = await startTestBot();
    const story = await ask("story", [{ name: "topic", type: 3, value: "damascus" }], { as: "reader" });
    const share = buttons(story.messages[0]).find((b) => b.custom_id.startsWith("share:"))!;
    const shared = await click(share.custom_id, { ...story.messages[0], flags: EPHEMERAL }, { as: "reader" });

    expect(shared.types).toEqual([4]);
    const [message] = shared.messages;
    expect(message!.flags ?? 0).toBe(0);
    expect(message!.content).toBe(`<@${READER_ID}> shared this story`);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(titles(message)).toEqual(["Talks resume in Damascus"]);
    expect(buttons(message).map((b) => b.label)).toEqual(["More like this"]);
  });

  it("shares a /story answer to the channel with Share to channel, naming who shared it", async () => {
    bot = await startTestBot();
    const story = await ask("story", [{ name: "topic", type: 3, value: "syria" }], { as: "reader" });
    const share = buttons(story.messages[0]).find((b) => b.label === "Share to channel")!;
    const shared = await click(share.custom_id, { ...story.messages[0], flags: EPHEMERAL }, { as: "reader" });

    const [message] = shared.messages;
    expect(message!.flags ?? 0).toBe(0);
    expect(message!.content).toBe(`<@${READER_ID}> shared this: ${story.messages[0]!.content}`);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(titles(message)).toEqual(titles(story.messages[0]));
    // For everyone: More like this under each story, nothing to share again.
    expect(new Set(buttons(message).map((b) => b.label))).toEqual(new Set(["More like this"]));
  });

  it("does not share for someone who may not post in the channel", async () => {
    bot = await startTestBot();
    const story = await ask("story", [{ name: "topic", type: 3, value: "damascus" }], { as: "muted" });
    const share = buttons(story.messages[0]).find((b) => b.custom_id.startsWith("share:"))!;
    const refused = await click(share.custom_id, { ...story.messages[0], flags: EPHEMERAL }, { as: "muted" });
    expect(refused.messages[0]).toMatchObject({ content: "**Not allowed**", flags: EPHEMERAL });
  });

  it("answers More like this privately with other stories on the same names", async () => {
    bot = await startTestBot();
    const story = await ask("story", [{ name: "topic", type: 3, value: "damascus" }], { as: "reader" });
    const more = buttons(story.messages[0]).find((b) => b.custom_id.startsWith("more:"))!;
    const answer = await click(more.custom_id, story.messages[0]!, { as: "reader" });
    expect(answer.messages[0]!.flags).toBe(EPHEMERAL);
    // Titled by what it searched for: Syria, the story's most mentioned name.
    expect(answer.messages[0]!.content).toBe("**More like this: Syria**");
    // Other stories about Syria, the story's most mentioned name; not the story itself.
    expect(titles(answer.messages[0])).toEqual(expect.arrayContaining(["Aid convoys reach northern Syria"]));
    expect(titles(answer.messages[0])).not.toContain("Talks resume in Damascus");
    expect(buttons(answer.messages[0]).some((b) => b.custom_id.startsWith("share:"))).toBe(true);
  });

  it("checks Manage Channels again when Unsubscribe is clicked", async () => {
    bot = await startTestBot();
    await ask("news", subcommand("subscribe", [{ name: "topic", type: 3, value: "syria" }]), { as: "manager" });
    const [card] = (await bot.newsroom.findStories("damascus")).cards as StoryCard[];
    const customId = `unsub:${card!.storyId}:${TEXT_CHANNEL}:syria`;

    const refused = await click(customId, {}, { as: "reader" });
    expect(refused.messages[0]!.content).toBe("**Not allowed**");
    expect(refused.messages[0]!.flags).toBe(EPHEMERAL);
    expect((await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL }))?.topics).toEqual(["syria"]);

    const done = await click(customId, {}, { as: "manager" });
    expect(String(done.messages[0]!.content)).toContain('"syria"');
    expect((await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL }))?.topics).toEqual([]);
  });

  it("unsubscribes from the one topic its button names, leaving the channel's other topics", async () => {
    bot = await startTestBot();
    for (const topic of ["syria", "damascus"]) await ask("news", subcommand("subscribe", [{ name: "topic", type: 3, value: topic }]), { as: "manager" });
    const [card] = (await bot.newsroom.findStories("damascus")).cards as StoryCard[];
    const done = await click(`unsub:${card!.storyId}:${TEXT_CHANNEL}:damascus`, {}, { as: "manager" });
    expect(done.messages[0]!.content).toBe('**No longer following "damascus"**');
    expect((await bot.store.channels.get({ platform: "discord", channel: TEXT_CHANNEL }))?.topics).toEqual(["syria"]);
  });

  it("answers a button it does not know privately instead of failing", async () => {
    bot = await startTestBot();
    const answer = await click("vote:12", {}, { as: "reader" });
    expect(answer.messages[0]!.content).toBe("**Unknown button**");
  });
});

describe("mentions", () => {
  it("sends allowed_mentions with nothing to parse on every message the fake received", async () => {
    bot = await startTestBot();
    const story = await ask("story", [{ name: "topic", type: 3, value: "syria" }], { as: "reader" });
    const [share, more] = buttons(story.messages[0]);
    await click(share!.custom_id, { ...story.messages[0], flags: EPHEMERAL }, { as: "reader" });
    await click(more!.custom_id, story.messages[0]!, { as: "reader" });
    await ask("news", subcommand("subscribe", [{ name: "topic", type: 3, value: "syria" }]), { as: "manager" });
    await ask("help", [], { as: "reader" });
    // A briefing to the text channel and to the forum, through the adapter's courier.
    const cards = (await bot.newsroom.findStories("syria")).cards;
    for (const channel of [TEXT_CHANNEL, FORUM_CHANNEL]) {
      const payload = { digest: "morning", slot: NOW.toISOString(), late: false, title: "Your morning briefing", cards };
      const delivery: Delivery = {
        ...{ id: 1, digest: "morning", slot: NOW, target: { platform: "discord", channel }, targetKey: `discord:${channel}`, idempotencyKey: `key-${channel}` },
        ...{ late: false, status: "pending", payload, stories: [], attempts: 0, partsSent: 0, createdAt: NOW },
      };
      const messages = bot.adapter.courier.messages(delivery);
      for (const [i, message] of messages.entries()) expect(await bot.adapter.courier.send(delivery, message, `key-${channel}-${i}`)).toEqual({ ok: true });
    }

    const bodies = bot.fake.messageBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(12);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});
