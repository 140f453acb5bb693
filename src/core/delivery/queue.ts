// The delivery queue: one lane per target, so a target's briefings go out in order and a failing
// target holds up only itself. Each lane keeps its platform's pace, retries with backoff (longer
// when a 429 says Retry-After), and gives up after a few attempts, recording why. Progress is
// written to the outbox after every message, so a restart resumes exactly where this left off.
// Replicas sharing the outbox lease each delivery before every attempt: one sends at a time, and a
// delivery whose replica died is taken up by another once its lease runs out, with the same key.
import type { Storage } from "../storage/index.js";
import { messageKey, type Courier, type SendOutcome } from "./courier.js";
import type { Delivery } from "./outbox.js";

export interface QueuePolicy {
  /** Attempts at one message before the delivery is given up on. */
  maxAttempts: number;
  /** First retry delay; doubled on each retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Who this process is among the replicas sharing the outbox (one process: any name). */
  owner: string;
  /** How long a claim on a delivery lasts: longer than one attempt can take (a webhook 15 s). */
  leaseMs: number;
  /** How soon a delivery whose target's earlier one is still unsent (another replica is sending it)
   * asks for its turn again. */
  turnMs: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, owner: "newsbot", leaseMs: 60_000, turnMs: 1_000 };

export interface DeliveryEvents {
  sent?(delivery: Delivery): void;
  /** A failed attempt that will be retried at `retryAt`. */
  retrying?(delivery: Delivery, error: string, retryAt: Date): void;
  /** Given up: the target is reported, not retried forever. */
  failed?(delivery: Delivery, error: string): void;
  /** The outbox could not be written: the lane stops, and what it held is resent on restart. */
  crashed?(delivery: Delivery, error: unknown): void;
  /** Another replica holds the delivery's lease (or it was sent meanwhile): left to it. */
  leftToOther?(delivery: Delivery): void;
  /** An earlier delivery of the same target is still unsent: this one asks again in `turnMs`. */
  waiting?(delivery: Delivery): void;
}

interface Lane {
  waiting: Delivery[];
  running?: Promise<void>;
  lastSentAt: number;
}

export class DeliveryQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly queued = new Set<number>();
  private readonly sleepers = new Set<() => void>();
  /** Deliveries out of their lane until their target's earlier ones are sent (`turnMs`). */
  private readonly turns = new Set<Promise<void>>();
  private stopping = false;
  readonly policy: QueuePolicy;

  constructor(
    private readonly store: Pick<Storage, "deliveries">,
    private readonly courierFor: (delivery: Delivery) => Courier,
    private readonly events: DeliveryEvents = {},
    policy: Partial<QueuePolicy> = {},
  ) {
    this.policy = { ...DEFAULT_QUEUE_POLICY, ...policy };
  }

  /** Queues a pending delivery behind its target's earlier ones; a delivery already queued is ignored. */
  enqueue(delivery: Delivery): void {
    if (this.stopping || delivery.status !== "pending" || this.queued.has(delivery.id)) return;
    this.queued.add(delivery.id);
    const lane = this.lanes.get(delivery.targetKey) ?? { waiting: [], lastSentAt: 0 };
    this.lanes.set(delivery.targetKey, lane);
    lane.waiting.push(delivery);
    lane.running ??= this.run(lane)
      .catch((error: unknown) => this.events.crashed?.(delivery, error))
      .finally(() => (lane.running = undefined));
  }

  /** Whether the delivery is queued here (waiting or being sent). */
  holds(id: number): boolean {
    return this.queued.has(id);
  }

  /** Resolves when every queued delivery is sent or given up on (retries included). */
  async idle(): Promise<void> {
    while (!this.stopping) {
      const running = [...this.lanes.values()].flatMap((lane) => (lane.running ? [lane.running] : [])).concat([...this.turns]);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Lets the messages being sent finish, then stops; what is left stays pending in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await Promise.all([...this.lanes.values()].map((lane) => lane.running));
  }

  private async run(lane: Lane): Promise<void> {
    while (!this.stopping && lane.waiting.length) {
      const delivery = lane.waiting[0]!;
      const outcome = await this.deliver(delivery, lane);
      if (this.stopping) return;
      lane.waiting.shift();
      if (outcome === "behind") this.awaitTurn(delivery);
      else this.queued.delete(delivery.id);
    }
  }

  /** Out of the lane, so that the lane goes on (the earlier delivery may be queued behind this one,
   * taken up from a replica that stopped), and back in it once `turnMs` is up. Still held meanwhile:
   * a resume does not queue it twice. */
  private awaitTurn(delivery: Delivery): void {
    this.events.waiting?.(delivery);
    const turn = this.sleep(this.policy.turnMs).then(() => {
      this.turns.delete(turn);
      this.queued.delete(delivery.id);
      this.enqueue(delivery);
    });
    this.turns.add(turn);
  }

  /** Sends the delivery, or says it must wait for an earlier delivery of its target. */
  private async deliver(delivery: Delivery, lane: Lane): Promise<"behind" | undefined> {
    const courier = this.courierFor(delivery);
    const messages = courier.messages(delivery);
    // A retry the target asked to be put off (Retry-After) stays put off across a restart.
    if (delivery.retryAt) await this.sleep(delivery.retryAt.getTime() - Date.now());
    /** Failed attempts at the current message: the budget is per message, not per briefing. */
    let failures = 0;
    while (delivery.partsSent < messages.length) {
      if (this.stopping) return;
      await this.sleep(lane.lastSentAt + courier.spacingMs - Date.now());
      if (this.stopping) return;
      // Renewed before every attempt, so the lease covers the attempt and no other replica sends meanwhile.
      const now = Date.now();
      const claim = await this.store.deliveries.claim(delivery.id, this.policy.owner, new Date(now), new Date(now + this.policy.leaseMs));
      if (claim === "behind") return claim;
      if (claim === "held") {
        this.events.leftToOther?.(delivery);
        return;
      }
      const index = delivery.partsSent;
      delivery.attempts++;
      const outcome = await this.attempt(courier, delivery, messages[index], messageKey(delivery, index, messages.length));
      lane.lastSentAt = Date.now();
      if (outcome.ok) {
        failures = 0;
        delivery.partsSent++;
        const done = delivery.partsSent === messages.length;
        if (done) {
          delivery.status = "sent";
          delivery.sentAt = new Date();
        }
        await this.store.deliveries.update(delivery.id, {
          attempts: delivery.attempts,
          partsSent: delivery.partsSent,
          ...(done ? { status: "sent", sentAt: delivery.sentAt, retryAt: null, lastError: null } : {}),
        });
        if (done) this.events.sent?.(delivery);
        continue;
      }
      delivery.lastError = outcome.error;
      failures++;
      if (!outcome.retryable || failures >= this.policy.maxAttempts) {
        delivery.status = "failed";
        const reason = outcome.retryable ? `${outcome.error} (gave up after ${failures} attempts)` : outcome.error;
        delivery.lastError = reason;
        await this.store.deliveries.update(delivery.id, { status: "failed", attempts: delivery.attempts, lastError: reason, retryAt: null });
        this.events.failed?.(delivery, reason);
        return;
      }
      const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (failures - 1));
      const delay = Math.max(backoff, outcome.retryAfterMs ?? 0);
      delivery.retryAt = new Date(Date.now() + delay);
      await this.store.deliveries.update(delivery.id, { attempts: delivery.attempts, lastError: outcome.error, retryAt: delivery.retryAt });
      this.events.retrying?.(delivery, outcome.error, delivery.retryAt);
      await this.sleep(delay);
    }
  }

  /** A courier that throws instead of answering is a failure worth retrying, not a stuck lane. */
  private async attempt(courier: Courier, delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    try {
      return await courier.send(delivery, message, key);
    } catch (error) {
      return { ok: false, retryable: true, error: `could not send: ${(error as Error).message}` };
    }
  }

  /** A wait that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
