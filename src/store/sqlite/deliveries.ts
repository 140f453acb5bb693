// The outbox tables: deliveries, the stories each carried, and each digest's progress.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { targetRef } from "../../core/delivery/definition.js";
import type { Delivery, DeliveryUpdate, NewDelivery } from "../../core/delivery/outbox.js";
import type { Claim, DeliveryLog, DigestState } from "../../core/storage/index.js";
import { sqliteColumns } from "../rows/columns.js";
import { DeliveryId, deliveryReader } from "../rows/delivery.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily, madeAtFirstCall } from "./lazy.js";

const toDelivery = madeAtFirstCall(() => deliveryReader(sqliteColumns));

const StoryRow = z.object({ delivery_id: z.number(), story_id: z.number(), reports: z.number() });

export class SqliteDeliveries implements DeliveryLog {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      insert: () => db.prepare(
        `INSERT INTO deliveries (digest, slot, target_key, target, idempotency_key, late, status, payload, note, created_at)
         VALUES (@digest, @slot, @target_key, @target, @idempotency_key, @late, @status, @payload, @note, @created_at)
         ON CONFLICT DO NOTHING`,
      ),
      insertStory: () => db.prepare(
        "INSERT OR IGNORE INTO delivery_stories (delivery_id, target_key, story_id, reports, slot) VALUES (?, ?, ?, ?, ?)",
      ),
      forSlot: () => db.prepare("SELECT * FROM deliveries WHERE digest = ? AND slot = ? ORDER BY id"),
      unfinished: () => db.prepare("SELECT * FROM deliveries WHERE status = 'pending' ORDER BY slot, id"),
      unfinishedFree: () => db.prepare(
        "SELECT * FROM deliveries WHERE status = 'pending' AND (claimed_by = @owner OR claimed_until IS NULL OR claimed_until < @at) ORDER BY slot, id",
      ),
      storiesOf: () => db.prepare("SELECT delivery_id, story_id, reports FROM delivery_stories WHERE delivery_id IN (SELECT value FROM json_each(?))"),
      sentStories: () => db.prepare(
        `SELECT s.story_id, max(s.reports) AS reports, max(s.slot) AS slot FROM delivery_stories s
         JOIN deliveries d ON d.id = s.delivery_id
         WHERE s.target_key = ? AND s.slot < ? AND d.status IN ('pending', 'sent') GROUP BY s.story_id`,
      ),
      state: () => db.prepare("SELECT first_seen_at, last_slot FROM digest_state WHERE name = ?"),
      seen: () => db.prepare("INSERT OR IGNORE INTO digest_state (name, first_seen_at) VALUES (?, ?)"),
      advance: () => db.prepare("UPDATE digest_state SET last_slot = max(coalesce(last_slot, 0), ?) WHERE name = ?"),
      abandoned: () => db.prepare("SELECT slot FROM digest_slots WHERE digest = ? AND claimed_until < ? ORDER BY slot"),
      freeSlot: () => db.prepare("DELETE FROM digest_slots WHERE digest = ? AND slot = ?"),
      claim: () => db.prepare(
        `UPDATE deliveries SET claimed_by = @owner, claimed_until = @until
         WHERE id = @id AND status = 'pending' AND (claimed_by = @owner OR claimed_until IS NULL OR claimed_until < @now)`,
      ),
      // A pending delivery of the same target before this one: it goes out first.
      behind: () => db.prepare(
        `SELECT 1 FROM deliveries d JOIN deliveries earlier ON earlier.target_key = d.target_key
         WHERE d.id = ? AND d.status = 'pending' AND earlier.status = 'pending' AND (earlier.slot < d.slot OR (earlier.slot = d.slot AND earlier.id < d.id))`,
      ),
      takeSlot: () => db.prepare(
        `INSERT INTO digest_slots (digest, slot, owner, claimed_until) VALUES (@digest, @slot, @owner, @until)
         ON CONFLICT (digest, slot) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
         WHERE digest_slots.owner = excluded.owner OR digest_slots.claimed_until < @now`,
      ),
    });
  }

  private withStories(raws: unknown[]): Delivery[] {
    const ids = raws.map((raw) => DeliveryId.parse(raw).id);
    const stories = new Map<number, Delivery["stories"]>();
    for (const raw of this.statements.storiesOf.all(JSON.stringify(ids))) {
      const row = StoryRow.parse(raw);
      stories.set(row.delivery_id, [...(stories.get(row.delivery_id) ?? []), { storyId: row.story_id, reports: row.reports }]);
    }
    return raws.map((raw, i) => toDelivery(raw, stories.get(ids[i]!) ?? []));
  }

  async record(digest: string, slot: Date, deliveries: NewDelivery[], now: Date): Promise<Delivery[]> {
    const at = slot.getTime();
    await this.writes.run(() => this.db.transaction(() => {
      this.statements.seen.run(digest, now.getTime());
      for (const delivery of deliveries) {
        const inserted = this.statements.insert.run({
          digest,
          slot: at,
          target_key: delivery.targetKey,
          // A webhook's URL never reaches the outbox, whatever the caller passed.
          target: JSON.stringify(targetRef(delivery.target)),
          idempotency_key: delivery.idempotencyKey,
          late: delivery.late ? 1 : 0,
          status: delivery.status,
          payload: delivery.payload ? JSON.stringify(delivery.payload) : null,
          note: delivery.note ?? null,
          created_at: now.getTime(),
        });
        if (inserted.changes === 0) continue;
        for (const story of delivery.stories) {
          this.statements.insertStory.run(inserted.lastInsertRowid, delivery.targetKey, story.storyId, story.reports, at);
        }
      }
      this.statements.advance.run(at, digest);
      this.statements.freeSlot.run(digest, at);
    })());
    return this.forSlot(digest, slot);
  }

  async update(id: number, update: DeliveryUpdate): Promise<void> {
    const columns: Record<keyof DeliveryUpdate, string> = {
      status: "status",
      attempts: "attempts",
      partsSent: "parts_sent",
      sentAt: "sent_at",
      retryAt: "retry_at",
      lastError: "last_error",
    };
    const sets: string[] = [];
    const values: Array<string | number | null> = [];
    for (const [field, value] of Object.entries(update) as Array<[keyof DeliveryUpdate, unknown]>) {
      if (value === undefined) continue;
      sets.push(`${columns[field]} = ?`);
      values.push(value instanceof Date ? value.getTime() : (value as string | number | null));
    }
    if (sets.length) await this.writes.run(() => this.db.prepare(`UPDATE deliveries SET ${sets.join(", ")} WHERE id = ?`).run(...values, id));
  }

  claim(id: number, owner: string, now: Date, until: Date): Promise<Claim> {
    // One transaction: no delivery of the target is recorded or finished between the two statements
    // (by this process or another on the same file).
    return this.writes.run(() =>
      this.db.transaction((): Claim => {
        if (this.statements.behind.get(id)) return "behind";
        return this.statements.claim.run({ id, owner, now: now.getTime(), until: until.getTime() }).changes > 0 ? "claimed" : "held";
      }).immediate(),
    );
  }

  takeSlot(digest: string, slot: Date, owner: string, now: Date, until: Date): Promise<boolean> {
    return this.writes.run(
      () => this.statements.takeSlot.run({ digest, slot: slot.getTime(), owner, now: now.getTime(), until: until.getTime() }).changes > 0,
    );
  }

  async abandonedSlots(digest: string, now: Date): Promise<Date[]> {
    return this.statements.abandoned.all(digest, now.getTime()).map((raw) => new Date(z.object({ slot: z.number() }).parse(raw).slot));
  }

  async unfinished(free?: { owner: string; at: Date }): Promise<Delivery[]> {
    return this.withStories(free ? this.statements.unfinishedFree.all({ owner: free.owner, at: free.at.getTime() }) : this.statements.unfinished.all());
  }

  async forSlot(digest: string, slot: Date): Promise<Delivery[]> {
    return this.withStories(this.statements.forSlot.all(digest, slot.getTime()));
  }

  async sentStories(targetKey: string, before: Date): Promise<Map<number, { reports: number; slot: Date }>> {
    const Row = z.object({ story_id: z.number(), reports: z.number(), slot: z.number() });
    const rows = this.statements.sentStories.all(targetKey, before.getTime()).map((raw) => Row.parse(raw));
    return new Map(rows.map((row) => [row.story_id, { reports: row.reports, slot: new Date(row.slot) }]));
  }

  async digestState(digest: string, now: Date): Promise<DigestState> {
    await this.writes.run(() => this.statements.seen.run(digest, now.getTime()));
    const row = z.object({ first_seen_at: z.number(), last_slot: z.number().nullable() }).parse(this.statements.state.get(digest));
    return { firstSeenAt: new Date(row.first_seen_at), lastSlot: row.last_slot === null ? undefined : new Date(row.last_slot) };
  }
}
