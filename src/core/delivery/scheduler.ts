// The scheduler: runs each digest's cron schedule in its timezone (node-cron), and on every tick,
// and on start-up, handles every slot owed since the digest's last one. A slot missed while newsbot
// was down is delivered late if it is younger than the grace period, and recorded as skipped if not.
// Every slot's deliveries are written to the outbox before they are queued, and the outbox's unique
// (digest, slot, target) means a slot handled twice (a tick racing the start-up catch-up) sends once.
// Replicas sharing the database run the same schedules: each slot is prepared by the one that takes
// it first (DeliveryLog.takeSlot), and each keeps taking up deliveries whose replica died (resume).
import cron, { type ScheduledTask } from "node-cron";
import type { Newsroom } from "../newsroom.js";
import { channelName } from "./channel.js";
import type { DigestDefinition } from "./definition.js";
import { channelOf, targetKey, targetRef, type Target } from "./targets.js";
import { idempotencyKey, type Delivery, type NewDelivery } from "./outbox.js";
import { prepareEdition, readWindow, SlotWindows, type SlotWindow } from "./edition.js";
import type { DeliveryQueue } from "./queue.js";
import { slotsBetween } from "./slots.js";

export const DEFAULT_GRACE_MS = 6 * 3_600_000;
/** Slots a tick handles at most: a digest every second, down for a day, is not 86,400 messages. */
const MAX_SLOTS_PER_TICK = 100;
/** A slot sent this long after it was due counts as late even when its own tick sent it. */
const LATE_AFTER_MS = 60_000;

export interface SchedulerEvents {
  /** Slots older than the grace period, recorded as skipped. */
  skipped?(digest: string, slots: Date[], reason: string): void;
  /** A digest whose slot could not be prepared (the store failed): retried on the next tick. */
  error?(digest: string, error: unknown): void;
}

export interface SchedulerOptions {
  graceMs?: number;
  /** How often the definitions are read again, so a /news change made elsewhere (the CLI, another
   * replica) is picked up. */
  refreshMs?: number;
  now?: () => Date;
  events?: SchedulerEvents;
}

export class DigestScheduler {
  private tasks: ScheduledTask[] = [];
  private definitions: DigestDefinition[] = [];
  private refresher?: NodeJS.Timeout;
  private resumer?: NodeJS.Timeout;
  /** Each digest's slots are handled one run at a time. */
  private readonly running = new Map<string, Promise<void>>();
  /** What the digests of a slot choose from, read once for all of them while the slot is handled. */
  private readonly windows = new SlotWindows();
  private stopped = false;
  private readonly graceMs: number;
  private readonly refreshMs: number;
  private readonly now: () => Date;
  private readonly events: SchedulerEvents;

  constructor(
    private readonly newsroom: Newsroom,
    private readonly queue: DeliveryQueue,
    /** The digests to run: the files' and the channels' own; asked again on reload(). */
    private readonly listDefinitions: () => Promise<DigestDefinition[]>,
    options: SchedulerOptions = {},
  ) {
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.refreshMs = options.refreshMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    this.events = options.events ?? {};
  }

  get digests(): readonly DigestDefinition[] {
    return this.definitions;
  }

  /** Resends what a previous run left unsent, starts the schedules, then catches up on missed slots;
   * then, every lease, takes up what a replica that died left unsent. */
  async start(): Promise<void> {
    await this.resume();
    await this.reload();
    this.refresher = setInterval(() => void this.reload(false).catch((error: unknown) => this.events.error?.("(all)", error)), this.refreshMs);
    this.refresher.unref();
    this.resumer = setInterval(() => void this.resume().catch((error: unknown) => this.events.error?.("(all)", error)), this.queue.policy.leaseMs);
    this.resumer.unref();
  }

  /** Queues the unfinished deliveries no live replica holds (the queue ignores those it has). */
  async resume(): Promise<void> {
    if (this.stopped) return;
    const now = this.now().getTime();
    // Leases run on the wall clock, as the queue's claims do.
    const free = { owner: this.queue.policy.owner, at: new Date() };
    for (const delivery of await this.newsroom.store.deliveries.unfinished(free)) {
      if (this.queue.holds(delivery.id)) continue;
      // Owed, but by now as stale as a missed slot past the grace period: given up on, with the reason.
      if (now - delivery.slot.getTime() > this.graceMs) {
        const reason = `still unsent when newsbot took it up again (after a restart, or from a replica that stopped), more than ${Math.round(this.graceMs / 60_000)} minutes after its slot (the grace period)`;
        await this.newsroom.store.deliveries.update(delivery.id, { status: "failed", lastError: reason, retryAt: null });
        this.events.skipped?.(delivery.digest, [delivery.slot], reason);
      } else this.queue.enqueue(delivery);
    }
  }

  /** Picks up changed definitions (a channel's /news schedule): reschedules and catches up. Unless
   * forced, nothing is done when the definitions are as they were. */
  async reload(force = true): Promise<void> {
    if (this.stopped) return;
    const definitions = await this.listDefinitions();
    if (!force && JSON.stringify(definitions) === JSON.stringify(this.definitions)) return;
    this.definitions = definitions;
    for (const task of this.tasks) await task.destroy();
    this.tasks = [];
    // Schedules start before the catch-up, so no slot falls between the two.
    for (const definition of this.definitions) {
      this.tasks.push(
        cron.schedule(definition.schedule, () => this.runDue(definition, false), {
          timezone: definition.timezone,
          name: `digest ${definition.name}`,
          suppressMissedWarning: true,
        }),
      );
    }
    await Promise.all(this.definitions.map((definition) => this.runDue(definition, true)));
  }

  /** Stops the schedules; deliveries being sent finish (the queue is stopped by its owner). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.refresher);
    clearInterval(this.resumer);
    for (const task of this.tasks) await task.destroy();
    this.tasks = [];
    await Promise.all(this.running.values());
  }

  /** Handles every slot of the digest owed up to now, one run per digest at a time. */
  runDue(definition: DigestDefinition, catchingUp: boolean): Promise<void> {
    const previous = this.running.get(definition.name) ?? Promise.resolve();
    const run = previous
      .then(() => (this.stopped ? undefined : this.windows.holding(() => this.handleDue(definition, catchingUp))))
      .catch((error: unknown) => this.events.error?.(definition.name, error));
    this.running.set(definition.name, run);
    void run.finally(() => {
      if (this.running.get(definition.name) === run) this.running.delete(definition.name);
    });
    return run;
  }

  private async handleDue(definition: DigestDefinition, catchingUp: boolean): Promise<void> {
    const now = this.now();
    // Slots a replica took and died preparing: the digest has moved on past them, so they are taken up here.
    for (const slot of await this.newsroom.store.deliveries.abandonedSlots(definition.name, new Date())) {
      if (now.getTime() - slot.getTime() > this.graceMs) {
        const reason = `the replica preparing it stopped, and it is more than ${Math.round(this.graceMs / 60_000)} minutes old (the grace period)`;
        await this.record(definition, slot, definition.targets.map((target) => this.skip(definition, slot, target, reason)));
        this.events.skipped?.(definition.name, [slot], reason);
      } else await this.handleSlot(definition, slot, now.getTime() - slot.getTime() > LATE_AFTER_MS);
    }
    const state = await this.newsroom.store.deliveries.digestState(definition.name, now);
    // Slots before the digest was first seen were never promised.
    const after = state.lastSlot && state.lastSlot > state.firstSeenAt ? state.lastSlot : state.firstSeenAt;
    const slots = slotsBetween(definition, after, now, MAX_SLOTS_PER_TICK);
    const expired = slots.filter((slot) => now.getTime() - slot.getTime() > this.graceMs);
    if (expired.length) {
      const reason = `missed while newsbot was not running, more than ${Math.round(this.graceMs / 60_000)} minutes ago (the grace period)`;
      // Only the latest expired slot gets outbox rows (for explain); the older ones just move the digest on.
      await this.record(definition, expired.at(-1)!, definition.targets.map((target) => this.skip(definition, expired.at(-1)!, target, reason)));
      this.events.skipped?.(definition.name, expired, reason);
    }
    for (const slot of slots.slice(expired.length)) {
      const late = catchingUp || now.getTime() - slot.getTime() > LATE_AFTER_MS;
      await this.handleSlot(definition, slot, late);
    }
  }

  /** Prepares and records one slot's deliveries, then queues those to send; nothing when another
   * replica is preparing the slot (it records and sends them). */
  handleSlot(definition: DigestDefinition, slot: Date, late: boolean): Promise<Delivery[]> {
    return this.windows.holding(() => this.prepareSlot(definition, slot, late));
  }

  private async prepareSlot(definition: DigestDefinition, slot: Date, late: boolean): Promise<Delivery[]> {
    const { owner, leaseMs } = this.queue.policy;
    const now = Date.now();
    if (!(await this.newsroom.store.deliveries.takeSlot(definition.name, slot, owner, new Date(now), new Date(now + leaseMs)))) return [];
    const existing = await this.newsroom.store.deliveries.forSlot(definition.name, slot);
    const recorded = new Set(existing.map((d) => d.targetKey));
    const deliveries: NewDelivery[] = [];
    // The window is the same for every target (and shared with the slot's other digests); only what
    // each was already sent differs.
    let window: SlotWindow | undefined;
    for (const target of definition.targets) {
      const key = targetKey(target);
      if (recorded.has(key)) continue;
      const channel = channelOf(target);
      if (channel && (await this.newsroom.store.channels.get(channel))?.paused) {
        deliveries.push(this.skip(definition, slot, target, `paused in ${channelName(channel)} (/news resume)`));
        continue;
      }
      window ??= await readWindow(this.newsroom, definition, slot, this.windows);
      const edition = await prepareEdition(this.newsroom, definition, slot, key, late, window, { reasons: false });
      deliveries.push(
        edition.payload
          ? { target: targetRef(target), targetKey: key, idempotencyKey: idempotencyKey(definition.name, slot, key), late, status: "pending", payload: edition.payload, stories: edition.stories }
          : this.skip(definition, slot, target, "nothing new, and the digest stays silent when empty"),
      );
    }
    return this.record(definition, slot, deliveries);
  }

  private async record(definition: DigestDefinition, slot: Date, deliveries: NewDelivery[]): Promise<Delivery[]> {
    const recorded = await this.newsroom.store.deliveries.record(definition.name, slot, deliveries, this.now());
    for (const delivery of recorded) this.queue.enqueue(delivery);
    return recorded;
  }

  private skip(definition: DigestDefinition, slot: Date, target: Target, note: string): NewDelivery {
    const key = targetKey(target);
    return { target: targetRef(target), targetKey: key, idempotencyKey: idempotencyKey(definition.name, slot, key), late: false, status: "skipped", stories: [], note };
  }
}
