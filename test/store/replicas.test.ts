// Replicas on one Postgres database, in one test process: each "replica" is its own connection pool,
// newsroom, queue and scheduler with its own owner name, as separate processes would be. A slot is
// prepared by one of them, a delivery sent by one of them, and a delivery whose replica died is taken
// up by another once its lease runs out, with the same key. (test/e2e/replicas.test.ts does it with
// real processes and SIGKILL.)
import { afterEach, describe, expect, it } from "vitest";
import type { Courier, SendOutcome } from "../../src/core/delivery/courier.js";
import { DigestDefinition } from "../../src/core/delivery/definition.js";
import type { Delivery } from "../../src/core/delivery/outbox.js";
import { DeliveryQueue } from "../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../src/core/delivery/scheduler.js";
import { Newsroom } from "../../src/core/newsroom.js";
import { PostgresStorage } from "../../src/store/postgres/postgres-storage.js";
import { freshDatabasePerTest } from "../fakes/postgres.js";

const freshDatabase = freshDatabasePerTest();
const SLOT = new Date("2026-05-01T08:00:00Z");

/** Every message any replica sent, with who sent it. */
class SharedReceiver {
  readonly sent: Array<{ owner: string; key: string; targetKey: string }> = [];
  courierOf(owner: string): Courier {
    return {
      spacingMs: 0,
      messages: () => ["briefing"],
      send: async (delivery: Delivery, _message: unknown, key: string): Promise<SendOutcome> => {
        this.sent.push({ owner, key, targetKey: delivery.targetKey });
        return { ok: true };
      },
    };
  }
}

interface Replica {
  owner: string;
  store: PostgresStorage;
  queue: DeliveryQueue;
  scheduler: DigestScheduler;
  errors: unknown[];
}

const replicas: Replica[] = [];
afterEach(async () => {
  for (const replica of replicas.splice(0)) {
    await replica.scheduler.stop();
    await replica.queue.stop();
    await replica.store.close();
    expect(replica.errors).toEqual([]);
  }
});

async function replica(url: string, owner: string, receiver: SharedReceiver, definitions: DigestDefinition[], leaseMs = 60_000): Promise<Replica> {
  const store = await PostgresStorage.open(url);
  const now = () => new Date(SLOT.getTime() + 30_000);
  const newsroom = new Newsroom(store, now);
  const queue = new DeliveryQueue(store, () => receiver.courierOf(owner), {}, { owner, leaseMs, baseDelayMs: 10 });
  const errors: unknown[] = [];
  const scheduler = new DigestScheduler(newsroom, queue, async () => definitions, { now, events: { error: (_digest, error) => errors.push(error) } });
  const made = { owner, store, queue, scheduler, errors };
  replicas.push(made);
  return made;
}

const targets = Array.from({ length: 12 }, (_, i) => ({ platform: "webhook" as const, format: "json" as const, url: `http://127.0.0.1:9/hook-${i}` }));
const daily = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", timezone: "UTC", targets });

describe("replicas on one database", () => {
  it("prepare each slot once, however many handle it at the same moment, and send each target's briefing once", async () => {
    const url = await freshDatabase();
    const receiver = new SharedReceiver();
    const all = await Promise.all(["a", "b", "c"].map((owner) => replica(url, owner, receiver, [daily])));
    const handled = await Promise.all(all.map((r) => r.scheduler.handleSlot(daily, SLOT, false)));
    // One replica took the slot and recorded it; the others left it to that one.
    expect(handled.filter((deliveries) => deliveries.length > 0)).toHaveLength(1);
    expect(handled.find((deliveries) => deliveries.length > 0)).toHaveLength(targets.length);
    // Every replica also takes up what is unleased (as its periodic resume does): still once each.
    await Promise.all(all.map((r) => r.scheduler.resume()));
    await Promise.all(all.map((r) => r.queue.idle()));
    expect(receiver.sent).toHaveLength(targets.length);
    expect(new Set(receiver.sent.map((s) => s.targetKey)).size).toBe(targets.length);
    const outbox = await all[0]!.store.deliveries.forSlot("morning", SLOT);
    expect(outbox.map((d) => d.status)).toEqual(targets.map(() => "sent"));
  });

  it("resume a delivery whose replica died once its lease runs out, with the same key, and not before", async () => {
    const url = await freshDatabase();
    const receiver = new SharedReceiver();
    const survivor = await replica(url, "survivor", receiver, [], 200);
    const [delivery] = await survivor.store.deliveries.record(
      "morning",
      SLOT,
      [{ target: targets[0]!, targetKey: "webhook:0", idempotencyKey: "morning-key-0", late: false, status: "pending", payload: { digest: "morning", slot: SLOT.toISOString(), late: false, title: "Morning", cards: [] }, stories: [] }],
      SLOT,
    );
    // The replica that recorded it claimed it for a while, then died without sending.
    const leaseMs = 1_500;
    expect(await survivor.store.deliveries.claim(delivery!.id, "dead", new Date(), new Date(Date.now() + leaseMs))).toBe("claimed");
    await survivor.scheduler.resume();
    await survivor.queue.idle();
    expect(receiver.sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
    await survivor.scheduler.resume();
    await survivor.queue.idle();
    expect(receiver.sent).toEqual([{ owner: "survivor", key: "morning-key-0", targetKey: "webhook:0" }]);
  });

  it("take up a slot whose replica died preparing it, though the digest has moved on past it", async () => {
    const url = await freshDatabase();
    const receiver = new SharedReceiver();
    const survivor = await replica(url, "survivor", receiver, [daily]);
    const log = survivor.store.deliveries;
    const leaseMs = 300;
    expect(await log.takeSlot("morning", SLOT, "dead", new Date(), new Date(Date.now() + leaseMs))).toBe(true);
    // Another replica recorded a later slot meanwhile: the digest's last slot is past this one.
    await log.record("morning", new Date(SLOT.getTime() + 1_000), [], SLOT);
    await survivor.scheduler.runDue(daily, false);
    expect(await log.forSlot("morning", SLOT)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
    await survivor.scheduler.runDue(daily, false);
    await survivor.queue.idle();
    expect((await log.forSlot("morning", SLOT)).map((d) => d.status)).toEqual(targets.map(() => "sent"));
    expect(receiver.sent).toHaveLength(targets.length);
    expect(await log.abandonedSlots("morning", new Date(Date.now() + 60_000))).toEqual([]);
  });

  it("leave a delivery to the replica whose lease it is under, even when both have it queued", async () => {
    const url = await freshDatabase();
    const receiver = new SharedReceiver();
    const [a, b] = await Promise.all(["a", "b"].map((owner) => replica(url, owner, receiver, [daily])));
    const recorded = await a!.scheduler.handleSlot(daily, SLOT, false);
    for (const delivery of recorded) b!.queue.enqueue({ ...delivery });
    await Promise.all([a!.queue.idle(), b!.queue.idle()]);
    expect(receiver.sent).toHaveLength(targets.length);
    expect(new Set(receiver.sent.map((s) => s.key)).size).toBe(targets.length);
  });
});
