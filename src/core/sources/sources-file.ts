// The sources file (NEWSBOT_SOURCES, default ./sources.json): feeds an operator lists once, in
// version control, next to the ones users add from chat. Read at start-up; the file owns its entries.
import fs from "node:fs/promises";
import { z } from "zod";
import type { Store } from "../../store/store.js";
import { SourceDefinition } from "./source.js";

/** Either a bare list, or `{ "sources": [...] }` (room for settings later). */
const SourcesFile = z.union([z.array(SourceDefinition), z.strictObject({ sources: z.array(SourceDefinition) })]);

export class SourcesFileError extends Error {}

/** The definitions in the file; none when it does not exist. Throws SourcesFileError naming the field. */
export async function readSourcesFile(file: string): Promise<SourceDefinition[]> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new SourcesFileError(`cannot read the sources file ${file} (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SourcesFileError(`the sources file ${file} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = SourcesFile.safeParse(json);
  if (!parsed.success) {
    // The union's own error is vague; the object form's issues name the field.
    const detailed = Array.isArray(json) ? z.array(SourceDefinition).safeParse(json) : z.object({ sources: z.array(SourceDefinition) }).strict().safeParse(json);
    const issues = (detailed.error ?? parsed.error).issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new SourcesFileError(
      `the sources file ${file} is invalid: ${issues.join("; ")}. Expected a list of { "url": "https://...", "name"?: "...", "intervalMinutes"?: 10 }, or { "sources": [that list] }`,
    );
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.sources;
}

/** Makes the stored file sources match the file: adds new ones, removes those taken out of it. */
export async function syncSourcesFile(store: Store, definitions: SourceDefinition[], now: Date): Promise<{ added: number; removed: number }> {
  let added = 0;
  for (const definition of definitions) {
    if ((await store.addSource(definition, "file", now)).added) added++;
  }
  const listed = new Set(definitions.map((d) => d.url));
  let removed = 0;
  for (const source of await store.listSources()) {
    if (source.origin === "file" && !listed.has(source.url) && (await store.removeSource(source.id))) removed++;
  }
  return { added, removed };
}
