// Alerts to Discord channels through the real queue, the ChatCourier and discord.js's REST client,
// against the fake Discord: posted once, into the story's thread when it has one (else as a message
// that starts one), with the chosen role mentioned and allowed_mentions naming exactly that role,
// and nothing else allowed to ping.
import { afterEach, describe, expect, it } from "vitest";
import { AlertWatch } from "../../../src/core/alerts/watch.js";
import { DigestDefinition } from "../../../src/core/delivery/definition.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { NOW, startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { TEXT_CHANNEL } from "../../fakes/discord-world.js";

type Json = Record<string, unknown>;
const ROLE = "940000000000000001";

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe("alerts to Discord", () => {
  it("posts an alert once into the story's thread, mentioning only the chosen role", async () => {
    bot = await startTestBot();
    const b = bot;
    const queue = new DeliveryQueue(b.store, () => b.adapter.courier, {}, { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 });
    const morning = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", topics: ["damascus"], targets: [{ platform: "discord", channel: TEXT_CHANNEL }] });
    await new DigestScheduler(b.newsroom, queue, async () => [morning]).handleSlot(morning, new Date(NOW.getTime() - 3_600_000), false);
    await queue.idle();
    const story = (await b.newsroom.findStories("damascus")).cards.find((c) => c.type === "story")!;
    const storyId = Number(story.type === "story" ? story.storyId : 0);
    const thread = (await b.store.threads.forStories({ platform: "discord", channel: TEXT_CHANNEL }, [storyId])).get(storyId)!;
    const before = b.fake.requests.length;

    await b.store.alerts.save({ platform: "discord", channel: TEXT_CHANNEL, topic: "damascus", mention: ROLE, minOutlets: 1, withinHours: 3, createdAt: NOW });
    const watch = new AlertWatch(b.newsroom, (d) => queue.enqueue(d));
    expect(await watch.storiesTouched([storyId])).toHaveLength(1);
    expect(await watch.storiesTouched([storyId])).toHaveLength(0);
    await queue.idle();

    const sent = b.fake.requests.slice(before).filter((r) => r.method === "POST" && /\/messages$/.test(r.path));
    expect(sent.map((r) => r.path)).toEqual([`/channels/${thread.threadId}/messages`]);
    const body = sent[0]!.body as Json;
    expect(body.content).toBe(`<@&${ROLE}> **Alert on “damascus”: reported by 1 outlet within 3 hours**`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    // Every other message newsbot sent allowed no mention at all.
    const others = b.fake.requests.filter((r) => r.method === "POST" && /\/messages$/.test(r.path) && r !== sent[0]);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => JSON.stringify((r.body as Json).allowed_mentions) === JSON.stringify({ parse: [] }))).toBe(true);
  });

  it("posts an alert without a thread as a new message that starts the story's thread, pinging nobody when no role was chosen; one over the budget is named in the next briefing", async () => {
    bot = await startTestBot();
    const b = bot;
    const queue = new DeliveryQueue(b.store, () => b.adapter.courier, {}, { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 });
    await b.store.alerts.save({ platform: "discord", channel: TEXT_CHANNEL, topic: "damascus", minOutlets: 1, withinHours: 3, createdAt: NOW });
    await b.store.alerts.save({ platform: "discord", channel: TEXT_CHANNEL, topic: "iraq", minOutlets: 1, withinHours: 8, createdAt: NOW });
    const idOf = async (topic: string) => Number((await b.newsroom.findStories(topic)).cards.flatMap((c) => (c.type === "story" ? [c.storyId] : []))[0]);
    const ids = [await idOf("damascus talks"), await idOf("iraq budget")];
    const recorded = await new AlertWatch(b.newsroom, (d) => queue.enqueue(d), { perHour: 1 }).storiesTouched(ids);
    expect(recorded).toHaveLength(1);
    const [delivery] = recorded;
    await queue.idle();
    const storyId = delivery!.stories[0]!.storyId;
    const sent = b.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${TEXT_CHANNEL}/messages`);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as Json).content).toBe("**Alert on “damascus”: reported by 1 outlet within 3 hours**");
    expect((sent[0]!.body as Json).allowed_mentions).toEqual({ parse: [] });
    expect((await b.store.threads.forStories({ platform: "discord", channel: TEXT_CHANNEL }, [storyId])).get(storyId)).toBeDefined();

    // The channel's next briefing opens with the alert it held back.
    const morning = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", topics: ["syria"], targets: [{ platform: "discord", channel: TEXT_CHANNEL }] });
    await new DigestScheduler(b.newsroom, queue, async () => [morning]).handleSlot(morning, new Date(NOW.getTime() + 60_000), false);
    await queue.idle();
    const opening = b.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${TEXT_CHANNEL}/messages`)[1]!.body;
    expect(JSON.stringify(opening)).toContain("1 alert held back: this channel had its 3 alerts for the hour.");
    expect(JSON.stringify(opening)).toContain("• Iraq budget passes after long night \\\\(“iraq”\\\\)");
  });
});
