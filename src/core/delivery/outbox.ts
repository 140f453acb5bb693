// The outbox's records: one delivery per (digest, slot, target), written before anything is sent
// and updated as it goes, so a restart knows exactly what was promised, sent, or still owed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AlertNote } from "../alerts/alert.js";
import { Card } from "../card.js";
import type { TargetRef } from "./definition.js";

/** What a briefing says, fixed when its delivery is recorded: a resend says the same thing. */
export const DigestPayload = z.object({
  digest: z.string(),
  /** ISO 8601: the scheduled time, not the time it went out. */
  slot: z.string(),
  late: z.boolean(),
  title: z.string(),
  cards: z.array(Card),
  /** Set on an alert (/news alert): its one story is posted at once, with why, and its mention. */
  alert: AlertNote.optional(),
});
export type DigestPayload = z.infer<typeof DigestPayload>;

/** A story a delivery carried, with how many reports it had then (more later means an update). */
export const SentStory = z.object({ storyId: z.number().int(), reports: z.number().int() });
export type SentStory = z.infer<typeof SentStory>;

/**
 * pending: recorded, not (yet completely) sent; sent; failed: given up on, with the reason;
 * skipped: not sent on purpose (missed beyond the grace period, nothing new, the channel paused).
 */
export type DeliveryStatus = "pending" | "sent" | "failed" | "skipped";

export interface NewDelivery {
  /** Without a webhook's URL, a secret: the outbox is not a place for it. */
  target: TargetRef;
  targetKey: string;
  idempotencyKey: string;
  late: boolean;
  status: "pending" | "skipped";
  payload?: DigestPayload;
  stories: SentStory[];
  /** Why it was skipped. */
  note?: string;
}

export interface Delivery extends Omit<NewDelivery, "status"> {
  id: number;
  digest: string;
  slot: Date;
  status: DeliveryStatus;
  attempts: number;
  /** Messages of a multi-message briefing already accepted: a resend continues after them. */
  partsSent: number;
  createdAt: Date;
  sentAt?: Date;
  /** The next attempt of a delivery that failed and will be retried. */
  retryAt?: Date;
  lastError?: string;
}

export interface DeliveryUpdate {
  status?: DeliveryStatus;
  attempts?: number;
  partsSent?: number;
  sentAt?: Date;
  retryAt?: Date | null;
  lastError?: string | null;
}

/** Same digest, slot and target: same key, on every attempt and after every restart. */
export function idempotencyKey(digest: string, slot: Date, targetKey: string): string {
  return createHash("sha256").update(`${digest}\n${slot.toISOString()}\n${targetKey}`).digest("hex").slice(0, 32);
}
