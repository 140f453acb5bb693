// The sources table: followed feeds and their polling state.
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../../core/sources/source.js";
import type { SourceStore } from "../../core/storage/index.js";
import { postgresColumns } from "../rows/columns.js";
import { SOURCE_COLUMNS, sourceReader } from "../rows/source.js";
import type { Queryable } from "./pool.js";

const toSource = sourceReader(postgresColumns);

export class PostgresSources implements SourceStore {
  constructor(private readonly db: Queryable) {}

  async add(definition: SourceDefinition, origin: SourceOrigin, now: Date): Promise<{ source: Source; added: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO sources (url, name, interval_minutes, category, origin, added_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) DO NOTHING RETURNING *`,
      [definition.url, definition.name ?? null, definition.intervalMinutes ?? null, definition.category ?? null, origin, now],
    );
    if (inserted.rows.length > 0) return { source: toSource(inserted.rows[0]), added: true };
    const { rows } = await this.db.query("SELECT * FROM sources WHERE url = $1", [definition.url]);
    return { source: toSource(rows[0]), added: false };
  }

  async list(): Promise<Source[]> {
    return (await this.db.query("SELECT * FROM sources ORDER BY id")).rows.map(toSource);
  }

  async claimDue(now: Date, until: Date): Promise<Source[]> {
    // SKIP LOCKED: a replica claiming at the same moment passes over these rows rather than waiting
    // for them, and takes the other due sources.
    const { rows } = await this.db.query(
      `UPDATE sources SET next_poll_at = $2 WHERE id IN (
         SELECT id FROM sources WHERE paused_reason IS NULL AND (next_poll_at IS NULL OR next_poll_at <= $1)
         ORDER BY id FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, until],
    );
    return rows.map(toSource).sort((a, b) => a.id - b.id);
  }

  async get(id: number): Promise<Source | undefined> {
    const { rows } = await this.db.query("SELECT * FROM sources WHERE id = $1", [id]);
    return rows.length === 0 ? undefined : toSource(rows[0]);
  }

  async remove(id: number): Promise<boolean> {
    return ((await this.db.query("DELETE FROM sources WHERE id = $1", [id])).rowCount ?? 0) > 0;
  }

  async update(id: number, update: SourceUpdate): Promise<Source | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(update)) {
      if (value === undefined) continue;
      values.push(value);
      // Column names come from SOURCE_COLUMNS, never from the caller; values are bound.
      sets.push(field === "articlesAdded" ? `articles_added = articles_added + $${values.length}` : `${SOURCE_COLUMNS[field as keyof typeof SOURCE_COLUMNS]} = $${values.length}`);
    }
    if (sets.length === 0) return this.get(id);
    const { rows } = await this.db.query(`UPDATE sources SET ${sets.join(", ")} WHERE id = $${values.length + 1} RETURNING *`, [...values, id]);
    return rows.length === 0 ? undefined : toSource(rows[0]);
  }
}
