// The delivery log: the outbox and each digest's progress through its slots.
import { beforeAll, describe, expect, it } from "vitest";
import type { NewDelivery } from "../../../src/core/delivery/outbox.js";
import { channelTargetKind, registerTargetKind } from "../../../src/core/delivery/targets.js";
import { engines, HOUR, NOW, type EngineFactory } from "./engine.js";

function delivery(channel: string, over: Partial<NewDelivery> = {}): NewDelivery {
  return {
    target: { platform: "slack", channel },
    targetKey: `slack:${channel}`,
    idempotencyKey: `key-${channel}-${over.stories?.length ?? 0}`,
    late: false,
    status: "pending",
    payload: { digest: "morning", slot: NOW.toISOString(), late: false, title: "Your briefing", cards: [] },
    stories: [{ storyId: 7, reports: 2 }],
    ...over,
  };
}

export function deliveryContract(factory: EngineFactory): void {
  const open = engines(factory);
  // Platforms register their kinds of target when newsbot starts; the outbox keeps what a kind allows.
  beforeAll(() => registerTargetKind(channelTargetKind("slack")));

  describe("delivery log", () => {
    it("records a slot once per target, keeping what was recorded first", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const first = await log.record("morning", NOW, [delivery("C1"), delivery("C2", { status: "skipped", payload: undefined, note: "paused", stories: [] })], NOW);
      expect(first.map((d) => [d.targetKey, d.status, d.note])).toEqual([["slack:C1", "pending", undefined], ["slack:C2", "skipped", "paused"]]);
      expect(first[0]).toMatchObject({ digest: "morning", target: { platform: "slack", channel: "C1" }, attempts: 0, partsSent: 0, stories: [{ storyId: 7, reports: 2 }] });
      expect(first[0]!.slot.toISOString()).toBe(NOW.toISOString());
      const again = await log.record("morning", NOW, [delivery("C1", { idempotencyKey: "other", stories: [] })], NOW);
      expect(again).toEqual(first);
      expect(await log.forSlot("morning", NOW)).toEqual(first);
      expect(await log.forSlot("morning", new Date(NOW.getTime() + HOUR))).toEqual([]);
    });

    it("updates a delivery as it is sent, and lists what is unfinished, oldest slot first", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const later = new Date(NOW.getTime() + HOUR);
      const [laterOne] = await log.record("morning", later, [delivery("C1", { idempotencyKey: "later" })], later);
      const [earlier, sent] = await log.record("morning", NOW, [delivery("C1"), delivery("C2")], NOW);
      await log.update(sent!.id, { status: "sent", attempts: 1, partsSent: 2, sentAt: later });
      await log.update(earlier!.id, { attempts: 1, lastError: "rate limited", retryAt: later });
      expect((await log.unfinished()).map((d) => d.id)).toEqual([earlier!.id, laterOne!.id]);
      const [, stored] = await log.forSlot("morning", NOW);
      expect(stored).toMatchObject({ status: "sent", attempts: 1, partsSent: 2 });
      expect(stored!.sentAt?.toISOString()).toBe(later.toISOString());
      await log.update(earlier!.id, { lastError: null, retryAt: null });
      expect((await log.forSlot("morning", NOW))[0]).toMatchObject({ lastError: undefined, retryAt: undefined });
    });

    it("tells the stories a target was sent before a slot, with the most reports each had", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const next = new Date(NOW.getTime() + 24 * HOUR);
      await log.record("morning", NOW, [delivery("C1", { stories: [{ storyId: 7, reports: 2 }, { storyId: 8, reports: 1 }] })], NOW);
      const [failed] = await log.record("evening", NOW, [delivery("C1", { idempotencyKey: "evening", stories: [{ storyId: 9, reports: 5 }] })], NOW);
      await log.update(failed!.id, { status: "failed" });
      await log.record("morning", next, [delivery("C1", { idempotencyKey: "next", stories: [{ storyId: 7, reports: 4 }] })], next);
      const sent = await log.sentStories("slack:C1", new Date(next.getTime() + 1));
      expect([...sent.keys()].sort()).toEqual([7, 8]);
      expect(sent.get(7)?.reports).toBe(4);
      expect(sent.get(7)?.slot.toISOString()).toBe(next.toISOString());
      expect([...(await log.sentStories("slack:C1", next)).keys()].sort()).toEqual([7, 8]);
      expect((await log.sentStories("slack:C1", next)).get(7)?.reports).toBe(2);
      expect(await log.sentStories("slack:C2", next)).toEqual(new Map());
    });

    it("keeps each digest's first sighting and its latest slot", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const state = await log.digestState("morning", NOW);
      expect(state.firstSeenAt.toISOString()).toBe(NOW.toISOString());
      expect(state.lastSlot).toBeUndefined();
      const later = new Date(NOW.getTime() + HOUR);
      await log.record("morning", later, [], later);
      await log.record("morning", NOW, [], later);
      const after = await log.digestState("morning", new Date(NOW.getTime() + 5 * HOUR));
      expect(after.firstSeenAt.toISOString()).toBe(NOW.toISOString());
      expect(after.lastSlot?.toISOString()).toBe(later.toISOString());
    });

    it("records a digest never seen before, each target with its own stories, and frees the taken slot", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const later = new Date(NOW.getTime() + HOUR);
      expect(await log.takeSlot("noon", NOW, "a", NOW, later)).toBe(true);
      const recorded = await log.record(
        "noon",
        NOW,
        [delivery("C1", { stories: [{ storyId: 7, reports: 2 }, { storyId: 8, reports: 3 }] }), delivery("C2", { idempotencyKey: "c2", stories: [{ storyId: 9, reports: 1 }] })],
        later,
      );
      expect(recorded.map((d) => [d.targetKey, d.stories])).toEqual([
        ["slack:C1", [{ storyId: 7, reports: 2 }, { storyId: 8, reports: 3 }]],
        ["slack:C2", [{ storyId: 9, reports: 1 }]],
      ]);
      expect([...(await log.sentStories("slack:C2", later)).keys()]).toEqual([9]);
      const state = await log.digestState("noon", new Date(NOW.getTime() + 5 * HOUR));
      expect([state.firstSeenAt.toISOString(), state.lastSlot?.toISOString()]).toEqual([later.toISOString(), NOW.toISOString()]);
      // Recorded, the slot is no longer anyone's: not abandoned, and another may take it (to find it recorded).
      expect(await log.abandonedSlots("noon", new Date(NOW.getTime() + 5 * HOUR))).toEqual([]);
      expect(await log.takeSlot("noon", NOW, "b", NOW, later)).toBe(true);
    });
  });

  describe("a slot of many channels at once", () => {
    it("takes, records and reads each channel's slot as if alone, whether or not the engine batches the calls", async () => {
      const { storage } = await open();
      const log = storage.deliveries;
      const later = new Date(NOW.getTime() + HOUR);
      const channels = ["C1", "C2", "C3"];
      // The same slot asked for twice at once by two owners: one of them has it.
      const taken = await Promise.all([...channels.map((c) => log.takeSlot(c, NOW, "a", NOW, later)), log.takeSlot("C1", NOW, "b", NOW, later)]);
      expect(taken.slice(0, 3)).toEqual([true, true, true]);
      expect(taken[3]).toBe(false);
      const recorded = await Promise.all(
        channels.map((c, i) => log.record(c, NOW, [delivery(c, { idempotencyKey: `k-${c}`, stories: [{ storyId: 10 + i, reports: i + 1 }] })], NOW)),
      );
      expect(recorded.map((slot) => slot.map((d) => [d.digest, d.targetKey, d.stories]))).toEqual(
        channels.map((c, i) => [[c, `slack:${c}`, [{ storyId: 10 + i, reports: i + 1 }]]]),
      );
      // Recorded twice at once (two ticks racing): the first is kept, both are told so.
      const twice = await Promise.all([
        log.record("C4", NOW, [delivery("C4", { idempotencyKey: "first" })], NOW),
        log.record("C4", NOW, [delivery("C4", { idempotencyKey: "second" })], NOW),
      ]);
      expect(twice.map((slot) => slot.map((d) => d.idempotencyKey))).toEqual([["first"], ["first"]]);
      const sent = await Promise.all(channels.map((c) => log.sentStories(`slack:${c}`, later)));
      expect(sent.map((stories) => [...stories.keys()])).toEqual([[10], [11], [12]]);
      expect(await Promise.all(channels.map((c) => log.forSlot(c, NOW)))).toEqual(recorded);
    });
  });

  describe("replicas sharing the delivery log", () => {
    const MINUTE = 60_000;
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

    it("leases a pending delivery to one replica at a time, renewable by it, taken over when it runs out", async () => {
      const engine = await open();
      const other = await engine.connect();
      const [pending] = await engine.storage.deliveries.record("morning", NOW, [delivery("C1")], NOW);
      const id = pending!.id;
      // Both replicas ask at once: exactly one gets it.
      const race = await Promise.all([engine.storage.deliveries.claim(id, "a", NOW, at(1)), other.deliveries.claim(id, "b", NOW, at(1))]);
      expect(race.filter((claim) => claim === "claimed")).toHaveLength(1);
      const [holder, rival] = race[0] === "claimed" ? (["a", "b"] as const) : (["b", "a"] as const);
      const log = engine.storage.deliveries;
      expect(await log.claim(id, rival, at(0.5), at(1.5))).toBe("held");
      // What each may take up: the holder still sees it, the rival not until the lease runs out.
      const free = (await log.record("morning", NOW, [delivery("C2")], NOW)).find((d) => d.targetKey === "slack:C2");
      expect((await log.unfinished({ owner: holder, at: at(0.5) })).map((d) => d.id)).toEqual([id, free!.id]);
      expect((await log.unfinished({ owner: rival, at: at(0.5) })).map((d) => d.id)).toEqual([free!.id]);
      expect((await log.unfinished({ owner: rival, at: at(1.5) })).map((d) => d.id)).toEqual([id, free!.id]);
      // The holder renews before each attempt: its lease now runs to 2 minutes.
      expect(await log.claim(id, holder, at(0.9), at(2))).toBe("claimed");
      expect(await log.claim(id, rival, at(1.5), at(2.5))).toBe("held");
      // The holder died: once its lease is past, the other resumes, and the old holder cannot take it back.
      expect(await log.claim(id, rival, at(2.1), at(3))).toBe("claimed");
      expect(await log.claim(id, holder, at(2.2), at(3.2))).toBe("held");
      // Sent: nobody claims it any more.
      await log.update(id, { status: "sent", partsSent: 1, sentAt: at(2.3) });
      expect(await log.claim(id, rival, at(2.4), at(3.4))).toBe("held");
      expect(await log.claim(id, "c", at(9), at(10))).toBe("held");
    });

    it("lets a target's deliveries be claimed in slot order only, whichever replica asks, a given-up one holding nothing up", async () => {
      const engine = await open();
      const other = await engine.connect();
      const log = engine.storage.deliveries;
      const slot = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
      const record = async (digest: string, hours: number, channel = "C1") =>
        (await log.record(digest, slot(hours), [delivery(channel, { idempotencyKey: `${digest}-${hours}-${channel}` })], slot(hours))).find((d) => d.targetKey === `slack:${channel}`)!.id;
      // The later slot is recorded first (its replica prepared it faster): the order is the slots'.
      const second = await record("morning", 1);
      const first = await record("morning", 0);
      const elsewhere = await record("morning", 1, "C2");
      expect(await other.deliveries.claim(second, "b", at(0), at(1))).toBe("behind");
      expect(await log.claim(first, "a", at(0), at(1))).toBe("claimed");
      // Leased and being sent: still ahead of it. Another target is not held up.
      expect(await other.deliveries.claim(second, "b", at(0.1), at(1.1))).toBe("behind");
      expect(await other.deliveries.claim(elsewhere, "b", at(0.1), at(1.1))).toBe("claimed");
      await log.update(first, { status: "sent", partsSent: 1, sentAt: at(0.2) });
      expect(await other.deliveries.claim(second, "b", at(0.3), at(1.3))).toBe("claimed");
      await log.update(second, { status: "sent", partsSent: 1, sentAt: at(0.4) });
      // Given up on: the next one goes.
      const failed = await record("morning", 2);
      const after = await record("morning", 3);
      await log.update(failed, { status: "failed", lastError: "gave up" });
      expect(await other.deliveries.claim(after, "b", at(0.5), at(1.5))).toBe("claimed");
      await log.update(after, { status: "sent", partsSent: 1, sentAt: at(0.55) });
      // Two digests' deliveries of one slot to one target: the one recorded first goes first.
      const evening = await record("evening", 4);
      const morning = await record("morning", 4);
      expect(await log.claim(morning, "a", at(0.6), at(1.6))).toBe("behind");
      expect(await other.deliveries.claim(evening, "b", at(0.6), at(1.6))).toBe("claimed");
    });

    it("gives a digest's slot to one replica, to another if it died before recording, and frees it once recorded", async () => {
      const engine = await open();
      const other = await engine.connect();
      const race = await Promise.all([
        engine.storage.deliveries.takeSlot("morning", NOW, "a", NOW, at(1)),
        other.deliveries.takeSlot("morning", NOW, "b", NOW, at(1)),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
      const [holder, rival] = race[0] ? (["a", "b"] as const) : (["b", "a"] as const);
      const log = engine.storage.deliveries;
      expect(await log.takeSlot("morning", NOW, rival, at(0.5), at(1.5))).toBe(false);
      expect(await log.takeSlot("morning", NOW, holder, at(0.5), at(1.5))).toBe(true);
      // Another digest's slot, or the next slot, is free.
      expect(await log.takeSlot("evening", NOW, rival, at(0.5), at(1.5))).toBe(true);
      expect(await log.takeSlot("morning", at(60), rival, at(0.5), at(1.5))).toBe(true);
      // The holder died before recording: past its lease the slot is abandoned, and the other takes it.
      expect(await log.abandonedSlots("morning", at(0.9))).toEqual([]);
      expect((await log.abandonedSlots("morning", at(1.6))).map((slot) => slot.toISOString())).toEqual([NOW.toISOString(), at(60).toISOString()]);
      expect(await log.abandonedSlots("evening", at(1.6))).toHaveLength(1);
      expect(await log.takeSlot("morning", NOW, rival, at(1.6), at(2.6))).toBe(true);
      expect(await log.abandonedSlots("morning", at(2))).toEqual([at(60)]);
      expect(await log.takeSlot("morning", NOW, holder, at(1.7), at(2.7))).toBe(false);
      // Recorded: the outbox's rows stand for the slot, and whoever comes next finds them.
      await log.record("morning", NOW, [delivery("C1")], at(1.8));
      expect(await log.takeSlot("morning", NOW, holder, at(1.9), at(2.9))).toBe(true);
      expect(await log.forSlot("morning", NOW)).toHaveLength(1);
      await log.record("morning", NOW, [], at(2));
      expect(await log.abandonedSlots("morning", at(9))).toEqual([at(60)]);
    });
  });
}
