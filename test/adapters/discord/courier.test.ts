// Briefings delivered to Discord channels through the real delivery queue and the adapter's
// courier, into the fake Discord: a header and a message per story with a thread started from it
// (a post per story in a forum channel), updates into the existing thread, a nonce on every send,
// and what each kind of refusal means for the queue.
import { afterEach, describe, expect, it } from "vitest";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/render.js";
import { nonceFor } from "../../../src/adapters/discord/courier.js";
import type { BriefingPart } from "../../../src/core/chat/briefing.js";
import type { Card, StoryCard } from "../../../src/core/card.js";
import { messageKey } from "../../../src/core/delivery/courier.js";
import { targetKey } from "../../../src/core/delivery/definition.js";
import { idempotencyKey, type Delivery, type DigestPayload } from "../../../src/core/delivery/outbox.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { NOW, startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { DM_CHANNEL, FORUM_CHANNEL, GUILD_ID, SECRET_CHANNEL, TEXT_CHANNEL } from "../../fakes/discord-world.js";
import { ingestInto } from "../../fakes/storage.js";

type Json = Record<string, unknown>;

let bot: TestBot;
afterEach(async () => {
  await bot?.stop();
});

const slotAt = (hour: number) => new Date(Date.UTC(2026, 10, 27, hour));

/** Records a briefing's delivery to one channel (the outbox answers with the whole slot: this one is picked). */
async function record(channel: string, slot: Date, cards: Card[], digest = "morning"): Promise<Delivery[]> {
  const target = { platform: "discord", channel } as const;
  const key = targetKey(target);
  const stories = cards.flatMap((c) => (c.type === "story" ? [{ storyId: Number(c.storyId), reports: c.articleCount }] : []));
  const payload: DigestPayload = { digest, slot: slot.toISOString(), late: false, title: `Your ${digest} briefing: ${stories.length} stories`, cards };
  const recorded = await bot.store.deliveries.record(digest, slot, [{ target, targetKey: key, idempotencyKey: idempotencyKey(digest, slot, key), late: false, status: "pending", payload, stories }], NOW);
  return recorded.filter((d) => d.targetKey === key);
}

/** Records a briefing and delivers it through the real queue; resolves with the delivery as recorded after. */
async function deliver(channel: string, slot: Date, cards: Card[], digest = "morning"): Promise<Delivery> {
  const [delivery] = await record(channel, slot, cards, digest);
  const queue = new DeliveryQueue(bot.store, () => bot.adapter.courier, {}, { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 });
  queue.enqueue(delivery!);
  await queue.idle();
  return (await bot.store.deliveries.forSlot(digest, slot))[0]!;
}

const storiesOn = async (topic: string) => (await bot.newsroom.findStories(topic)).cards as StoryCard[];
const posts = (path: RegExp) => bot.fake.requests.filter((r) => r.method === "POST" && path.test(r.path));
const channelPosts = (channel: string) => posts(new RegExp(`^/channels/${channel}/messages$`)).map((r) => r.body as Json);
const firstEmbed = (body: Json) => (body.embeds as Json[])[0]!;

describe("a briefing to a text channel", () => {
  it("posts a header, then each story as its own message with a thread named after it", async () => {
    bot = await startTestBot();
    const cards = await storiesOn("syria");
    expect(cards.length).toBeGreaterThanOrEqual(2);
    const delivery = await deliver(TEXT_CHANNEL, slotAt(8), cards);

    expect(delivery.status).toBe("sent");
    const sent = channelPosts(TEXT_CHANNEL);
    expect(sent.map((b) => b.content ?? null)).toEqual([`**Your morning briefing: ${cards.length} stories**`, ...cards.map(() => null)]);
    expect(sent.slice(1).map((b) => firstEmbed(b).title)).toEqual(cards.map((c) => c.headline));

    // Every message carries a nonce from its idempotency key, enforced, and mentions nothing.
    const total = cards.length + 1;
    sent.forEach((body, i) => {
      expect(body.nonce).toBe(nonceFor(messageKey(delivery, i, total)));
      expect(String(body.nonce)).toHaveLength(25);
      expect(body.enforce_nonce).toBe(true);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    });

    // A thread from each story message, named after the headline, recorded for later updates.
    const storyMessages = bot.fake.messages.get(TEXT_CHANNEL)!.slice(1);
    const threads = posts(/^\/channels\/\d+\/messages\/\d+\/threads$/);
    expect(threads.map((r) => r.path)).toEqual(storyMessages.map((m) => `/channels/${TEXT_CHANNEL}/messages/${m.id}/threads`));
    expect(threads.map((r) => (r.body as Json).name)).toEqual(cards.map((c) => c.headline));
    const recorded = await bot.store.threads.forStories({ platform: "discord", channel: TEXT_CHANNEL }, cards.map((c) => Number(c.storyId)));
    for (const [i, card] of cards.entries()) {
      const thread = recorded.get(Number(card.storyId))!;
      expect(thread.threadId).toBe(storyMessages[i]!.id);
      expect(thread.url).toBe(`https://discord.com/channels/${GUILD_ID}/${storyMessages[i]!.id}`);
    }

    // A file digest's stories get More like this, not Unsubscribe.
    const labels = (sent[1]!.components as Array<{ components: Array<{ label: string }> }>)[0]!.components.map((b) => b.label);
    expect(labels).toEqual(["More like this"]);
  });

  it("posts an update to a story already posted into its thread, and new stories with threads of their own", async () => {
    bot = await startTestBot();
    const [syria] = await storiesOn("damascus");
    await deliver(TEXT_CHANNEL, slotAt(8), [syria!]);
    const [thread] = (await bot.store.threads.forStories({ platform: "discord", channel: TEXT_CHANNEL }, [Number(syria!.storyId)])).values();

    const [iraq] = await storiesOn("iraq");
    const second = await deliver(TEXT_CHANNEL, slotAt(9), [syria!, iraq!]);
    expect(second.status).toBe("sent");
    const inThread = channelPosts(thread!.threadId);
    expect(inThread).toHaveLength(1);
    expect(inThread[0]).toMatchObject({ content: "**Update: new reports**", enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(firstEmbed(inThread[0]!).title).toBe(syria!.headline);
    // In the channel: the two headers and the Iraq story; the Syria story was not posted again.
    expect(channelPosts(TEXT_CHANNEL).flatMap((b) => (b.embeds as Json[]).map((e) => e.title))).toEqual([syria!.headline, iraq!.headline]);
    expect(posts(/\/threads$/)).toHaveLength(2);
  });

  it("posts the story again when its thread was deleted", async () => {
    bot = await startTestBot();
    const [card] = await storiesOn("damascus");
    await deliver(TEXT_CHANNEL, slotAt(8), [card!]);
    const [thread] = (await bot.store.threads.forStories({ platform: "discord", channel: TEXT_CHANNEL }, [Number(card!.storyId)])).values();
    bot.fake.channels.delete(thread!.threadId);

    const second = await deliver(TEXT_CHANNEL, slotAt(9), [card!]);
    expect(second.status).toBe("sent");
    const titled = channelPosts(TEXT_CHANNEL).filter((b) => (b.embeds as Json[]).length);
    expect(titled.map((b) => firstEmbed(b).title)).toEqual([card!.headline, card!.headline]);
  });

  it("does not post a message twice when it is sent again with the same key (a resend after a crash)", async () => {
    bot = await startTestBot();
    const cards = (await storiesOn("damascus")).slice(0, 1);
    const [delivery] = await record(TEXT_CHANNEL, slotAt(8), cards);
    const courier = bot.adapter.courier;
    const messages = courier.messages(delivery!) as BriefingPart[];
    expect(messages.map((m) => m.kind)).toEqual(["opening", "story"]);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const [i, message] of messages.entries()) {
        expect(await courier.send(delivery!, message, messageKey(delivery!, i, messages.length))).toEqual({ ok: true });
      }
    }
    expect(bot.fake.messages.get(TEXT_CHANNEL)).toHaveLength(2);
    const threadId = bot.fake.messages.get(TEXT_CHANNEL)![1]!.id;
    expect(bot.fake.messages.get(threadId) ?? []).toHaveLength(0);
    expect(posts(/^\/channels\/\d+\/messages$/)).toHaveLength(3); // the second header was answered from its nonce
  });

  it("puts Unsubscribe, naming the topic that brought the story, under the stories of a channel's own briefing", async () => {
    bot = await startTestBot();
    await bot.newsroom.channels.subscribe({ platform: "discord", channel: TEXT_CHANNEL }, "syria");
    const [card] = await storiesOn("damascus");
    await deliver(TEXT_CHANNEL, slotAt(8), [card!], `discord:${TEXT_CHANNEL}`);
    const story = channelPosts(TEXT_CHANNEL)[1]!;
    const row = (story.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)[0]!;
    expect(row.components).toEqual([
      expect.objectContaining({ label: "More like this", custom_id: `more:${card!.storyId}` }),
      expect.objectContaining({ label: "Unsubscribe from “syria”", custom_id: `unsub:${card!.storyId}:${TEXT_CHANNEL}:syria` }),
    ]);
  });

  it("says nothing new as one message when the briefing is empty", async () => {
    bot = await startTestBot();
    const delivery = await deliver(TEXT_CHANNEL, slotAt(8), [{ type: "notice", text: "Nothing new since the last briefing.", suggestions: [] }]);
    expect(delivery.status).toBe("sent");
    const sent = channelPosts(TEXT_CHANNEL);
    expect(sent).toHaveLength(1);
    expect(firstEmbed(sent[0]!).description).toBe("Nothing new since the last briefing.");
    expect(posts(/\/threads$/)).toHaveLength(0);
  });

  it("posts to a DM without threads", async () => {
    bot = await startTestBot();
    const cards = await storiesOn("syria");
    expect((await deliver(DM_CHANNEL, slotAt(8), cards)).status).toBe("sent");
    expect(channelPosts(DM_CHANNEL)).toHaveLength(cards.length + 1);
    expect(posts(/\/threads$/)).toHaveLength(0);
  });
});

describe("a briefing to a forum channel", () => {
  it("creates one post per story, named after its headline, and records each as the story's thread", async () => {
    bot = await startTestBot();
    const cards = await storiesOn("syria");
    const delivery = await deliver(FORUM_CHANNEL, slotAt(8), cards);
    expect(delivery.status).toBe("sent");

    const created = posts(new RegExp(`^/channels/${FORUM_CHANNEL}/threads$`)).map((r) => r.body as Json);
    expect(created.map((b) => b.name)).toEqual(cards.map((c) => c.headline));
    for (const body of created) expect((body.message as Json).allowed_mentions).toEqual({ parse: [] });
    expect(created.map((b) => firstEmbed(b.message as Json).title)).toEqual(cards.map((c) => c.headline));
    // A forum takes no plain messages: the header is left out.
    expect(channelPosts(FORUM_CHANNEL)).toHaveLength(0);
    const recorded = await bot.store.threads.forStories({ platform: "discord", channel: FORUM_CHANNEL }, cards.map((c) => Number(c.storyId)));
    expect(recorded.size).toBe(cards.length);

    // The next briefing's update goes into the story's post.
    const [first] = cards;
    await deliver(FORUM_CHANNEL, slotAt(9), [first!]);
    const threadId = recorded.get(Number(first!.storyId))!.threadId;
    expect(channelPosts(threadId)).toEqual([expect.objectContaining({ content: "**Update: new reports**", nonce: expect.any(String), enforce_nonce: true })]);
  });
});

describe("when Discord refuses", () => {
  async function sendHeader(channel: string) {
    const [delivery] = await record(channel, slotAt(8), await storiesOn("damascus"));
    const [header] = bot.adapter.courier.messages(delivery!);
    return bot.adapter.courier.send(delivery!, header, "key-1");
  }

  it("gives up with the reason on missing access and on an unknown channel", async () => {
    bot = await startTestBot();
    const forbidden = await sendHeader(SECRET_CHANNEL);
    expect(forbidden).toMatchObject({ ok: false, retryable: false });
    expect(!forbidden.ok && forbidden.error).toContain("Missing Access");
    expect(!forbidden.ok && forbidden.error).toContain("View Channel, Send Messages");

    const unknown = await sendHeader("920000000000000404");
    expect(unknown).toMatchObject({ ok: false, retryable: false });
    expect(!unknown.ok && unknown.error).toContain("Unknown Channel");
  });

  it("retries a long rate limit later, with Discord's wait, and a server error", async () => {
    bot = await startTestBot();
    const headers = { "retry-after": "30", "x-ratelimit-scope": "user" };
    bot.fake.failures.set(TEXT_CHANNEL, { status: 429, body: { message: "You are being rate limited.", retry_after: 30, global: false }, headers, times: 1 });
    const limited = await sendHeader(TEXT_CHANNEL);
    expect(limited).toMatchObject({ ok: false, retryable: true });
    expect(!limited.ok && limited.retryAfterMs).toBeGreaterThanOrEqual(30_000);

    bot.fake.failures.set(TEXT_CHANNEL, { status: 502, body: { message: "Bad Gateway", code: 0 }, times: 10 });
    const failing = await sendHeader(TEXT_CHANNEL);
    expect(failing).toMatchObject({ ok: false, retryable: true });
    expect(!failing.ok && failing.error).toContain("502");
  });
});

describe("embed limits", () => {
  it("keeps an oversized article's story message within Discord's limits, and its thread name within 100", async () => {
    bot = await startTestBot();
    const names = Array.from({ length: 60 }, (_, i) => `Ambassador Person${String.fromCharCode(65 + (i % 26))}${i} Longname`);
    await ingestArticles(
      [
        {
          title: `Zanzibar summit ${"enormous headline ".repeat(50)}`.trim(),
          body: Array.from({ length: 80 }, (_, i) => `${names[i % names.length]} met officials in Zanzibar and Nairobi on day ${i} @everyone <@123> **bold** ${"word ".repeat(60)}.`).join(" "),
          source: `An outlet with an extremely long name ${"and more ".repeat(40)}`.slice(0, 200),
          url: `https://example.com/zanzibar?${"q=1&".repeat(200)}`,
          publishedAt: new Date(NOW.getTime() - 3_600_000),
        },
      ],
      ingestInto(bot.store),
      () => NOW,
    );
    const cards = await storiesOn("zanzibar");
    expect(cards).toHaveLength(1);
    await deliver(TEXT_CHANNEL, slotAt(8), cards);

    const story = channelPosts(TEXT_CHANNEL)[1]!;
    const embeds = story.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
    expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    let total = 0;
    for (const embed of embeds) {
      expect((embed.title ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      total += [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join("").length;
    }
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(JSON.stringify(embeds)).not.toContain("@everyone");
    expect(JSON.stringify(embeds)).not.toMatch(/(?<!\\\\)<@123>/);
    const [thread] = posts(/\/threads$/).map((r) => (r.body as Json).name as string);
    expect(thread!.length).toBeLessThanOrEqual(100);
    expect(thread!.startsWith("Zanzibar summit enormous headline")).toBe(true);
  });
});
