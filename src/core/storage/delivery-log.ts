// The delivery log: the outbox (every briefing owed, sent or given up on) and each digest's progress.
import type { Delivery, DeliveryUpdate, NewDelivery } from "../delivery/outbox.js";

/** Where a digest is in its schedule. */
export interface DigestState {
  /** When newsbot first ran this digest: slots before it were never promised. */
  firstSeenAt: Date;
  /** The latest slot handled (recorded, sent or skipped). */
  lastSlot?: Date;
}

/**
 * What a claim on a delivery found: it is now the claimer's; another replica holds it, or it is no
 * longer pending; or an earlier delivery of its target is still pending, so that it waits its turn.
 */
export type Claim = "claimed" | "held" | "behind";

export interface DeliveryLog {
  /**
   * Records a slot's deliveries (one per target) and moves the digest's last slot on, in one
   * transaction. A delivery already recorded for the same digest, slot and target is kept as it is:
   * the result is what is recorded for the slot, new or old.
   */
  record(digest: string, slot: Date, deliveries: NewDelivery[], now: Date): Promise<Delivery[]>;
  update(id: number, update: DeliveryUpdate): Promise<void>;
  /**
   * Takes or renews the lease on a pending delivery for `owner` until `until`: "claimed" when it is
   * now the owner's; "held" when it is no longer pending or another owner's lease runs past `now`;
   * "behind" when an earlier delivery of the same target (an earlier slot, or the same slot recorded
   * before it) is still pending, leased or not: a target's deliveries go out in slot order, whichever
   * replicas send them. One given up on (failed) or skipped holds nothing up. Replicas claim before
   * every attempt, so one sends at a time, and a dead one's lease runs out for another.
   */
  claim(id: number, owner: string, now: Date, until: Date): Promise<Claim>;
  /**
   * Takes a digest's slot for `owner` to prepare, until `until`: true for the first taker (or the
   * same owner again), and for another once the lease ran out before `now` with the slot unrecorded.
   * Recording the slot (record) frees it: the outbox's rows say the rest.
   */
  takeSlot(digest: string, slot: Date, owner: string, now: Date, until: Date): Promise<boolean>;
  /** Slots of the digest taken and never recorded, whose taker's lease ran out before `now` (it
   * died preparing them), oldest first: the digest has moved on past them, so nothing else would. */
  abandonedSlots(digest: string, now: Date): Promise<Date[]>;
  /** Deliveries recorded but not yet sent nor given up on, oldest slot first; with `free`, only those
   * that owner may claim at that time (unleased, leased to it, or whose lease ran out). */
  unfinished(free?: { owner: string; at: Date }): Promise<Delivery[]>;
  /** What is recorded for one slot of a digest. */
  forSlot(digest: string, slot: Date): Promise<Delivery[]>;
  /** The stories sent (or being sent) to a target by deliveries of slots before `before`, with the
   * most reports each had then, and the slot of the latest such delivery. */
  sentStories(targetKey: string, before: Date): Promise<Map<number, { reports: number; slot: Date }>>;
  /** The digest's state, first recording it as seen now. */
  digestState(digest: string, now: Date): Promise<DigestState>;
}
