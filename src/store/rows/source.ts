// A sources row as a Source, whichever engine read it.
import { z } from "zod";
import type { Source, SourceUpdate } from "../../core/sources/source.js";
import type { Columns } from "./columns.js";

/** Reads a sources row (`SELECT *`) as a Source. */
export function sourceReader(columns: Columns): (raw: unknown) => Source {
  const SourceRow = z.object({
    id: z.number(),
    url: z.string(),
    name: z.string().nullable(),
    interval_minutes: z.number().nullable(),
    category: z.string().nullable(),
    origin: z.enum(["user", "file"]),
    added_at: columns.time,
    feed_title: z.string().nullable(),
    etag: z.string().nullable(),
    last_modified: z.string().nullable(),
    body_hash: z.string().nullable(),
    last_polled_at: columns.time.nullable(),
    last_success_at: columns.time.nullable(),
    next_poll_at: columns.time.nullable(),
    failures: z.number(),
    last_error: z.string().nullable(),
    paused_reason: z.string().nullable(),
    articles_added: z.number(),
  });
  return (raw) => {
    const row = SourceRow.parse(raw);
    return {
      id: row.id,
      url: row.url,
      name: row.name ?? undefined,
      intervalMinutes: row.interval_minutes ?? undefined,
      category: row.category ?? undefined,
      origin: row.origin,
      addedAt: row.added_at,
      feedTitle: row.feed_title ?? undefined,
      etag: row.etag ?? undefined,
      lastModified: row.last_modified ?? undefined,
      bodyHash: row.body_hash ?? undefined,
      lastPolledAt: row.last_polled_at ?? undefined,
      lastSuccessAt: row.last_success_at ?? undefined,
      nextPollAt: row.next_poll_at ?? undefined,
      failures: row.failures,
      lastError: row.last_error ?? undefined,
      pausedReason: row.paused_reason ?? undefined,
      articlesAdded: row.articles_added,
    };
  };
}

/** The column each updatable field is kept in, on both engines. */
export const SOURCE_COLUMNS: Record<Exclude<keyof SourceUpdate, "articlesAdded">, string> = {
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
