// The sources file (NEWSBOT_SOURCES, default ./sources.json): feeds an operator lists once, in
// version control, next to the ones users add from chat. Read at start-up; the file owns its entries.
import fs from "node:fs/promises";
import { z } from "zod";
import type { Store } from "../../store/store.js";
import { JsonSyntaxError, parseJsonFile } from "../json-file.js";
import { SourceDefinition } from "./source.js";

/** Either a bare list, or `{ "sources": [...] }` (room for settings later). */
const SourcesFile = z.union([z.array(SourceDefinition), z.strictObject({ sources: z.array(SourceDefinition) })]);

export class SourcesFileError extends Error {}

const EXPECTED = 'Expected a list of { "url": "https://...", "name"?: "...", "intervalMinutes"?: 10 }, or { "sources": [that list] }';

/**
 * The definitions in the file; none when it does not exist, unless the setting `setBy` named it (a
 * file asked for by name must be there). Throws SourcesFileError naming the field.
 */
export async function readSourcesFile(file: string, options: { setBy?: string } = {}): Promise<SourceDefinition[]> {
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
    const detailed = Array.isArray(json) ? z.array(SourceDefinition).safeParse(json) : z.object({ sources: z.array(SourceDefinition) }).strict().safeParse(json);
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

/** Makes the stored file sources match the file: adds new ones, removes those taken out of it. */
export async function syncSourcesFile(
  store: Store,
  definitions: SourceDefinition[],
  now: Date,
): Promise<{ added: number; removed: number; ignored: IgnoredSource[] }> {
  let added = 0;
  const ignored: IgnoredSource[] = [];
  const seen = new Set<string>();
  for (const definition of definitions) {
    if (seen.has(definition.url)) {
      ignored.push({ url: definition.url, reason: "is listed twice; its first entry is used" });
      continue;
    }
    seen.add(definition.url);
    const outcome = await store.addSource(definition, "file", now);
    if (outcome.added) added++;
    else if (outcome.source.origin === "user") {
      const id = outcome.source.id;
      ignored.push({ url: definition.url, reason: `is already followed as source ${id}, added by a user, which keeps its own name and interval; take it out of the file, or remove source ${id} for the file to own it` });
    }
  }
  const listed = new Set(definitions.map((d) => d.url));
  let removed = 0;
  for (const source of await store.listSources()) {
    if (source.origin === "file" && !listed.has(source.url) && (await store.removeSource(source.id))) removed++;
  }
  return { added, removed, ignored };
}
