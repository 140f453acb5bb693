// A courier carries a delivery's messages to one kind of target. The queue decides when to send and
// whether to retry; the courier only turns the payload into messages and reports what happened.
import type { Delivery } from "./outbox.js";

export type SendOutcome =
  | { ok: true }
  /** retryable: worth trying again later (network, 5xx, 429); retryAfterMs when the target said when. */
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

export interface Courier {
  /** The least time between two messages to one target: the platform's rate limit. */
  readonly spacingMs: number;
  /** The messages a delivery is sent as: one, or several when a briefing exceeds a message's limits. */
  messages(delivery: Delivery): unknown[];
  /** Sends one of them; `key` is the same on every attempt of the same message. */
  send(delivery: Delivery, message: unknown, key: string): Promise<SendOutcome>;
}

/** The idempotency key of one message of a delivery. */
export function messageKey(delivery: Delivery, index: number, total: number): string {
  return total > 1 ? `${delivery.idempotencyKey}-${index + 1}` : delivery.idempotencyKey;
}

/** A target this newsbot cannot reach (its platform is not connected): a clear, final failure. */
export function unreachable(reason: string): Courier {
  return {
    spacingMs: 0,
    messages: () => [null],
    send: async () => ({ ok: false, retryable: false, error: reason }),
  };
}
