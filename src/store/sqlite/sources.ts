// The sources table: followed feeds and their polling state.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../../core/sources/source.js";
import type { SourceStore } from "../../core/storage/index.js";
import type { WriteQueue } from "./write-queue.js";

const SourceRow = z.object({
  id: z.number(),
  url: z.string(),
  name: z.string().nullable(),
  interval_minutes: z.number().nullable(),
  category: z.string().nullable(),
  origin: z.enum(["user", "file"]),
  added_at: z.number(),
  feed_title: z.string().nullable(),
  etag: z.string().nullable(),
  last_modified: z.string().nullable(),
  body_hash: z.string().nullable(),
  last_polled_at: z.number().nullable(),
  last_success_at: z.number().nullable(),
  next_poll_at: z.number().nullable(),
  failures: z.number(),
  last_error: z.string().nullable(),
  paused_reason: z.string().nullable(),
  articles_added: z.number(),
});

const date = (ms: number | null) => (ms === null ? undefined : new Date(ms));
const text = (value: string | null) => value ?? undefined;

function toSource(raw: unknown): Source {
  const row = SourceRow.parse(raw);
  return {
    id: row.id,
    url: row.url,
    name: text(row.name),
    intervalMinutes: row.interval_minutes ?? undefined,
    category: row.category ?? undefined,
    origin: row.origin,
    addedAt: new Date(row.added_at),
    feedTitle: text(row.feed_title),
    etag: text(row.etag),
    lastModified: text(row.last_modified),
    bodyHash: text(row.body_hash),
    lastPolledAt: date(row.last_polled_at),
    lastSuccessAt: date(row.last_success_at),
    nextPollAt: date(row.next_poll_at),
    failures: row.failures,
    lastError: text(row.last_error),
    pausedReason: text(row.paused_reason),
    articlesAdded: row.articles_added,
  };
}

/** The column each updatable field is kept in. */
const COLUMNS: Record<Exclude<keyof SourceUpdate, "articlesAdded">, string> = {
  url: "url",
  name: "name",
  intervalMinutes: "interval_minutes",
  category: "category",
  feedTitle: "feed_title",
  etag: "etag",
  lastModified: "last_modified",
  bodyHash: "body_hash",
  lastPolledAt: "last_polled_at",
  lastSuccessAt: "last_success_at",
  nextPollAt: "next_poll_at",
  failures: "failures",
  lastError: "last_error",
  pausedReason: "paused_reason",
};

export class SqliteSources implements SourceStore {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly writes: WriteQueue,
  ) {
    this.statements = {
      insert: db.prepare(`INSERT INTO sources (url, name, interval_minutes, category, origin, added_at)
        VALUES (@url, @name, @intervalMinutes, @category, @origin, @addedAt) ON CONFLICT (url) DO NOTHING`),
      byUrl: db.prepare<[string]>("SELECT * FROM sources WHERE url = ?"),
      byId: db.prepare<[number]>("SELECT * FROM sources WHERE id = ?"),
      all: db.prepare("SELECT * FROM sources ORDER BY id"),
      remove: db.prepare<[number]>("DELETE FROM sources WHERE id = ?"),
      claimDue: db.prepare<[{ now: number; until: number }]>(
        `UPDATE sources SET next_poll_at = @until WHERE paused_reason IS NULL AND (next_poll_at IS NULL OR next_poll_at <= @now)
         RETURNING *`,
      ),
    };
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
      sets.push(`${COLUMNS[field as keyof typeof COLUMNS]} = ?`);
      values.push(value instanceof Date ? value.getTime() : (value as string | number | null));
    }
    // Column names come from COLUMNS, never from the caller; values are bound.
    if (sets.length > 0) this.db.prepare(`UPDATE sources SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    return this.byId(id);
  }
}
