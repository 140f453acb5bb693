// Outbox rows as Deliveries, whichever engine read them.
import { z } from "zod";
import { TargetRef } from "../../core/delivery/definition.js";
import { DigestPayload, type Delivery } from "../../core/delivery/outbox.js";
import type { Columns } from "./columns.js";

/** The id of a deliveries row, read before its stories are. */
export const DeliveryId = z.object({ id: z.number() });

/** Reads a deliveries row, with the stories it carried, as a Delivery. */
export function deliveryReader(columns: Columns): (raw: unknown, stories: Delivery["stories"]) => Delivery {
  const Row = z.object({
    id: z.number(),
    digest: z.string(),
    slot: columns.time,
    target_key: z.string(),
    target: columns.json(TargetRef),
    idempotency_key: z.string(),
    late: columns.flag,
    status: z.enum(["pending", "sent", "failed", "skipped"]),
    payload: columns.json(DigestPayload).nullable(),
    note: z.string().nullable(),
    attempts: z.number(),
    parts_sent: z.number(),
    created_at: columns.time,
    sent_at: columns.time.nullable(),
    retry_at: columns.time.nullable(),
    last_error: z.string().nullable(),
  });
  return (raw, stories) => {
    const row = Row.parse(raw);
    return {
      id: row.id,
      digest: row.digest,
      slot: row.slot,
      target: row.target,
      targetKey: row.target_key,
      idempotencyKey: row.idempotency_key,
      late: row.late,
      status: row.status,
      payload: row.payload ?? undefined,
      note: row.note ?? undefined,
      stories,
      attempts: row.attempts,
      partsSent: row.parts_sent,
      createdAt: row.created_at,
      sentAt: row.sent_at ?? undefined,
      retryAt: row.retry_at ?? undefined,
      lastError: row.last_error ?? undefined,
    };
  };
}
