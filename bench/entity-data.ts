// Annotated entity documents for bench:entities and train-entities: JSON Lines of
// {id, text, entities: [{start, end, kind}]}, the format of ../shared/data/entities/gum-news.jsonl.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import type { EntityKind } from "../src/core/article.js";
import { tagMentions } from "../src/core/nlp/entities.js";

export const GoldKind = z.enum(["person", "place", "organization"]);
export type GoldKind = z.infer<typeof GoldKind>;

export const GoldSpan = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), kind: GoldKind });
export type GoldSpan = z.infer<typeof GoldSpan>;

export const EntityDoc = z.object({ id: z.string(), text: z.string(), entities: z.array(GoldSpan) });
export type EntityDoc = z.infer<typeof EntityDoc>;

export type Split = "tune" | "held-out";

export function readEntityDocs(file: string): EntityDoc[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = EntityDoc.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

/** Which part a document belongs to, by a hash of its id: the same on every machine and run, and
 * independent of the file's order. The training script reads only the tuning part. */
export function splitOf(id: string): Split {
  const first = createHash("sha1").update(id).digest()[0] ?? 0;
  return first % 2 === 0 ? "tune" : "held-out";
}

export const goldKind = (kind: EntityKind): GoldKind => (kind === "organisation" ? "organization" : kind);

/** A document as newsbot reads an article: its first line is the headline, so offsets in
 * `${title}\n${body}` are those of the text. */
export function asArticle(text: string): { title: string; body: string } {
  const nl = text.indexOf("\n");
  return nl < 0 ? { title: text, body: "" } : { title: text.slice(0, nl), body: text.slice(nl + 1) };
}

/** newsbot's mentions of a document as spans: all of them, or only those a card would show. */
export function newsbotSpans(text: string, onlyCard: boolean): GoldSpan[] {
  return tagMentions(asArticle(text))
    .filter((m) => !onlyCard || m.sure)
    .map((m) => ({ start: m.start, end: m.end, kind: goldKind(m.kind) }));
}

/** Trailing punctuation compromise leaves on a match ("Rick Parry,"); gold spans end at the last
 * letter, or at the dot of an initialism ("U.S.", "Washington D.C."). Applied to every system alike. */
const INITIALISM = /(?:^|[^\p{L}])(?:\p{Lu}\.){2,}$/u;

export function trimmed(text: string, s: GoldSpan): GoldSpan {
  let { start, end } = s;
  while (end > start && /[\s.,;:!?"'’”)\]]/u.test(text[end - 1] ?? "") && !INITIALISM.test(text.slice(start, end))) end--;
  while (start < end && /[\s"'‘“([]/u.test(text[start] ?? "")) start++;
  if (/['’]s$/u.test(text.slice(start, end))) end -= 2;
  return { start, end, kind: s.kind };
}
