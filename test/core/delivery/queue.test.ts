// The delivery queue with webhook couriers, against a local receiver on 127.0.0.1: what each format
// posts, retries (Retry-After, backoff), giving up, lanes per target, and a few queue rules checked
// with an in-memory courier.
import type http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordMessages } from "../../../src/adapters/discord/render.js";
import { slackMessages } from "../../../src/adapters/slack/render.js";
import { notice, type StoryCard } from "../../../src/core/card.js";
import { unreachable, type Courier, type SendOutcome } from "../../../src/core/delivery/courier.js";
import { targetKey, type Target } from "../../../src/core/delivery/definition.js";
import { idempotencyKey, type Delivery, type DigestPayload } from "../../../src/core/delivery/outbox.js";
import { DeliveryQueue, type DeliveryEvents, type QueuePolicy } from "../../../src/core/delivery/queue.js";
import { DEFAULT_USER_AGENT } from "../../../src/core/fetch/fetcher.js";
import { WebhookCourier } from "../../../src/adapters/webhook/courier.js";
import type { WebhookTarget } from "../../../src/adapters/webhook/index.js";
import { startServer, type LocalServer } from "../../fakes/local-server.js";
import { openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const NOW = new Date("2026-05-01T08:00:30Z");
const slotAt = (hour: number) => new Date(Date.UTC(2026, 4, 1, hour));

const STORY: StoryCard = {
  type: "story",
  storyId: "7",
  headline: "Port strike ends after talks",
  summary: "Dock workers at the eastern port voted to end their three-week strike. Ships began unloading on Thursday.",
  entities: [{ kind: "place", name: "Eastport", mentions: 2 }],
  sources: [{ name: "Harbour News", url: "https://harbour.example/strike-ends" }],
  sourceCount: 1,
  articleCount: 1,
  timeline: [{ at: "2026-05-01T06:00:00.000Z", source: "Harbour News", headline: "Port strike ends after talks", url: "https://harbour.example/strike-ends" }],
  url: "https://harbour.example/strike-ends",
  publishedAt: "2026-05-01T06:00:00.000Z",
  readingMinutes: 2,
};

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
}

type Answer = { status: number; headers?: http.OutgoingHttpHeaders; body?: string };

/** A webhook receiver: each path answers by the handler, given how many requests that path has had. */
async function startReceiver(answer: (path: string, n: number) => Answer) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = await startServer((req, res) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: JSON.parse(data || "null"), at: Date.now() });
      const { status, headers = {}, body = "" } = answer(path, n);
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  const on = (path: string) => received.filter((r) => new URL(r.url, "http://x").pathname === path);
  return { server, received, on };
}

let store: Storage;
let servers: LocalServer[];
let queues: DeliveryQueue[];
beforeEach(async () => {
  store = await openTestStorage();
  servers = [];
  queues = [];
});
afterEach(async () => {
  for (const q of queues) await q.stop();
  for (const s of servers) await s.close();
  await store.close();
});

async function receiver(answer: (path: string, n: number) => Answer) {
  const r = await startReceiver(answer);
  servers.push(r.server);
  return { ...r, url: (path: string) => `${r.server.url}${path}` };
}

function payload(slot: Date, over: Partial<DigestPayload> = {}): DigestPayload {
  return { digest: "morning", slot: slot.toISOString(), late: false, title: "Your morning briefing: 1 story from the last 24 hours", cards: [STORY], ...over };
}

/** The webhooks' URLs by key, as the digest files give them to the couriers: the outbox has none. */
const webhookUrls = new Map<string, string>();

/** Records a pending delivery in the outbox, as the scheduler does. */
async function pending(target: Target, slot: Date, over: Partial<DigestPayload> = {}): Promise<Delivery> {
  const key = targetKey(target);
  if (target.platform === "webhook") webhookUrls.set(key, String(target.url));
  const recorded = await store.deliveries.record(
    "morning",
    slot,
    [{ target, targetKey: key, idempotencyKey: idempotencyKey("morning", slot, key), late: false, status: "pending", payload: payload(slot, over), stories: [] }],
    NOW,
  );
  return recorded.find((d) => d.targetKey === key)!;
}

interface Log {
  sent: Array<{ key: string; at: number }>;
  retrying: Array<{ key: string; error: string; retryAt: Date; at: number }>;
  failed: Array<{ key: string; error: string; at: number }>;
}

function webhookQueue(policy: Partial<QueuePolicy> = {}) {
  const log: Log = { sent: [], retrying: [], failed: [] };
  const events: DeliveryEvents = {
    sent: (d) => log.sent.push({ key: d.targetKey, at: Date.now() }),
    retrying: (d, error, retryAt) => log.retrying.push({ key: d.targetKey, error, retryAt, at: Date.now() }),
    failed: (d, error) => log.failed.push({ key: d.targetKey, error, at: Date.now() }),
  };
  const couriers = new Map<string, Courier>();
  const courierFor = (d: Delivery): Courier => {
    if (d.target.platform !== "webhook") throw new Error("webhook targets only");
    const courier = couriers.get(d.targetKey) ?? new WebhookCourier(webhookUrls.get(d.targetKey)!, d.target.format as WebhookTarget["format"]);
    couriers.set(d.targetKey, courier);
    return courier;
  };
  const queue = new DeliveryQueue(store, courierFor, events, { baseDelayMs: 10, maxDelayMs: 1_000, maxAttempts: 5, ...policy });
  queues.push(queue);
  return { queue, log };
}

async function stored(delivery: Delivery): Promise<Delivery> {
  return (await store.deliveries.forSlot(delivery.digest, delivery.slot)).find((d) => d.id === delivery.id)!;
}

describe("WebhookCourier formats", () => {
  it("posts the digest itself as JSON, with the delivery's idempotency key", async () => {
    const hook = await receiver(() => ({ status: 200, body: "ok" }));
    const { queue, log } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "json", url: hook.url("/hooks/news") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();

    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request).toMatchObject({ method: "POST", url: "/hooks/news" });
    expect(request!.headers["idempotency-key"]).toBe(delivery.idempotencyKey);
    expect(request!.headers["idempotency-key"]).toBe(idempotencyKey("morning", slotAt(8), delivery.targetKey));
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(request!.body).toEqual({
      digest: "morning",
      slot: "2026-05-01T08:00:00.000Z",
      late: false,
      title: "Your morning briefing: 1 story from the last 24 hours",
      stories: [STORY],
    });
    expect(log.sent).toHaveLength(1);
    expect(await stored(delivery)).toMatchObject({ status: "sent", attempts: 1, partsSent: 1, lastError: undefined });
  });

  it("posts an empty briefing's notice as JSON", async () => {
    const hook = await receiver(() => ({ status: 204 }));
    const { queue } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "json", url: hook.url("/h") }, slotAt(8), {
      late: true,
      title: "Your morning briefing (late)",
      cards: [notice("Nothing new since the last briefing.")],
    });
    queue.enqueue(delivery);
    await queue.idle();
    expect(hook.received.map((r) => r.body)).toEqual([
      { digest: "morning", slot: "2026-05-01T08:00:00.000Z", late: true, title: "Your morning briefing (late)", stories: [], notice: "Nothing new since the last briefing." },
    ]);
  });

  it("posts Slack incoming-webhook messages", async () => {
    const hook = await receiver(() => ({ status: 200, body: "ok" }));
    const { queue } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "slack", url: hook.url("/services/T0/B0/secret") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    const expected = slackMessages({ title: delivery.payload!.title, cards: delivery.payload!.cards });
    expect(expected).toHaveLength(1);
    expect(hook.received.map((r) => r.body)).toEqual(expected);
    expect(hook.received[0]!.url).toBe("/services/T0/B0/secret");
    expect(hook.received[0]!.headers["idempotency-key"]).toBe(delivery.idempotencyKey);
  });

  it("posts Discord webhook messages that ping no one, asking Discord to wait", async () => {
    const hook = await receiver(() => ({ status: 200, body: '{"id":"1"}' }));
    const { queue } = webhookQueue();
    const plain = await pending({ platform: "webhook", format: "discord", url: hook.url("/api/webhooks/1/tok") }, slotAt(8));
    const threaded = await pending({ platform: "webhook", format: "discord", url: hook.url("/api/webhooks/2/tok?thread_id=99") }, slotAt(8));
    queue.enqueue(plain);
    queue.enqueue(threaded);
    await queue.idle();

    const expected = discordMessages({ title: plain.payload!.title, cards: plain.payload!.cards });
    expect(expected).toHaveLength(1);
    expect(hook.on("/api/webhooks/1/tok").map((r) => r.body)).toEqual(expected);
    for (const request of hook.received) {
      expect((request.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
      expect(new URL(request.url, "http://x").searchParams.get("wait")).toBe("true");
    }
    const [thread] = hook.on("/api/webhooks/2/tok");
    expect(new URL(thread!.url, "http://x").searchParams.get("thread_id")).toBe("99");
  });
});

describe("retries", () => {
  it("waits as long as a 429's Retry-After says, then sends again with the same key", async () => {
    const hook = await receiver((_path, n) => (n === 1 ? { status: 429, headers: { "retry-after": "1" }, body: "slow down" } : { status: 200 }));
    const { queue, log } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "json", url: hook.url("/h") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();

    expect(hook.received).toHaveLength(2);
    const [first, second] = hook.received;
    // The backoff alone would be 10 ms; Retry-After asked for a second.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    expect(second!.headers["idempotency-key"]).toBe(first!.headers["idempotency-key"]);
    expect(log.retrying).toHaveLength(1);
    expect(log.retrying[0]!.error).toBe("webhook answered HTTP 429: slow down");
    expect(log.retrying[0]!.retryAt.getTime() - log.retrying[0]!.at).toBeGreaterThanOrEqual(990);
    expect(await stored(delivery)).toMatchObject({ status: "sent", attempts: 2, lastError: undefined, retryAt: undefined });
  });

  it("honours a webhook's Retry-After up to an hour", async () => {
    const hook = await receiver(() => ({ status: 429, headers: { "retry-after": "86400" }, body: "" }));
    const url = hook.url("/h");
    const delivery = await pending({ platform: "webhook", format: "json", url }, slotAt(8));
    const courier = new WebhookCourier(url, "json");
    const outcome = await courier.send(delivery, courier.messages(delivery)[0], delivery.idempotencyKey);
    expect(outcome).toMatchObject({ ok: false, retryable: true, retryAfterMs: 3_600_000 });
  });

  it("retries a 500 with growing backoff until it succeeds", async () => {
    const hook = await receiver((_path, n) => (n <= 2 ? { status: 500, body: "oops" } : { status: 200 }));
    const { queue, log } = webhookQueue({ baseDelayMs: 100 });
    const delivery = await pending({ platform: "webhook", format: "json", url: hook.url("/h") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();

    expect(hook.received).toHaveLength(3);
    const [a, b, c] = hook.received.map((r) => r.at);
    // 100 ms after the first failure, 200 ms after the second.
    expect(b! - a!).toBeGreaterThanOrEqual(95);
    expect(c! - b!).toBeGreaterThanOrEqual(195);
    expect(log.retrying.map((r) => r.error)).toEqual(["webhook answered HTTP 500: oops", "webhook answered HTTP 500: oops"]);
    expect(log.failed).toEqual([]);
    expect(await stored(delivery)).toMatchObject({ status: "sent", attempts: 3, lastError: undefined });
  });

  it("gives up on a target that keeps failing, saying why, without holding up other targets", async () => {
    const hook = await receiver((path) => (path === "/down" ? { status: 503, body: "service unavailable" } : { status: 200 }));
    const { queue, log } = webhookQueue({ maxAttempts: 3, baseDelayMs: 150 });
    const down = await pending({ platform: "webhook", format: "json", url: hook.url("/down") }, slotAt(8));
    const up = { platform: "webhook", format: "json", url: hook.url("/up") } as const;
    const upFirst = await pending(up, slotAt(8));
    const upSecond = await pending(up, slotAt(9));
    queue.enqueue(down);
    queue.enqueue(upFirst);
    queue.enqueue(upSecond);
    await queue.idle();

    expect(hook.on("/down")).toHaveLength(3);
    const reason = "webhook answered HTTP 503: service unavailable (gave up after 3 attempts)";
    expect(log.failed).toEqual([{ key: down.targetKey, error: reason, at: expect.any(Number) }]);
    expect(await stored(down)).toMatchObject({ status: "failed", attempts: 3, lastError: reason, retryAt: undefined });

    // The healthy target's briefings went out, in order, while the failing one was still retrying.
    expect(hook.on("/up").map((r) => (r.body as { slot: string }).slot)).toEqual(["2026-05-01T08:00:00.000Z", "2026-05-01T09:00:00.000Z"]);
    expect(log.sent.map((s) => s.key)).toEqual([upFirst.targetKey, upSecond.targetKey]);
    expect(Math.max(...log.sent.map((s) => s.at))).toBeLessThan(log.failed[0]!.at);
    expect(Math.max(...hook.on("/up").map((r) => r.at))).toBeLessThan(hook.on("/down")[1]!.at);
    expect((await stored(upSecond)).status).toBe("sent");
  });

  it("keeps a target's order through a retry", async () => {
    const hook = await receiver((_path, n) => (n === 1 ? { status: 502 } : { status: 200 }));
    const { queue } = webhookQueue();
    const target = { platform: "webhook", format: "json", url: hook.url("/h") } as const;
    for (const hour of [8, 9, 10]) queue.enqueue(await pending(target, slotAt(hour)));
    await queue.idle();
    expect(hook.received.map((r) => (r.body as { slot: string }).slot.slice(11, 13))).toEqual(["08", "08", "09", "10"]);
  });

  it("does not retry a 404: the webhook is gone", async () => {
    const hook = await receiver(() => ({ status: 404, body: "Unknown Webhook" }));
    const { queue, log } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "discord", url: hook.url("/api/webhooks/1/gone") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    expect(hook.received).toHaveLength(1);
    expect(log.retrying).toEqual([]);
    expect(log.failed.map((f) => f.error)).toEqual(["webhook answered HTTP 404: Unknown Webhook"]);
    expect(await stored(delivery)).toMatchObject({ status: "failed", attempts: 1, lastError: "webhook answered HTTP 404: Unknown Webhook" });
  });

  it("does not follow a redirect: the briefing goes only where the webhook URL says", async () => {
    const hook = await receiver((path) => (path === "/moved" ? { status: 302, headers: { location: "/elsewhere" } } : { status: 200 }));
    const { queue, log } = webhookQueue();
    const delivery = await pending({ platform: "webhook", format: "json", url: hook.url("/moved") }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    expect(hook.received.map((r) => r.url)).toEqual(["/moved"]);
    expect(log.failed.map((f) => f.error)).toEqual(["webhook answered HTTP 302"]);
  });

  it("retries a receiver that cannot be reached, then gives up naming the network error", async () => {
    const gone = await startServer((_req, res) => res.end());
    const url = `${gone.url}/h`;
    await gone.close();
    const { queue, log } = webhookQueue({ maxAttempts: 2 });
    const delivery = await pending({ platform: "webhook", format: "json", url }, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    expect(log.retrying).toHaveLength(1);
    expect(log.failed.map((f) => f.error)).toEqual(["webhook unreachable: ECONNREFUSED (gave up after 2 attempts)"]);
  });
});


/** An in-memory courier: `messages` per delivery, answering each send with `answer(call)`. */
function scriptedCourier(messages: number, answer: (call: number, key: string) => SendOutcome, spacingMs = 0) {
  const calls: Array<{ key: string; at: number }> = [];
  const courier: Courier = {
    spacingMs,
    messages: () => Array.from({ length: messages }, (_, i) => i),
    send: async (_d, _m, key) => {
      calls.push({ key, at: Date.now() });
      return answer(calls.length, key);
    },
  };
  return { courier, calls };
}

describe("DeliveryQueue rules", () => {
  const slack = { platform: "slack", channel: "C1" } as const;

  it("keeps the courier's pace between messages to one target", async () => {
    const { courier, calls } = scriptedCourier(2, () => ({ ok: true }), 200);
    const queue = new DeliveryQueue(store, () => courier);
    queues.push(queue);
    queue.enqueue(await pending(slack, slotAt(8)));
    queue.enqueue(await pending(slack, slotAt(9)));
    await queue.idle();
    expect(calls).toHaveLength(4);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(195);
  });

  it("counts attempts per message: earlier messages sent do not use up a later message's retries", async () => {
    // Three messages; the third fails once (retryable) and then goes through. Three attempts at one
    // message are allowed, and the third message only needs two.
    const key = idempotencyKey("morning", slotAt(8), "slack:C1");
    const { courier, calls } = scriptedCourier(3, (call) => (call === 3 ? { ok: false, retryable: true, error: "HTTP 503" } : { ok: true }));
    const failed: string[] = [];
    const queue = new DeliveryQueue(store, () => courier, { failed: (_d, error) => failed.push(error) }, { maxAttempts: 3, baseDelayMs: 10 });
    queues.push(queue);
    const delivery = await pending(slack, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    expect(failed).toEqual([]);
    expect(calls.map((c) => c.key)).toEqual([`${key}-1`, `${key}-2`, `${key}-3`, `${key}-3`]);
    expect(await stored(delivery)).toMatchObject({ status: "sent", partsSent: 3 });
  });

  it("fails a target it cannot reach at once, with the reason", async () => {
    const failed: string[] = [];
    const queue = new DeliveryQueue(store, () => unreachable("this newsbot has no Slack connection"), { failed: (_d, e) => failed.push(e) });
    queues.push(queue);
    const delivery = await pending(slack, slotAt(8));
    queue.enqueue(delivery);
    await queue.idle();
    expect(failed).toEqual(["this newsbot has no Slack connection"]);
    expect(await stored(delivery)).toMatchObject({ status: "failed", attempts: 1, lastError: "this newsbot has no Slack connection" });
  });

  it("ignores a delivery queued twice, and ones that are not pending", async () => {
    const { courier, calls } = scriptedCourier(1, () => ({ ok: true }));
    const queue = new DeliveryQueue(store, () => courier);
    queues.push(queue);
    const delivery = await pending(slack, slotAt(8));
    queue.enqueue(delivery);
    queue.enqueue({ ...delivery });
    queue.enqueue({ ...(await pending(slack, slotAt(9))), status: "skipped" });
    await queue.idle();
    expect(calls).toHaveLength(1);
  });

  it("sends a target's later slot only once another replica has sent the earlier one", async () => {
    const sends: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Courier = {
      spacingMs: 0,
      messages: () => [0],
      send: async (d) => {
        sends.push(`${d.slot.getUTCHours()} starts`);
        await gate;
        sends.push(`${d.slot.getUTCHours()} sent`);
        return { ok: true };
      },
    };
    const { courier: quick } = scriptedCourier(1, () => {
      sends.push("9 sent");
      release();
      return { ok: true };
    });
    // Replica b asks while a is still sending the 08:00 briefing: it waits its turn (and a's send
    // goes through then), and sends once a has sent.
    const a = new DeliveryQueue(store, () => slow, {}, { owner: "a" });
    const b = new DeliveryQueue(store, () => quick, { waiting: () => release() }, { owner: "b", turnMs: 10 });
    queues.push(a, b);
    const earlier = await pending(slack, slotAt(8));
    const later = await pending(slack, slotAt(9));
    a.enqueue(earlier);
    b.enqueue(later);
    await Promise.all([a.idle(), b.idle()]);
    expect(sends).toEqual(["8 starts", "8 sent", "9 sent"]);
    expect(await stored(later)).toMatchObject({ status: "sent" });
  });

  it("stops between messages, leaving what is unsent pending in the outbox", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const courier: Courier = {
      spacingMs: 0,
      messages: () => [0],
      send: async (d) => {
        sent.push(d.slot.toISOString());
        await gate;
        return { ok: true };
      },
    };
    const queue = new DeliveryQueue(store, () => courier);
    queues.push(queue);
    const first = await pending(slack, slotAt(8));
    const second = await pending(slack, slotAt(9));
    queue.enqueue(first);
    queue.enqueue(second);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = queue.stop();
    release();
    await stopping;
    // The message in flight finished and was recorded; the next was never started.
    expect(sent).toEqual([slotAt(8).toISOString()]);
    expect((await stored(first)).status).toBe("sent");
    expect((await stored(second)).status).toBe("pending");
    expect((await store.deliveries.unfinished()).map((d) => d.id)).toEqual([second.id]);
  });
});
