// Labelled news records for the clustering benchmark, one JSON object a line:
// {id, title, body, source, publishedAt, label}, where label is the story the record belongs to (e.g.
// Google News' own story id) and body may be empty (a headline-only item). Other fields are ignored.
import { z } from "zod";

export const LabelledRecord = z.object({
  id: z.string().min(1),
  title: z.string().trim().min(1),
  /** Empty for a headline-only item: kept empty, never filled in from the title. */
  body: z.string(),
  source: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
  label: z.string().min(1),
});
export type LabelledRecord = z.infer<typeof LabelledRecord>;

/** The records of a JSON Lines text, in file order; blank lines are skipped. Throws an Error naming
 * the (1-based) line of the first bad record, or of a repeated id. */
export function parseLabelledRecords(text: string): LabelledRecord[] {
  const records: LabelledRecord[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = LabelledRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${where}: ${issue.path.join(".") || "record"}: ${issue.message}`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`${where}: id ${JSON.stringify(parsed.data.id)} appears twice`);
    seen.add(parsed.data.id);
    records.push(parsed.data);
  });
  return records;
}
