// The outbox tables: deliveries, the stories each carried, and each digest's progress.
import { z } from "zod";
import { targetRef } from "../../core/delivery/definition.js";
import type { Delivery, DeliveryUpdate, NewDelivery } from "../../core/delivery/outbox.js";
import type { DeliveryLog, DigestState } from "../../core/storage/index.js";
import { postgresColumns } from "../rows/columns.js";
import { DeliveryId, deliveryReader } from "../rows/delivery.js";
import type { Queryable } from "./pool.js";
import type pg from "pg";

const toDelivery = deliveryReader(postgresColumns);

const StoryRow = z.object({ delivery_id: z.number(), story_id: z.number(), reports: z.number() });

/** The column each updatable field is kept in. */
const COLUMNS: Record<keyof DeliveryUpdate, string> = {
  status: "status",
  attempts: "attempts",
  partsSent: "parts_sent",
  sentAt: "sent_at",
  retryAt: "retry_at",
  lastError: "last_error",
};

export class PostgresDeliveries implements DeliveryLog {
  constructor(private readonly pool: pg.Pool) {}

  private async withStories(raws: unknown[]): Promise<Delivery[]> {
    const ids = raws.map((raw) => DeliveryId.parse(raw).id);
    const stories = new Map<number, Delivery["stories"]>();
    // Most slots are taken with nothing recorded yet: no round trip for no rows.
    if (ids.length === 0) return [];
    const found = await this.pool.query(
      "SELECT delivery_id, story_id, reports FROM delivery_stories WHERE delivery_id = ANY($1::bigint[]) ORDER BY delivery_id, story_id",
      [ids],
    );
    for (const raw of found.rows) {
      const row = StoryRow.parse(raw);
      stories.set(row.delivery_id, [...(stories.get(row.delivery_id) ?? []), { storyId: row.story_id, reports: row.reports }]);
    }
    return raws.map((raw, i) => toDelivery(raw, stories.get(ids[i]!) ?? []));
  }

  async record(digest: string, slot: Date, deliveries: NewDelivery[], now: Date): Promise<Delivery[]> {
    // One statement (atomic on its own, and one round trip however many targets): a slot of 1,000
    // channels records 1,000 times at once. Each CTE sees the table as it was before the statement,
    // so seeing the digest and moving its last slot on is one upsert; a delivery already recorded
    // (by this process earlier, or another replica) is kept as it is, with its stories.
    await this.pool.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($3::json)
           AS i(target_key text, target json, idempotency_key text, late boolean, status text, payload json, note text, stories json)
       ), state AS (
         INSERT INTO digest_state (name, first_seen_at, last_slot) VALUES ($1, $4, $2)
         ON CONFLICT (name) DO UPDATE SET last_slot = GREATEST(digest_state.last_slot, excluded.last_slot)
       ), freed AS (
         -- Recorded: the outbox's rows now say what the slot owes, so its taker's row is done with.
         DELETE FROM digest_slots WHERE digest = $1 AND slot = $2
       ), inserted AS (
         INSERT INTO deliveries (digest, slot, target_key, target, idempotency_key, late, status, payload, note, created_at)
         SELECT $1, $2, target_key, target, idempotency_key, late, status, payload, note, $4 FROM input
         ON CONFLICT DO NOTHING RETURNING id, target_key
       )
       INSERT INTO delivery_stories (delivery_id, target_key, story_id, reports, slot)
       SELECT inserted.id, inserted.target_key, s.story_id, s.reports, $2
       FROM inserted JOIN input USING (target_key) CROSS JOIN json_to_recordset(input.stories) AS s(story_id bigint, reports integer)
       ON CONFLICT DO NOTHING`,
      [
        digest,
        slot,
        JSON.stringify(
          deliveries.map((delivery) => ({
            target_key: delivery.targetKey,
            // A webhook's URL never reaches the outbox, whatever the caller passed.
            target: targetRef(delivery.target),
            idempotency_key: delivery.idempotencyKey,
            late: delivery.late,
            status: delivery.status,
            payload: delivery.payload ?? null,
            note: delivery.note ?? null,
            stories: delivery.stories.map((story) => ({ story_id: story.storyId, reports: story.reports })),
          })),
        ),
        now,
      ],
    );
    return this.forSlot(digest, slot);
  }

  async update(id: number, update: DeliveryUpdate): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(update) as Array<[keyof DeliveryUpdate, unknown]>) {
      if (value === undefined) continue;
      values.push(value);
      // Column names come from COLUMNS, never from the caller; values are bound.
      sets.push(`${COLUMNS[field]} = $${values.length}`);
    }
    if (sets.length > 0) await this.pool.query(`UPDATE deliveries SET ${sets.join(", ")} WHERE id = $${values.length + 1}`, [...values, id]);
  }

  async claim(id: number, owner: string, now: Date, until: Date): Promise<boolean> {
    // One row's UPDATE: a replica racing for it waits on the row lock, then sees the lease taken.
    const { rowCount } = await this.pool.query(
      `UPDATE deliveries SET claimed_by = $2, claimed_until = $4
       WHERE id = $1 AND status = 'pending' AND (claimed_by = $2 OR claimed_until IS NULL OR claimed_until < $3)`,
      [id, owner, now, until],
    );
    return (rowCount ?? 0) > 0;
  }

  async takeSlot(digest: string, slot: Date, owner: string, now: Date, until: Date): Promise<boolean> {
    const { rows } = await this.pool.query(
      `INSERT INTO digest_slots (digest, slot, owner, claimed_until) VALUES ($1, $2, $3, $5)
       ON CONFLICT (digest, slot) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
       WHERE digest_slots.owner = excluded.owner OR digest_slots.claimed_until < $4
       RETURNING owner`,
      [digest, slot, owner, now, until],
    );
    return rows.length > 0;
  }

  async abandonedSlots(digest: string, now: Date): Promise<Date[]> {
    const { rows } = await this.pool.query("SELECT slot FROM digest_slots WHERE digest = $1 AND claimed_until < $2 ORDER BY slot", [digest, now]);
    return rows.map((raw) => z.object({ slot: z.date() }).parse(raw).slot);
  }

  async unfinished(free?: { owner: string; at: Date }): Promise<Delivery[]> {
    const { rows } = free
      ? await this.pool.query(
          `SELECT * FROM deliveries WHERE status = 'pending' AND (claimed_by = $1 OR claimed_until IS NULL OR claimed_until < $2) ORDER BY slot, id`,
          [free.owner, free.at],
        )
      : await this.pool.query("SELECT * FROM deliveries WHERE status = 'pending' ORDER BY slot, id");
    return this.withStories(rows);
  }

  async forSlot(digest: string, slot: Date): Promise<Delivery[]> {
    return this.withStories((await this.pool.query("SELECT * FROM deliveries WHERE digest = $1 AND slot = $2 ORDER BY id", [digest, slot])).rows);
  }

  async sentStories(targetKey: string, before: Date): Promise<Map<number, { reports: number; slot: Date }>> {
    const { rows } = await this.pool.query(
      `SELECT s.story_id, max(s.reports) AS reports, max(s.slot) AS slot FROM delivery_stories s
       JOIN deliveries d ON d.id = s.delivery_id
       WHERE s.target_key = $1 AND s.slot < $2 AND d.status IN ('pending', 'sent') GROUP BY s.story_id`,
      [targetKey, before],
    );
    const Row = z.object({ story_id: z.number(), reports: z.number(), slot: z.date() });
    return new Map(rows.map((raw) => Row.parse(raw)).map((row) => [row.story_id, { reports: row.reports, slot: row.slot }]));
  }

  async digestState(digest: string, now: Date): Promise<DigestState> {
    await seen(this.pool, digest, now);
    const { rows } = await this.pool.query("SELECT first_seen_at, last_slot FROM digest_state WHERE name = $1", [digest]);
    const row = z.object({ first_seen_at: z.date(), last_slot: z.date().nullable() }).parse(rows[0]);
    return { firstSeenAt: row.first_seen_at, lastSlot: row.last_slot ?? undefined };
  }
}

/** Records the digest as first seen now, unless it was seen before. */
async function seen(db: Queryable, digest: string, now: Date): Promise<void> {
  await db.query("INSERT INTO digest_state (name, first_seen_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [digest, now]);
}
