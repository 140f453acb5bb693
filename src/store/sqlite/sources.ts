// The sources table: followed feeds and their polling state.
import type { Database } from "better-sqlite3";
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../../core/sources/source.js";
import type { SourceStore } from "../../core/storage/index.js";
import { sqliteColumns } from "../rows/columns.js";
import { SOURCE_COLUMNS, sourceReader } from "../rows/source.js";
import type { WriteQueue } from "./write-queue.js";
import { lazily, madeAtFirstCall } from "./lazy.js";

const toSource = madeAtFirstCall(() => sourceReader(sqliteColumns));

export class SqliteSources implements SourceStore {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = lazily({
      insert: () => db.prepare(`INSERT INTO sources (url, name, interval_minutes, category, origin, added_at)
        VALUES (@url, @name, @intervalMinutes, @category, @origin, @addedAt) ON CONFLICT (url) DO NOTHING`),
      byUrl: () => db.prepare<[string]>("SELECT * FROM sources WHERE url = ?"),
      byId: () => db.prepare<[number]>("SELECT * FROM sources WHERE id = ?"),
      all: () => db.prepare("SELECT * FROM sources ORDER BY id"),
      remove: () => db.prepare<[number]>("DELETE FROM sources WHERE id = ?"),
      claimDue: () => db.prepare<[{ now: number; until: number }]>(
        `UPDATE sources SET next_poll_at = @until WHERE paused_reason IS NULL AND (next_poll_at IS NULL OR next_poll_at <= @now)
         RETURNING *`,
      ),
    });
  }

  add(definition: SourceDefinition, origin: SourceOrigin, now: Date): Promise<{ source: Source; added: boolean }> {
    return this.writes.run(() => this.insert(definition, origin, now));
  }

  private insert(definition: SourceDefinition, origin: SourceOrigin, now: Date): { source: Source; added: boolean } {
    const { changes } = this.statements.insert.run({
      url: definition.url,
      name: definition.name ?? null,
      intervalMinutes: definition.intervalMinutes ?? null,
      category: definition.category ?? null,
      origin,
      addedAt: now.getTime(),
    });
    return { source: toSource(this.statements.byUrl.get(definition.url)), added: changes > 0 };
  }

  async list(): Promise<Source[]> {
    return this.statements.all.all().map(toSource);
  }

  /** One statement, and writes are serialized: two claims never share a source. */
  claimDue(now: Date, until: Date): Promise<Source[]> {
    return this.writes.run(() => this.statements.claimDue.all({ now: now.getTime(), until: until.getTime() }).map(toSource).sort((a, b) => a.id - b.id));
  }

  async get(id: number): Promise<Source | undefined> {
    return this.byId(id);
  }

  private byId(id: number): Source | undefined {
    const row = this.statements.byId.get(id);
    return row ? toSource(row) : undefined;
  }

  remove(id: number): Promise<boolean> {
    return this.writes.run(() => this.statements.remove.run(id).changes > 0);
  }

  update(id: number, update: SourceUpdate): Promise<Source | undefined> {
    return this.writes.run(() => this.change(id, update));
  }

  private change(id: number, update: SourceUpdate): Source | undefined {
    const sets: string[] = [];
    const values: Array<string | number | null> = [];
    for (const [field, value] of Object.entries(update)) {
      if (value === undefined) continue;
      if (field === "articlesAdded") {
        sets.push("articles_added = articles_added + ?");
        values.push(value as number);
        continue;
      }
      sets.push(`${SOURCE_COLUMNS[field as keyof typeof SOURCE_COLUMNS]} = ?`);
      values.push(value instanceof Date ? value.getTime() : (value as string | number | null));
    }
    // Column names come from SOURCE_COLUMNS, never from the caller; values are bound.
    if (sets.length > 0) this.db.prepare(`UPDATE sources SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    return this.byId(id);
  }
}
