// The scheduler over a real SQLite outbox: catching up on missed slots, the grace period, exactly-once
// delivery across a restart, resuming a multi-message briefing, what each edition carries, and
// paused channels. The clock is a variable the tests move; slots are run directly, not by node-cron.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ArticleInput } from "../../../src/core/article.js";
import type { Courier, SendOutcome } from "../../../src/core/delivery/courier.js";
import { DigestDefinition, type DigestDefinitionInput } from "../../../src/core/delivery/definition.js";
import { idempotencyKey, type Delivery } from "../../../src/core/delivery/outbox.js";
import { prepareEdition } from "../../../src/core/delivery/edition.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const HOUR = 3_600_000;
const GRACE = 6 * HOUR;
const at = (iso: string) => new Date(iso);

interface Sent {
  digest: string;
  slot: string;
  targetKey: string;
  key: string;
  late: boolean;
  title: string;
  message: unknown;
}

/** Records every message it is given; `parts` messages per delivery. */
class RecordingCourier implements Courier {
  readonly spacingMs = 0;
  readonly sent: Sent[] = [];
  constructor(
    private readonly parts = 1,
    private readonly onSend?: (delivery: Delivery, key: string) => Promise<SendOutcome> | undefined,
  ) {}
  messages(delivery: Delivery): unknown[] {
    return Array.from({ length: this.parts }, (_, i) => ({ part: i + 1, of: this.parts, title: delivery.payload!.title }));
  }
  async send(delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    this.sent.push({
      digest: delivery.digest,
      slot: delivery.slot.toISOString(),
      targetKey: delivery.targetKey,
      key,
      late: delivery.payload!.late,
      title: delivery.payload!.title,
      message,
    });
    return (await this.onSend?.(delivery, key)) ?? { ok: true };
  }
}

function digest(over: Partial<DigestDefinitionInput> = {}): DigestDefinition {
  return DigestDefinition.parse({ name: "hourly", schedule: "0 * * * *", timezone: "UTC", targets: [{ platform: "slack", channel: "C1" }], ...over });
}

/** One process's worth of delivery: store, newsroom, queue and scheduler over the database file. */
interface Process {
  store: Storage;
  newsroom: Newsroom;
  queue: DeliveryQueue;
  scheduler: DigestScheduler;
  skipped: Array<{ digest: string; slots: string[]; reason: string }>;
  errors: unknown[];
}

let dir: string;
let file: string;
let clock: Date;
let definitions: DigestDefinition[];
const processes: Process[] = [];
/** Processes left as a crash leaves them: neither stopped nor closed (their sends never end). */
const crashed: Process[] = [];

async function boot(courier: Courier): Promise<Process> {
  const store = await openTestStorage(file);
  const newsroom = new Newsroom(store, () => clock);
  const queue = new DeliveryQueue(store, () => courier, {}, { baseDelayMs: 10, maxDelayMs: 50 });
  const skipped: Process["skipped"] = [];
  const errors: unknown[] = [];
  const scheduler = new DigestScheduler(newsroom, queue, async () => definitions, {
    graceMs: GRACE,
    now: () => clock,
    events: {
      skipped: (name, slots, reason) => skipped.push({ digest: name, slots: slots.map((s) => s.toISOString()), reason }),
      error: (_name, error) => errors.push(error),
    },
  });
  const process = { store, newsroom, queue, scheduler, skipped, errors };
  processes.push(process);
  return process;
}

/** A crash: the process is abandoned mid-send; its database connection goes with it. */
async function crash(process: Process) {
  processes.splice(processes.indexOf(process), 1);
  crashed.push(process);
  await process.scheduler.stop();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-scheduler-"));
  file = path.join(dir, "news.db");
  definitions = [];
});
afterEach(async () => {
  for (const p of processes.splice(0)) {
    await p.scheduler.stop();
    await p.queue.stop();
    expect(p.errors).toEqual([]);
    await p.store.close();
  }
  for (const p of crashed.splice(0)) await p.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("catching up", () => {
  it("sends the slots missed since the digest was first seen, late, in order, once each", async () => {
    const courier = new RecordingCourier();
    const { scheduler, queue, store } = await boot(courier);
    const hourly = digest();

    clock = at("2026-05-01T07:30:00Z");
    await scheduler.runDue(hourly, true);
    await queue.idle();
    expect(courier.sent).toEqual([]);

    clock = at("2026-05-01T10:30:00Z");
    await scheduler.runDue(hourly, true);
    await queue.idle();
    const slots = ["2026-05-01T08:00:00.000Z", "2026-05-01T09:00:00.000Z", "2026-05-01T10:00:00.000Z"];
    expect(courier.sent.map((s) => s.slot)).toEqual(slots);
    expect(courier.sent.map((s) => s.late)).toEqual([true, true, true]);
    expect(courier.sent.map((s) => s.title)).toEqual(Array(3).fill("Your hourly briefing (late)"));
    expect(courier.sent.map((s) => s.key)).toEqual(slots.map((slot) => idempotencyKey("hourly", at(slot), "slack:C1")));
    for (const slot of slots) {
      const [delivery, ...others] = await store.deliveries.forSlot("hourly", at(slot));
      expect(others).toEqual([]);
      expect(delivery).toMatchObject({ status: "sent", late: true, attempts: 1, partsSent: 1, targetKey: "slack:C1" });
      expect(delivery?.sentAt).toBeInstanceOf(Date);
    }

    // Running again, as a tick racing the catch-up would, sends nothing more.
    await scheduler.runDue(hourly, false);
    await scheduler.runDue(hourly, true);
    clock = at("2026-05-01T10:59:59Z");
    await scheduler.runDue(hourly, false);
    await queue.idle();
    expect(courier.sent).toHaveLength(3);
    expect(await store.deliveries.unfinished()).toEqual([]);
  });

  it("sends a slot on time from its own tick, and late when the tick comes more than a minute after", async () => {
    const courier = new RecordingCourier();
    const { scheduler, queue } = await boot(courier);
    const hourly = digest();
    clock = at("2026-05-01T07:30:00Z");
    await scheduler.runDue(hourly, false);

    clock = at("2026-05-01T08:00:10Z");
    await scheduler.runDue(hourly, false);
    clock = at("2026-05-01T09:01:30Z");
    await scheduler.runDue(hourly, false);
    await queue.idle();
    expect(courier.sent.map((s) => [s.slot, s.late, s.title])).toEqual([
      ["2026-05-01T08:00:00.000Z", false, "Your hourly briefing"],
      ["2026-05-01T09:00:00.000Z", true, "Your hourly briefing (late)"],
    ]);
  });

  it("never promises slots from before the digest was first seen", async () => {
    const courier = new RecordingCourier();
    const { scheduler, queue, store } = await boot(courier);
    clock = at("2026-05-01T10:30:00Z");
    await scheduler.runDue(digest(), true);
    await queue.idle();
    expect(courier.sent).toEqual([]);
    expect(await store.deliveries.digestState("hourly", clock)).toEqual({ firstSeenAt: clock, lastSlot: undefined });
  });

  it("records slots older than the grace period as skipped and sends only the newer ones", async () => {
    const courier = new RecordingCourier();
    const { scheduler, queue, store, skipped } = await boot(courier);
    const hourly = digest();
    await store.deliveries.digestState("hourly", at("2026-05-01T00:30:00Z"));

    // Down from 00:30 to 10:30: slots 01:00 to 10:00 are owed. With a 6 hour grace period, 01:00 to
    // 04:00 are more than 6 hours old at 10:30; 05:00 (5.5 hours) to 10:00 are not.
    clock = at("2026-05-01T10:30:00Z");
    await scheduler.runDue(hourly, true);
    await queue.idle();
    const fresh = ["05", "06", "07", "08", "09", "10"].map((h) => `2026-05-01T${h}:00:00.000Z`);
    expect(courier.sent.map((s) => s.slot)).toEqual(fresh);

    const expired = ["01", "02", "03", "04"].map((h) => `2026-05-01T${h}:00:00.000Z`);
    expect(skipped).toEqual([{ digest: "hourly", slots: expired, reason: expect.stringMatching(/grace period/) }]);
    // The latest expired slot is in the outbox as skipped, with why; nothing of it is pending.
    const [latest, ...others] = await store.deliveries.forSlot("hourly", at("2026-05-01T04:00:00Z"));
    expect(others).toEqual([]);
    expect(latest).toMatchObject({ status: "skipped", targetKey: "slack:C1", payload: undefined, attempts: 0 });
    expect(latest?.note).toMatch(/missed while newsbot was not running, more than 360 minutes ago/);
    expect(await store.deliveries.unfinished()).toEqual([]);

    // Nothing of the expired slots is sent later either.
    await scheduler.runDue(hourly, true);
    await queue.idle();
    expect(courier.sent).toHaveLength(6);
    for (const slot of expired) expect(courier.sent.some((s) => s.slot === slot)).toBe(false);
  });
});

describe("exactly once across a restart", () => {
  it("resends a recorded but unsent slot after a restart with the same idempotency key", async () => {
    const hourly = digest();
    definitions = [hourly];
    const slot = at("2026-05-01T08:00:00Z");
    const key = idempotencyKey("hourly", slot, "slack:C1");

    // The first process records the slot, starts sending, and dies before the send completes.
    const attempted: string[] = [];
    const hung = new RecordingCourier(1, (_d, k) => {
      attempted.push(k);
      return new Promise<SendOutcome>(() => {});
    });
    const first = await boot(hung);
    clock = at("2026-05-01T07:30:00Z");
    await first.scheduler.runDue(hourly, false);
    clock = at("2026-05-01T08:00:05Z");
    await first.scheduler.runDue(hourly, false);
    await vi.waitFor(() => expect(attempted).toEqual([key]));
    await crash(first);

    // The restarted process finds it pending in the outbox and sends it, with the same key.
    const courier = new RecordingCourier();
    clock = at("2026-05-01T08:02:00Z");
    const second = await boot(courier);
    expect((await second.store.deliveries.unfinished()).map((d) => [d.slot.toISOString(), d.idempotencyKey, d.status])).toEqual([
      [slot.toISOString(), key, "pending"],
    ]);
    await second.scheduler.start();
    await second.queue.idle();
    expect(courier.sent.map((s) => [s.slot, s.key])).toEqual([[slot.toISOString(), key]]);

    // Handling the slot again (a late tick, a second replica) adds nothing and sends nothing.
    const again = await second.scheduler.handleSlot(hourly, slot, true);
    expect(again.map((d) => [d.idempotencyKey, d.status])).toEqual([[key, "sent"]]);
    await second.scheduler.runDue(hourly, true);
    await second.queue.idle();
    const recorded = await second.store.deliveries.forSlot("hourly", slot);
    expect(recorded.map((d) => [d.targetKey, d.idempotencyKey, d.status, d.partsSent])).toEqual([["slack:C1", key, "sent", 1]]);
    expect(courier.sent).toHaveLength(1);
    // Across both processes, the slot went out under one key only.
    expect(new Set([...attempted, ...courier.sent.map((s) => s.key)])).toEqual(new Set([key]));
  });

  it("resends a slot recorded by a process whose queue stopped before sending", async () => {
    const hourly = digest();
    definitions = [hourly];
    const slot = at("2026-05-01T08:00:00Z");
    const never = new RecordingCourier();
    const first = await boot(never);
    clock = at("2026-05-01T07:00:00Z");
    await first.store.deliveries.digestState("hourly", clock);
    await first.queue.stop();
    clock = at("2026-05-01T08:00:01Z");
    const recorded = await first.scheduler.handleSlot(hourly, slot, false);
    expect(recorded.map((d) => d.status)).toEqual(["pending"]);
    expect(never.sent).toEqual([]);
    await crash(first);

    const courier = new RecordingCourier();
    const second = await boot(courier);
    await second.scheduler.start();
    await second.queue.idle();
    expect(courier.sent.map((s) => [s.slot, s.key, s.late])).toEqual([[slot.toISOString(), recorded[0]!.idempotencyKey, false]]);
    expect((await second.store.deliveries.forSlot("hourly", slot)).map((d) => d.status)).toEqual(["sent"]);
  });

  it("resumes a multi-message briefing at the message after the last one sent", async () => {
    const hourly = digest();
    definitions = [hourly];
    const slot = at("2026-05-01T08:00:00Z");
    const key = idempotencyKey("hourly", slot, "slack:C1");

    // Three messages; the process is stopped right after the first one is accepted.
    let first: Process | undefined = undefined;
    const interrupted = new RecordingCourier(3, async () => {
      void first!.queue.stop();
      return { ok: true };
    });
    first = await boot(interrupted);
    clock = at("2026-05-01T07:00:00Z");
    await first.scheduler.runDue(hourly, false);
    clock = at("2026-05-01T08:00:02Z");
    await first.scheduler.runDue(hourly, false);
    await first.queue.stop();
    expect(interrupted.sent.map((s) => s.key)).toEqual([`${key}-1`]);
    const [halfway] = await first.store.deliveries.forSlot("hourly", slot);
    expect(halfway).toMatchObject({ status: "pending", partsSent: 1, attempts: 1 });
    await crash(first);

    const courier = new RecordingCourier(3);
    const second = await boot(courier);
    await second.scheduler.start();
    await second.queue.idle();
    expect(courier.sent.map((s) => s.key)).toEqual([`${key}-2`, `${key}-3`]);
    expect(courier.sent.map((s) => s.message)).toEqual([
      { part: 2, of: 3, title: "Your hourly briefing" },
      { part: 3, of: 3, title: "Your hourly briefing" },
    ]);
    expect(await second.store.deliveries.forSlot("hourly", slot)).toEqual([expect.objectContaining({ status: "sent", partsSent: 3 })]);
  });
});

// Articles for the editions: each story in its own words, so no two are taken for one another.
const quake: ArticleInput = {
  title: "Earthquake kills twelve in southern Peru",
  body: QUAKE_BODY,
  source: "Wire",
  url: "https://wire.example/peru-quake",
  publishedAt: at("2026-04-30T20:00:00Z"),
};
// A wire copy of the quake report: one more report of the same story.
const quakeCopy: ArticleInput = {
  title: "Earthquake kills 12 in southern Peru",
  body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning").replace("twelve people", "12 people"),
  source: "Daily Herald",
  url: "https://herald.example/world/peru-earthquake",
  publishedAt: at("2026-05-01T12:00:00Z"),
};
const football: ArticleInput = {
  title: "Rovers win the cup final on penalties",
  body: FOOTBALL_BODY,
  source: "Sport Daily",
  url: "https://sport.example/cup-final",
  publishedAt: at("2026-04-30T22:00:00Z"),
};
const port: ArticleInput = {
  title: "Port strike ends after talks",
  body: [
    "Dock workers at the eastern port voted to end their three-week strike after the harbour authority raised its pay offer.",
    "Container ships that had waited offshore began unloading on Thursday, and hauliers expect the backlog to clear within days.",
    "The union leader said members had won a shorter night shift and new safety rules for the cranes.",
  ].join("\n\n"),
  source: "Harbour News",
  url: "https://harbour.example/strike-ends",
  publishedAt: at("2026-05-01T15:00:00Z"),
};

describe("editions", () => {
  const S1 = at("2026-05-01T08:00:00Z");
  const S2 = at("2026-05-02T08:00:00Z");
  let courier: RecordingCourier;
  let proc: Process;
  const headlines = (d: Delivery | undefined) => d?.payload?.cards.flatMap((c) => (c.type === "story" ? [c.headline] : []));

  beforeEach(async () => {
    courier = new RecordingCourier();
    proc = await boot(courier);
    clock = at("2026-04-30T09:00:00Z");
    await ingestArticles([quake, football], ingestInto(proc.store), () => at("2026-05-01T06:00:00Z"));
  });

  async function storyIdOf(url: string): Promise<number> {
    const articles = await proc.store.articles.between(new Date(0), at("2026-06-01T00:00:00Z"));
    return articles.find((a) => a.url === url)!.storyId;
  }

  it("leaves out what a target was sent already, and sends a story with new reports again as an update", async () => {
    const daily = digest({ name: "daily", schedule: "0 8 * * *", window: "48h" });
    await proc.store.deliveries.digestState("daily", clock);

    clock = at("2026-05-01T08:00:30Z");
    await proc.scheduler.runDue(daily, false);
    await proc.queue.idle();
    const [day1] = await proc.store.deliveries.forSlot("daily", S1);
    // Equal coverage (one report, one outlet each): the fresher football story ranks first.
    expect(headlines(day1)).toEqual([football.title, quake.title]);
    expect(day1?.payload?.title).toBe("Your daily briefing: 2 stories from the last 48 hours");
    const quakeId = await storyIdOf(quake.url!);
    const footballId = await storyIdOf(football.url!);
    expect(day1?.stories).toEqual(expect.arrayContaining([{ storyId: quakeId, reports: 1 }, { storyId: footballId, reports: 1 }]));

    // A day later: a second report of the quake, and a new story.
    await ingestArticles([quakeCopy, port], ingestInto(proc.store), () => at("2026-05-01T18:00:00Z"));
    clock = at("2026-05-02T08:00:30Z");
    await proc.scheduler.runDue(daily, false);
    await proc.queue.idle();
    const [day2] = await proc.store.deliveries.forSlot("daily", S2);
    // The quake has 2 reports from 2 outlets now, and ranks above the port strike's 1 and 1.
    expect(headlines(day2)).toEqual([quake.title, port.title]);
    expect(day2?.stories).toEqual([
      { storyId: quakeId, reports: 2 },
      { storyId: await storyIdOf(port.url!), reports: 1 },
    ]);
    expect(courier.sent.map((s) => s.slot)).toEqual([S1.toISOString(), S2.toISOString()]);

    const edition = await prepareEdition(proc.newsroom, daily, S2, "slack:C1", false);
    const decisions = Object.fromEntries(edition.considered.map((c) => [c.headline, c.decision]));
    expect(decisions).toEqual({
      [quake.title]: { kind: "chosen", position: 1, update: true },
      [port.title]: { kind: "chosen", position: 2, update: false },
      [football.title]: { kind: "already-sent", slot: S1 },
    });
    // What one target was sent says nothing of another's.
    const elsewhere = await prepareEdition(proc.newsroom, daily, S2, "slack:C9", false);
    expect(elsewhere.considered.every((c) => c.decision.kind === "chosen")).toBe(true);
  });

  it("counts a briefing still being sent as sent, and one given up on as not", async () => {
    const daily = digest({ name: "daily", schedule: "0 8 * * *", window: "48h", targets: [{ platform: "slack", channel: "C1" }, { platform: "slack", channel: "C2" }] });
    // Nothing goes out: both slots are caught up on while the first is still pending.
    await proc.queue.stop();
    clock = at("2026-05-02T08:00:30Z");
    const day1 = await proc.scheduler.handleSlot(daily, S1, true);
    expect(day1.map((d) => [d.targetKey, d.status, headlines(d)])).toEqual([
      ["slack:C1", "pending", [football.title, quake.title]],
      ["slack:C2", "pending", [football.title, quake.title]],
    ]);
    // C2's first briefing is given up on: its stories are owed to it again.
    await proc.store.deliveries.update(day1[1]!.id, { status: "failed", lastError: "HTTP 404" });

    const day2 = await proc.scheduler.handleSlot(daily, S2, true);
    expect(day2.map((d) => [d.targetKey, headlines(d)])).toEqual([
      ["slack:C1", []],
      ["slack:C2", [football.title, quake.title]],
    ]);
    expect(day2[0]!.payload?.cards).toEqual([{ type: "notice", text: "Nothing new since the last briefing.", suggestions: [] }]);
    expect(day2[0]!.payload?.title).toBe("Your daily briefing (late)");
    expect(courier.sent).toEqual([]);
  });

  it("leaves out stories off the digest's topics, and cuts at maxStories", async () => {
    const peru = digest({ name: "peru", schedule: "0 8 * * *", topics: ["peru"], targets: [{ platform: "slack", channel: "C2" }] });
    const top1 = digest({ name: "top1", schedule: "0 8 * * *", maxStories: 1, targets: [{ platform: "slack", channel: "C3" }] });
    clock = at("2026-05-01T08:00:30Z");
    const [onTopic] = await proc.scheduler.handleSlot(peru, S1, false);
    const [cut] = await proc.scheduler.handleSlot(top1, S1, false);
    await proc.queue.idle();
    expect(headlines(onTopic)).toEqual([quake.title]);
    expect(headlines(cut)).toEqual([football.title]);

    const topics = await prepareEdition(proc.newsroom, peru, S1, "slack:C2", false);
    // Stories on the topics come first; the rest follow in the window's order.
    expect(topics.considered.map((c) => [c.headline, c.decision])).toEqual([
      [quake.title, { kind: "chosen", position: 1, update: false }],
      [football.title, { kind: "topic" }],
    ]);
    const ranked = await prepareEdition(proc.newsroom, top1, S1, "slack:C3", false);
    expect(ranked.considered.map((c) => [c.headline, c.decision])).toEqual([
      [football.title, { kind: "chosen", position: 1, update: false }],
      [quake.title, { kind: "cut", rank: 2 }],
    ]);
    expect(courier.sent.map((s) => s.targetKey).sort()).toEqual(["slack:C2", "slack:C3"]);
  });

  it("sends a notice when there is nothing new, or stays silent and records the slot as skipped", async () => {
    // A one-hour window before 08:00 holds none of the articles.
    const notice = digest({ name: "quiet", schedule: "0 8 * * *", window: "1h", whenEmpty: "notice" });
    const silent = digest({ name: "silent", schedule: "0 8 * * *", window: "1h", whenEmpty: "skip", targets: [{ platform: "slack", channel: "C4" }] });
    clock = at("2026-05-01T08:00:30Z");
    const [noticed] = await proc.scheduler.handleSlot(notice, S1, false);
    const [skipped] = await proc.scheduler.handleSlot(silent, S1, false);
    await proc.queue.idle();
    expect(noticed).toMatchObject({
      status: "sent",
      payload: { digest: "quiet", title: "Your quiet briefing", cards: [{ type: "notice", text: "Nothing new since the last briefing.", suggestions: [] }] },
      stories: [],
    });
    expect(skipped).toMatchObject({ status: "skipped", payload: undefined, note: "nothing new, and the digest stays silent when empty" });
    expect(courier.sent.map((s) => s.digest)).toEqual(["quiet"]);
  });
});

describe("paused channels", () => {
  it("records a paused channel's slot as skipped and still sends to the digest's other targets", async () => {
    const courier = new RecordingCourier();
    const { scheduler, queue, store, newsroom } = await boot(courier);
    const both = digest({ targets: [{ platform: "slack", channel: "C1" }, { platform: "discord", channel: "123456789" }] });
    clock = at("2026-05-01T07:30:00Z");
    await scheduler.runDue(both, false);
    await newsroom.channels.pause({ platform: "slack", channel: "C1" });

    clock = at("2026-05-01T08:00:05Z");
    await scheduler.runDue(both, false);
    await queue.idle();
    const recorded = await store.deliveries.forSlot("hourly", at("2026-05-01T08:00:00Z"));
    expect(recorded.map((d) => [d.targetKey, d.status, d.note])).toEqual([
      ["slack:C1", "skipped", "paused in slack:C1 (/news resume)"],
      ["discord:123456789", "sent", undefined],
    ]);
    expect(courier.sent.map((s) => s.targetKey)).toEqual(["discord:123456789"]);

    // Resumed, the channel gets the next slot (and not the one it missed while paused).
    await newsroom.channels.resume({ platform: "slack", channel: "C1" });
    clock = at("2026-05-01T09:00:05Z");
    await scheduler.runDue(both, false);
    await queue.idle();
    expect(courier.sent.map((s) => [s.slot, s.targetKey])).toEqual([
      ["2026-05-01T08:00:00.000Z", "discord:123456789"],
      ["2026-05-01T09:00:00.000Z", "slack:C1"],
      ["2026-05-01T09:00:00.000Z", "discord:123456789"],
    ]);
  });
});

describe("start", () => {
  it("runs each digest on its cron schedule once started, and stops with stop()", async () => {
    // Real time here: node-cron drives the ticks of a digest due every second.
    definitions = [digest({ name: "every-second", schedule: "* * * * * *" })];
    const courier = new RecordingCourier();
    const store = await openTestStorage(file);
    const newsroom = new Newsroom(store);
    const queue = new DeliveryQueue(store, () => courier, {}, { baseDelayMs: 10 });
    const scheduler = new DigestScheduler(newsroom, queue, async () => definitions);
    const started = Date.now();
    try {
      await scheduler.start();
      await vi.waitFor(() => expect(courier.sent.length).toBeGreaterThanOrEqual(2), { timeout: 5_000, interval: 50 });
      await scheduler.stop();
      await queue.idle();
      const stopped = Date.now();
      const slots = courier.sent.map((s) => Date.parse(s.slot));
      // Each slot once, in order, within the run, each on a whole second, sent on time.
      expect(new Set(slots).size).toBe(slots.length);
      expect([...slots].sort((a, b) => a - b)).toEqual(slots);
      for (const slot of slots) {
        expect(slot % 1000).toBe(0);
        expect(slot).toBeGreaterThan(started - 1000);
        expect(slot).toBeLessThanOrEqual(stopped);
      }
      expect(courier.sent.every((s) => !s.late)).toBe(true);
      const count = courier.sent.length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(courier.sent).toHaveLength(count);
    } finally {
      await scheduler.stop();
      await queue.stop();
      await store.close();
    }
  });
});
