// The outbox tables: deliveries, the stories each carried, and each digest's progress.
import { z } from "zod";
import { targetRef } from "../../core/delivery/definition.js";
import type { Delivery, DeliveryUpdate, NewDelivery } from "../../core/delivery/outbox.js";
import type { Claim, DeliveryLog, DigestState } from "../../core/storage/index.js";
import { postgresColumns } from "../rows/columns.js";
import { DeliveryId, deliveryReader } from "../rows/delivery.js";
import { Batch } from "./batch.js";
import type { Queryable } from "./pool.js";
import type pg from "pg";

const toDelivery = deliveryReader(postgresColumns);

const StoryRow = z.object({ delivery_id: z.number(), story_id: z.number(), reports: z.number() });
const TakenRow = z.object({ digest: z.string(), slot: z.date(), owner: z.string() });
const SentRow = z.object({ n: z.number(), story_id: z.number(), reports: z.number(), slot: z.date() });

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

  record(digest: string, slot: Date, deliveries: NewDelivery[], now: Date): Promise<Delivery[]> {
    return this.records.run({ digest, slot, deliveries, now });
  }

  /** Slots recorded at about the same time (a thousand channels' at 08:00), in one statement. */
  private readonly records = new Batch(async (slots: Array<{ digest: string; slot: Date; deliveries: NewDelivery[]; now: Date }>) => {
    // One statement (atomic on its own, and one round trip however many slots and targets). Each CTE
    // sees the tables as they were before the statement, so seeing a digest and moving its last slot
    // on is one upsert; a delivery already recorded (by this process earlier, or another replica, or
    // earlier in the same batch) is kept as it is, with its stories.
    const recorded = new Set<string>();
    const input = slots.flatMap(({ digest, slot, deliveries, now }) =>
      deliveries.flatMap((delivery) => {
        const key = JSON.stringify([digest, slot.getTime(), delivery.targetKey]);
        if (recorded.has(key)) return [];
        recorded.add(key);
        return [
          {
            digest,
            slot,
            created_at: now,
            target_key: delivery.targetKey,
            // A webhook's URL never reaches the outbox, whatever the caller passed.
            target: targetRef(delivery.target),
            idempotency_key: delivery.idempotencyKey,
            late: delivery.late,
            status: delivery.status,
            payload: delivery.payload ?? null,
            note: delivery.note ?? null,
            stories: delivery.stories.map((story) => ({ story_id: story.storyId, reports: story.reports })),
          },
        ];
      }),
    );
    await this.pool.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS i(digest text, slot timestamptz, created_at timestamptz, target_key text,
           target json, idempotency_key text, late boolean, status text, payload json, note text, stories json)
       ), slots AS (
         SELECT * FROM json_to_recordset($2::json) AS s(digest text, slot timestamptz, now timestamptz)
       ), state AS (
         INSERT INTO digest_state (name, first_seen_at, last_slot)
         SELECT digest, min(now), max(slot) FROM slots GROUP BY digest
         ON CONFLICT (name) DO UPDATE SET last_slot = GREATEST(digest_state.last_slot, excluded.last_slot)
       ), freed AS (
         -- Recorded: the outbox's rows now say what the slot owes, so its taker's row is done with.
         DELETE FROM digest_slots USING slots WHERE digest_slots.digest = slots.digest AND digest_slots.slot = slots.slot
       ), inserted AS (
         INSERT INTO deliveries (digest, slot, target_key, target, idempotency_key, late, status, payload, note, created_at)
         SELECT digest, slot, target_key, target, idempotency_key, late, status, payload, note, created_at FROM input
         ON CONFLICT DO NOTHING RETURNING id, digest, slot, target_key
       )
       INSERT INTO delivery_stories (delivery_id, target_key, story_id, reports, slot)
       SELECT inserted.id, inserted.target_key, s.story_id, s.reports, inserted.slot
       FROM inserted JOIN input USING (digest, slot, target_key) CROSS JOIN json_to_recordset(input.stories) AS s(story_id bigint, reports integer)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(input), JSON.stringify(slots.map(({ digest, slot, now }) => ({ digest, slot, now })))],
    );
    return this.slotsRecorded(slots);
  });

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

  async claim(id: number, owner: string, now: Date, until: Date): Promise<Claim> {
    // One row's UPDATE: a replica racing for it waits on the row lock, then sees the lease taken. An
    // earlier delivery of the target still pending (the row lock does not cover it) holds it back; one
    // finishing meanwhile is seen as pending, and this one asks again later.
    const { rows } = await this.pool.query(
      `WITH behind AS (
         SELECT EXISTS (
           SELECT 1 FROM deliveries d JOIN deliveries earlier ON earlier.target_key = d.target_key
           WHERE d.id = $1 AND d.status = 'pending' AND earlier.status = 'pending' AND (earlier.slot, earlier.id) < (d.slot, d.id)
         ) AS behind
       ), claimed AS (
         UPDATE deliveries SET claimed_by = $2, claimed_until = $4
         WHERE id = $1 AND status = 'pending' AND (claimed_by = $2 OR claimed_until IS NULL OR claimed_until < $3)
           AND NOT (SELECT behind FROM behind)
         RETURNING id
       )
       SELECT (SELECT behind FROM behind) AS behind, EXISTS (SELECT 1 FROM claimed) AS claimed`,
      [id, owner, now, until],
    );
    const { behind, claimed } = z.object({ behind: z.boolean(), claimed: z.boolean() }).parse(rows[0]);
    return behind ? "behind" : claimed ? "claimed" : "held";
  }

  takeSlot(digest: string, slot: Date, owner: string, now: Date, until: Date): Promise<boolean> {
    return this.takes.run({ digest, slot, owner, now, until });
  }

  /** Slots taken at about the same time (each channel's at 08:00), in one statement. */
  private readonly takes = new Batch(async (takes: Array<{ digest: string; slot: Date; owner: string; now: Date; until: Date }>) => {
    // A slot asked for twice in one batch is taken by the first asker; a lease counts as run out when
    // it did so before the batch's first call was made.
    const { rows } = await this.pool.query(
      `INSERT INTO digest_slots (digest, slot, owner, claimed_until)
       SELECT DISTINCT ON (digest, slot) digest, slot, owner, until
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS k(digest, slot, owner, until, n)
       ORDER BY digest, slot, n
       ON CONFLICT (digest, slot) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
       WHERE digest_slots.owner = excluded.owner OR digest_slots.claimed_until < $5
       RETURNING digest, slot, owner`,
      [takes.map((t) => t.digest), takes.map((t) => t.slot), takes.map((t) => t.owner), takes.map((t) => t.until), new Date(Math.min(...takes.map((t) => t.now.getTime())))],
    );
    const keyOf = (take: { digest: string; slot: Date; owner: string }) => JSON.stringify([take.digest, take.slot.getTime(), take.owner]);
    const taken = new Set(rows.map((raw) => keyOf(TakenRow.parse(raw))));
    return takes.map((take) => taken.has(keyOf(take)));
  });

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

  forSlot(digest: string, slot: Date): Promise<Delivery[]> {
    return this.slots.run({ digest, slot });
  }

  private readonly slots = new Batch((slots: Array<{ digest: string; slot: Date }>) => this.slotsRecorded(slots));

  /** What is recorded for each of the slots, in one query (and one for their stories). */
  private async slotsRecorded(slots: Array<{ digest: string; slot: Date }>): Promise<Delivery[][]> {
    const keyOf = (digest: string, slot: Date) => JSON.stringify([digest, slot.getTime()]);
    const bySlot = new Map(slots.map(({ digest, slot }) => [keyOf(digest, slot), { digest, slot, recorded: [] as Delivery[] }]));
    const { rows } = await this.pool.query(
      `SELECT d.* FROM deliveries d JOIN unnest($1::text[], $2::timestamptz[]) AS k(digest, slot) ON d.digest = k.digest AND d.slot = k.slot
       ORDER BY d.id`,
      [[...bySlot.values()].map((s) => s.digest), [...bySlot.values()].map((s) => s.slot)],
    );
    for (const delivery of await this.withStories(rows)) bySlot.get(keyOf(delivery.digest, delivery.slot))!.recorded.push(delivery);
    return slots.map(({ digest, slot }) => bySlot.get(keyOf(digest, slot))!.recorded);
  }

  sentStories(targetKey: string, before: Date): Promise<Map<number, { reports: number; slot: Date }>> {
    return this.sent.run({ targetKey, before });
  }

  /** What each of a slot's targets was sent before, in one query. */
  private readonly sent = new Batch(async (asked: Array<{ targetKey: string; before: Date }>) => {
    const { rows } = await this.pool.query(
      `SELECT k.n, s.story_id, max(s.reports) AS reports, max(s.slot) AS slot
       FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS k(target_key, before, n)
       JOIN delivery_stories s ON s.target_key = k.target_key AND s.slot < k.before
       JOIN deliveries d ON d.id = s.delivery_id
       WHERE d.status IN ('pending', 'sent') GROUP BY k.n, s.story_id`,
      [asked.map((a) => a.targetKey), asked.map((a) => a.before)],
    );
    const sent = asked.map(() => new Map<number, { reports: number; slot: Date }>());
    for (const row of rows.map((raw) => SentRow.parse(raw))) sent[row.n - 1]!.set(row.story_id, { reports: row.reports, slot: row.slot });
    return sent;
  });

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
