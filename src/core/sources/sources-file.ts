// The sources file (NEWSBOT_SOURCES, default ./sources.json): feeds an operator lists once, in
// version control, next to the ones users add from chat. Read at start-up; the file owns its entries.
import fs from "node:fs/promises";
import { z } from "zod";
import type { Storage } from "../storage/index.js";
import { JsonSyntaxError, parseJsonFile } from "../json-file.js";
import { SourceDefinition, SourceRequest, type Source } from "./source.js";

/** A feed as the file lists it: what a user could say about it, plus what only the file may say:
 * the headers and User-Agent it needs (secrets), and the address it moved from. */
export const SourceEntry = SourceDefinition.extend({
  ...SourceRequest.shape,
  /** The feed's old address: the source stored under it moves to `url`, keeping its state and count. */
  movedFrom: SourceDefinition.shape.url.optional(),
});
export type SourceEntry = z.infer<typeof SourceEntry>;

/** Either a bare list, or `{ "sources": [...] }` (room for settings later). */
const SourcesFile = z.union([z.array(SourceEntry), z.strictObject({ sources: z.array(SourceEntry) })]);

export class SourcesFileError extends Error {}

const EXPECTED =
  'Expected a list of { "url": "https://...", "name"?: "...", "intervalMinutes"?: 10, "headers"?: { "Cookie": "..." }, "userAgent"?: "...", "movedFrom"?: "https://..." }, or { "sources": [that list] }';

/**
 * The definitions in the file; none when it does not exist, unless the setting `setBy` named it (a
 * file asked for by name must be there). Throws SourcesFileError naming the field.
 */
export async function readSourcesFile(file: string, options: { setBy?: string } = {}): Promise<SourceEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      if (options.setBy) throw new SourcesFileError(`${options.setBy} names the sources file ${file}, which does not exist`);
      return [];
    }
    throw new SourcesFileError(`cannot read the sources file ${file} (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = parseJsonFile(text);
  } catch (error) {
    throw new SourcesFileError(`${file} is not a JSON sources file: it is ${(error as JsonSyntaxError).message}. ${EXPECTED}`);
  }
  const parsed = SourcesFile.safeParse(json);
  if (!parsed.success) {
    // The union's own error is vague; the object form's issues name the field.
    const detailed = Array.isArray(json) ? z.array(SourceEntry).safeParse(json) : z.object({ sources: z.array(SourceEntry) }).strict().safeParse(json);
    const issues = (detailed.error ?? parsed.error).issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new SourcesFileError(`the sources file ${file} is invalid: ${issues.join("; ")}. ${EXPECTED}`);
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.sources;
}

/** An entry of the file that changed nothing, and why: the operator who wrote it should hear of it. */
export interface IgnoredSource {
  url: string;
  reason: string;
}

/** What applying the file did, and the requests its entries need, by source id (for the poller). */
export interface SourcesFileSync {
  added: number;
  removed: number;
  /** Sources moved to a new address (`movedFrom`), keeping their state and article count. */
  moved: number;
  ignored: IgnoredSource[];
  requests: Map<number, SourceRequest>;
}

/** The file source stored at `movedFrom`, moved to `url` (when nothing is followed there yet). */
async function move(store: Pick<Storage, "sources">, movedFrom: string, url: string, now: Date): Promise<Source | undefined> {
  const sources = await store.sources.list();
  const old = sources.find((s) => s.url === movedFrom && s.origin === "file");
  if (!old || sources.some((s) => s.url === url)) return undefined;
  // The validators and body hash were the old address's.
  return store.sources.update(old.id, { url, etag: null, lastModified: null, bodyHash: null, nextPollAt: now });
}

/**
 * Makes the stored file sources match the file: adds new ones, moves those with `movedFrom`, renames
 * and re-times those whose name or interval changed, removes those taken out of it.
 */
export async function syncSourcesFile(store: Pick<Storage, "sources">, entries: SourceEntry[], now: Date): Promise<SourcesFileSync> {
  const sync: SourcesFileSync = { added: 0, removed: 0, moved: 0, ignored: [], requests: new Map() };
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.url)) {
      sync.ignored.push({ url: entry.url, reason: "is listed twice; its first entry is used" });
      continue;
    }
    seen.add(entry.url);
    const { headers, userAgent, movedFrom, ...definition } = entry;
    const moved = movedFrom ? await move(store, movedFrom, entry.url, now) : undefined;
    if (moved) sync.moved++;
    const { source, added } = moved ? { source: moved, added: false } : await store.sources.add(definition, "file", now);
    if (added) sync.added++;
    else if (source.origin === "user") {
      const id = source.id;
      sync.ignored.push({ url: entry.url, reason: `is already followed as source ${id}, added by a user, which keeps its own name and interval; take it out of the file, or remove source ${id} for the file to own it` });
      continue;
    } else if (source.name !== definition.name || source.intervalMinutes !== definition.intervalMinutes || source.category !== definition.category) {
      await store.sources.update(source.id, { name: definition.name ?? null, intervalMinutes: definition.intervalMinutes ?? null, category: definition.category ?? null });
    }
    if (headers || userAgent) sync.requests.set(source.id, { headers, userAgent });
  }
  for (const source of await store.sources.list()) {
    if (source.origin === "file" && !seen.has(source.url) && (await store.sources.remove(source.id))) sync.removed++;
  }
  return sync;
}
