// Candidate fields -> a validated ArticleInput, or a Rejection whose reason names the bad fields.
// Every way articles come in (article files, feeds) validates them here.
import type { z } from "zod";
import { ArticleInput } from "./article.js";

/** Something that could not become an article; `reason` is one sentence a user can act on. */
export interface Rejection {
  path: string;
  reason: string;
}

/** Values for fields a format may not carry (plain text has no source). */
export interface IngestDefaults {
  source?: string;
}

/** A record without a body is a headline-only item (aggregators and wires carry a title and a link). */
const OPTIONAL_FIELDS = ["body", "url", "source", "publishedAt", "imageCaption"] as const;

export type Validated = { ok: true; article: ArticleInput } | { ok: false; rejection: Rejection };

export function validateArticle(candidate: Record<string, unknown>, where: string, defaults: IngestDefaults = {}): Validated {
  const fields = { ...candidate };
  // JSON writers emit null or "" for "no value"; for optional fields that means absent.
  for (const key of OPTIONAL_FIELDS) if (isBlank(fields[key])) delete fields[key];
  if (fields.source === undefined && defaults.source !== undefined) fields.source = defaults.source;

  const result = ArticleInput.safeParse(fields);
  if (result.success) return { ok: true, article: result.data };
  return { ok: false, rejection: { path: where, reason: describeIssues(result.error.issues, fields) } };
}

/** One sentence: `Field "title" is missing; field "url" is invalid (must be an http(s) URL).` */
function describeIssues(issues: readonly z.core.$ZodIssue[], fields: Record<string, unknown>): string {
  const parts = issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    if (key === "") return `the record is invalid (${issue.message})`;
    const top = String(issue.path[0]);
    if (fields[top] === undefined) return `field "${key}" is missing`;
    return `field "${key}" is invalid (${issue.message})`;
  });
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
