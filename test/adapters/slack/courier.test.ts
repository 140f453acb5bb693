// Digests to Slack channels through the adapter's courier, against the fake Slack: a header and a
// message per story whose threads are recorded, updates posted into an existing thread, 429s and
// refusals turned into outcomes for the queue, resends that find the first message by its metadata,
// Block Kit limits on an oversize story, and article text that can never mention anyone.
import { afterEach, describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { SlackPoster } from "../../../src/adapters/slack/courier.js";
import { ChatCourier } from "../../../src/core/chat/briefing.js";
import { StoryCard, type Card } from "../../../src/core/card.js";
import { messageKey } from "../../../src/core/delivery/courier.js";
import { DigestDefinition, targetKey, type Target } from "../../../src/core/delivery/definition.js";
import { idempotencyKey, type Delivery } from "../../../src/core/delivery/outbox.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { buttonsOf, headersOf, textOf, type PostedMessage } from "../../fakes/slack-api.js";
import { memoryLog, startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { ingestInto } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

let slack: TestSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const TARGET: Target = { platform: "slack", channel: "C1" };
const C1 = { platform: "slack", channel: "C1" } as const;
const HOUR = 3_600_000;

/** Delivers one slot of `definition` the way newsbot does: scheduler, outbox, queue, courier. */
async function deliverSlot(s: TestSlack, definition: DigestDefinition, slot: Date): Promise<Delivery> {
  const queue = new DeliveryQueue(s.store, () => s.adapter.courier);
  const scheduler = new DigestScheduler(s.newsroom, queue, async () => [definition]);
  const [delivery] = await scheduler.handleSlot(definition, slot, false);
  await queue.idle();
  return (await s.store.deliveries.forSlot(definition.name, slot)).find((d) => d.id === delivery!.id)!;
}

/** Records a delivery of these cards to C1, as the scheduler would, for sending message by message. */
async function recordDelivery(store: Storage, cards: Card[], slot = new Date()): Promise<Delivery> {
  const key = targetKey(TARGET);
  const stories = cards.flatMap((c) => (c.type === "story" ? [{ storyId: Number(c.storyId), reports: c.articleCount }] : []));
  const payload = { digest: "morning", slot: slot.toISOString(), late: false, title: "Your morning briefing", cards };
  const [delivery] = await store.deliveries.record("morning", slot, [{ target: TARGET, targetKey: key, idempotencyKey: idempotencyKey("morning", slot, key), late: false, status: "pending", payload, stories }], new Date());
  return delivery!;
}

/** Sends message `index` of a delivery straight through a courier, with its usual key. */
async function sendPart(courier: ChatCourier, delivery: Delivery, index: number) {
  const messages = courier.messages(delivery);
  return courier.send(delivery, messages[index], messageKey(delivery, index, messages.length));
}

const MORNING = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", targets: [TARGET] });

/** Every mrkdwn string of a posted message (its text, sections, fields, context): what Slack parses for markup. */
function mrkdwnOf(message: PostedMessage): string[] {
  const blocks = (message.blocks ?? []) as Array<{ type: string; text?: { type: string; text: string }; fields?: Array<{ text: string }>; elements?: Array<{ type: string; text?: unknown }> }>;
  return [
    message.text ?? "",
    ...blocks.flatMap((b) => [
      ...(b.text?.type === "mrkdwn" ? [b.text.text] : []),
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.type === "context" ? (b.elements ?? []).flatMap((e) => (e.type === "mrkdwn" ? [String(e.text)] : [])) : []),
    ]),
  ];
}

describe("the Slack courier", () => {
  it("delivers a briefing as a header and one message per story, a second apart, and records each story's thread", async () => {
    slack = await startTestSlack();
    const delivery = await deliverSlot(slack, MORNING, new Date());
    expect(delivery.status).toBe("sent");

    const posted = slack.fake.messages;
    expect(posted.map((m) => m.text)).toEqual([
      "Your morning briefing: 3 stories from the last 24 hours",
      "Talks resume in Damascus",
      "Aleppo reopens its airport",
      "Local football club wins cup",
    ]);
    expect(headersOf(posted[0]!.blocks)).toEqual(["Your morning briefing: 3 stories from the last 24 hours"]);
    expect(posted.every((m) => m.channel === "C1" && !m.thread_ts)).toBe(true);
    // Each message carries its idempotency key.
    expect(posted.map((m) => m.metadata)).toEqual(posted.map((_, i) => ({ event_type: "newsbot_delivery", event_payload: { key: `${delivery.idempotencyKey}-${i + 1}` } })));
    // Paced to Slack's one message a second per channel.
    const at = slack.fake.callsTo("chat.postMessage").map((c) => c.at);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(950);

    // Each story's message is its thread, and its permalink the card's discussion link.
    const ids = delivery.stories.map((s) => s.storyId);
    const threads = await slack.store.threads.forStories(C1, ids);
    expect(threads.size).toBe(3);
    for (const [i, id] of ids.entries()) {
      expect(threads.get(id)).toMatchObject({ threadId: posted[i + 1]!.ts, url: `https://fake.slack.test/archives/C1/p${posted[i + 1]!.ts.replace(".", "")}` });
    }
    // A first delivery does not search the channel's history.
    expect(slack.fake.callsTo("conversations.history")).toHaveLength(0);

    // The cards now link to those threads wherever /story answers in this channel.
    const answer = await slack.newsroom.findStories("damascus");
    const story = answer.cards[0] as StoryCard;
    expect(threads.get(Number(story.storyId))?.url).toMatch(/^https:\/\/fake\.slack\.test\/archives\/C1\/p/);
  });

  it("posts an update of a story already in the channel into its thread", async () => {
    slack = await startTestSlack();
    const first = await deliverSlot(slack, MORNING, new Date());
    const damascus = first.stories[0]!.storyId;
    const thread = (await slack.store.threads.forStories(C1, [damascus])).get(damascus)!;

    // Another outlet runs the Damascus story.
    await ingestArticles(
      [
        {
          title: "Talks resume in Damascus",
          body: "Syrian officials met envoys in Damascus on Monday. The talks covered the border crossings and the return of refugees. Both sides said the meeting had been useful. A second round is planned for next month in Geneva.",
          source: "Herald",
          url: "https://herald.example/damascus",
          publishedAt: new Date(Date.now() - HOUR),
        },
      ],
      ingestInto(slack.store),
    );
    const before = slack.fake.messages.length;
    const second = await deliverSlot(slack, MORNING, new Date(Date.now() + HOUR));
    expect(second.status).toBe("sent");
    expect(second.stories.map((s) => s.storyId)).toEqual([damascus]);

    const [header, update] = slack.fake.messages.slice(before);
    expect(header!.thread_ts).toBeUndefined();
    expect(update).toMatchObject({ channel: "C1", thread_ts: thread.threadId, text: "Update: 1 new report: Talks resume in Damascus" });
    expect(textOf(update!.blocks)).toContain("Update: 1 new report");
    // No new card in the channel for it, and its thread stays the first one.
    expect(slack.fake.messages.filter((m) => !m.thread_ts && m.text === "Talks resume in Damascus")).toHaveLength(1);
    expect((await slack.store.threads.forStories(C1, [damascus])).get(damascus)?.threadId).toBe(thread.threadId);
  });

  it("offers Unsubscribe, for the topic each card matched, only on a channel's own briefing", async () => {
    slack = await startTestSlack();
    await slack.newsroom.channels.subscribe(C1, "aleppo");
    await slack.newsroom.channels.subscribe(C1, "damascus");
    const [own] = await slack.newsroom.channels.digests();
    expect(own?.name).toBe("slack:C1");
    await deliverSlot(slack, own!, new Date());
    const [, ...stories] = slack.fake.messages;
    const buttons = Object.fromEntries(stories.map((m) => [m.text, buttonsOf(m.blocks).map((b) => [b.action_id!.replace(/:.*/, ""), b.value])]));
    expect(buttons).toEqual({
      "Talks resume in Damascus": [["newsbot_more_like_this", expect.any(String)], ["newsbot_unsubscribe", "damascus"]],
      "Aleppo reopens its airport": [["newsbot_more_like_this", expect.any(String)], ["newsbot_unsubscribe", "aleppo"]],
    });

    // An operator's digest file, to a channel that follows the same topic itself: its topics are the
    // file's, not the channel's, so there is nothing to unsubscribe from.
    await slack.newsroom.channels.subscribe({ platform: "slack", channel: "C2" }, "syria");
    const before = slack.fake.messages.length;
    await deliverSlot(slack, DigestDefinition.parse({ name: "world", schedule: "0 9 * * *", topics: ["syria"], targets: [{ platform: "slack", channel: "C2" }] }), new Date());
    const later = slack.fake.messages.slice(before + 1);
    expect(later.map((m) => m.text)).toEqual(["Talks resume in Damascus", "Aleppo reopens its airport"]);
    for (const m of later) expect(buttonsOf(m.blocks).map((b) => b.action_id!.replace(/:.*/, ""))).toEqual(["newsbot_more_like_this"]);
  });

  it("turns a 429 into a retryable outcome with Retry-After, without waiting it out itself", async () => {
    slack = await startTestSlack();
    const delivery = await recordDelivery(slack.store, [(await slack.newsroom.findStories("aleppo")).cards[0]!]);
    slack.fake.fail("chat.postMessage", { kind: "ratelimited", retryAfter: 7 });
    const started = Date.now();
    const outcome = await sendPart(slack.adapter.courier, delivery, 1);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome).toEqual({ ok: false, retryable: true, retryAfterMs: 7_000, error: "Slack rate limit: retry after 7 s" });
    expect(slack.fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.fake.messages).toHaveLength(0);
  });

  it.each([
    ["channel_not_found", "Slack cannot find channel C1 (channel_not_found): check the channel id, and invite the bot if the channel is private"],
    ["not_in_channel", "the bot is not a member of channel C1 (not_in_channel): invite it with /invite @newsbot"],
    ["invalid_auth", "Slack rejected SLACK_BOT_TOKEN (invalid_auth): check the bot token from OAuth & Permissions"],
  ])("gives up at once on %s, with a reason", async (error, reason) => {
    slack = await startTestSlack();
    const delivery = await recordDelivery(slack.store, [(await slack.newsroom.findStories("aleppo")).cards[0]!]);
    slack.fake.fail("chat.postMessage", { kind: "error", error });
    expect(await sendPart(slack.adapter.courier, delivery, 0)).toEqual({ ok: false, retryable: false, error: reason });
  });

  it("does not post twice when an answer was lost: the resend finds the message by its key", async () => {
    slack = await startTestSlack();
    const card = (await slack.newsroom.findStories("aleppo")).cards[0] as StoryCard;
    const delivery = await recordDelivery(slack.store, [card]);
    slack.fake.fail("chat.postMessage", { kind: "lost-answer" });
    const lost = await sendPart(slack.adapter.courier, delivery, 1);
    expect(lost).toMatchObject({ ok: false, retryable: true });
    expect(slack.fake.messages).toHaveLength(1);

    expect(await sendPart(slack.adapter.courier, delivery, 1)).toEqual({ ok: true });
    expect(slack.fake.messages).toHaveLength(1);
    expect(slack.fake.callsTo("conversations.history")[0]!.args).toMatchObject({ channel: "C1", include_all_metadata: "true" });
    // The story's thread is recorded all the same.
    const thread = (await slack.store.threads.forStories(C1, [Number(card.storyId)])).get(Number(card.storyId));
    expect(thread?.threadId).toBe(slack.fake.messages[0]!.ts);
  });

  it("does not post twice after a crash: a new process's courier finds what the old one posted", async () => {
    slack = await startTestSlack();
    const cards = (await slack.newsroom.findStories("syria")).cards;
    const delivery = await recordDelivery(slack.store, cards);
    for (const index of [0, 1]) expect(await sendPart(slack.adapter.courier, delivery, index)).toEqual({ ok: true });
    expect(slack.fake.messages).toHaveLength(2);

    // The process died before the outbox recorded the second message; a new one starts.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const client = new webApi.WebClient("xoxb-test-bot-token-1234567890", { slackApiUrl: `${slack.fake.apiUrl}/`, retryConfig: { retries: 0 } });
    const log = memoryLog().log;
    const restarted = new ChatCourier(new SlackPoster(client, log), slack.newsroom, log);
    const resumed = { ...delivery, partsSent: 1, attempts: 1 };
    for (const index of [1, 2]) expect(await sendPart(restarted, resumed, index)).toEqual({ ok: true });
    expect(slack.fake.messages.map((m) => m.text)).toEqual(["Your morning briefing", "Talks resume in Damascus", "Aleppo reopens its airport"]);
    // The story already posted is known by the thread recorded for it, which no earlier briefing
    // accounts for; the one never posted is looked for by its key, then posted.
    expect(slack.fake.callsTo("conversations.replies")).toHaveLength(0);
    expect(slack.fake.callsTo("conversations.history")).toHaveLength(1);
  });

  it("keeps Block Kit's limits for an oversize story, and posts a single notice for an empty briefing", async () => {
    slack = await startTestSlack();
    // A 2 MB article with a 300-character headline and hundreds of names, through the real ingest path…
    const names = Array.from({ length: 300 }, (_, i) => `Minister Karim Haddad${i} visited Tripoli${i} with the Council${i} Authority.`).join(" ");
    const body = `${names} `.repeat(Math.ceil(2_000_000 / names.length)).slice(0, 2_000_000);
    const headline = `Haddad ${"and the council ".repeat(20)}`.slice(0, 300);
    await ingestArticles([{ title: headline, body, source: "Big", url: "https://big.example/a", publishedAt: new Date(Date.now() - HOUR) }], ingestInto(slack.store));
    const stored = (await slack.newsroom.findStories("haddad")).cards[0] as StoryCard;
    expect(stored.headline.length).toBe(300);
    // …and a card with hundreds of entities and sources and a 2 MB summary, as no store would make it.
    const giant = StoryCard.parse({
      type: "story",
      storyId: "424242",
      headline: "H".repeat(300),
      summary: "The summary goes on and on. ".repeat(80_000),
      entities: Array.from({ length: 600 }, (_, i) => ({ kind: (["person", "place", "organisation"] as const)[i % 3]!, name: `Entity ${i}`, mentions: 1 })),
      sources: Array.from({ length: 400 }, (_, i) => ({ name: `Outlet ${i}`, url: `https://outlet${i}.example/story?id=${i}` })),
      sourceCount: 400,
      articleCount: 900,
      timeline: [],
      url: "https://example.com/giant",
      publishedAt: new Date().toISOString(),
      readingMinutes: 9000,
    });
    expect(giant.summary.length).toBeGreaterThan(2_000_000);
    const delivery = await recordDelivery(slack.store, [stored, giant]);
    for (const index of [0, 1, 2]) expect(await sendPart(slack.adapter.courier, delivery, index)).toEqual({ ok: true });
    const empty = await recordDelivery(slack.store, [{ type: "notice", text: "Nothing new since the last briefing.", suggestions: [] }], new Date(Date.now() + HOUR));
    expect(slack.adapter.courier.messages(empty)).toHaveLength(1);
    expect(await sendPart(slack.adapter.courier, empty, 0)).toEqual({ ok: true });

    for (const message of slack.fake.messages) expectWithinSlackLimits(message);
    expect(slack.fake.messages).toHaveLength(4);
    const [, real, story, notice] = slack.fake.messages;
    expect(headersOf(real!.blocks)[0]).toBe(`${headline.slice(0, 149).trimEnd()}…`);
    expect(headersOf(story!.blocks)[0]).toBe(`${"H".repeat(149)}…`);
    expect(textOf(story!.blocks)).toMatch(/\+\d+ more/);
    expect(textOf(notice!.blocks)).toContain("Nothing new since the last briefing.");
  });

  it("delivers article text that tries to mention people as plain text", async () => {
    slack = await startTestSlack();
    const hostile = "<!channel> <!here> <!everyone> <@U123> <!subteam^S1> @channel";
    await ingestArticles(
      [
        {
          title: `Ministers meet in Brussels ${hostile}`,
          body: `Ministers from Belgium met in Brussels on Friday ${hostile}. The ministers discussed the budget at length. They will meet again in March.`,
          source: `Gazette ${hostile}`,
          url: "https://gazette.example/brussels",
          publishedAt: new Date(Date.now() - HOUR),
        },
      ],
      ingestInto(slack.store),
    );
    const card = (await slack.newsroom.findStories("brussels")).cards[0] as StoryCard;
    expect(card.headline).toContain(hostile);
    expect(card.summary).toContain("<@U123>");
    const delivery = await recordDelivery(slack.store, [card]);
    expect(await sendPart(slack.adapter.courier, delivery, 1)).toEqual({ ok: true });

    const [message] = slack.fake.messages;
    const mrkdwn = mrkdwnOf(message!).join("\n");
    // The notification text carries the headline; sections, fields and context the rest.
    expect(message!.text).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; @\u2060channel");
    expect(mrkdwn).toContain("Gazette &lt;!channel&gt;");
    expect(mrkdwn).toContain("&lt;@U123&gt;");
    // The only markup left is newsbot's own: links and the date.
    for (const markup of mrkdwn.match(/<[^>]*>/g) ?? []) expect(markup).toMatch(/^<(https:\/\/|!date\^)/);
    expect(mrkdwn).not.toMatch(/@(channel|here|everyone)/);
    // Headers are plain_text, which Slack never parses for mentions.
    expect(headersOf(message!.blocks)[0]).toContain("<!channel>");
  });
});

/** Slack's Block Kit limits, measured on the JSON that reached the fake. */
function expectWithinSlackLimits(message: PostedMessage): void {
  const blocks = (message.blocks ?? []) as Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ type: string; text?: unknown; value?: string }> }>;
  expect((message.text ?? "").length).toBeGreaterThan(0);
  expect((message.text ?? "").length).toBeLessThanOrEqual(3000);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    if (block.type === "header") expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === "section") {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === "context") {
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const e of block.elements!) expect(String(e.text).length).toBeLessThanOrEqual(3000);
    }
    if (block.type === "actions") {
      expect(block.elements!.length).toBeLessThanOrEqual(25);
      for (const e of block.elements!) expect((e.value ?? "").length).toBeLessThanOrEqual(2000);
    }
  }
}
