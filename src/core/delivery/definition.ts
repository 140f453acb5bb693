// A digest definition: when a briefing is due (cron schedule in a timezone), what it covers (a
// window, topics, how many stories) and where it goes (targets). Written by operators as files in
// digests/, or made from a channel's /news settings; validated here either way.
import { createRequire } from "node:module";
import { z } from "zod";
import { FilterText } from "../filter/filter.js";
import { Target as TargetSchema } from "./targets.js";

// The cron parsers are loaded with the first schedule checked: every command reads this module (for
// the timezone and duration schemas), and only a digest's schedule needs them.
const require = createRequire(import.meta.url);

/** "24h", "90m", "2d", "1d12h": a span of time as people write it in a config file. */
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || !text.trim()) return undefined;
  const [, days = "0", hours = "0", minutes = "0"] = match;
  const ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000;
  return ms > 0 ? ms : undefined;
}

export const Duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: `expected a duration such as "24h", "90m" or "2d", got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .refine(isTimeZone, { error: (issue) => `expected an IANA timezone such as "Europe/London", got ${JSON.stringify(issue.input)}` });

/** Five fields, or six with seconds first; checked by the same parser that computes the slots. */
export const Schedule = z.string().superRefine((expression, ctx) => {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    ctx.addIssue({ code: "custom", message: `expected a cron expression of 5 fields (or 6 with seconds), such as "0 8 * * *"; got ${fields}` });
    return;
  }
  // Both parsers must take it: cron-parser computes the slots, node-cron fires them.
  const { CronExpressionParser } = require("cron-parser") as typeof import("cron-parser");
  const cron = require("node-cron") as typeof import("node-cron");
  try {
    CronExpressionParser.parse(expression);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `expected a cron expression such as "0 8 * * *": ${(error as Error).message}` });
    return;
  }
  const problems = cron.validateDetailed(expression).errors;
  if (problems.length) {
    ctx.addIssue({ code: "custom", message: `expected a cron expression such as "0 8 * * *": ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}` });
  }
});

// Targets are declared by their platforms (see targets.ts); these names stay here for the digest's readers.
export { Target, TargetRef, targetKey, targetRef } from "./targets.js";

/** Digest names become file names and outbox keys: plain words only. A channel's own briefing (from
 * /news) is named after it, "slack:C0123", a form digest files cannot take. */
export const DIGEST_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CHANNEL_DIGEST_NAME = /^[a-z][a-z0-9-]{0,30}:[A-Za-z0-9]{1,40}$/;

export const DigestDefinition = z.strictObject({
  name: z.string().refine((name) => DIGEST_NAME.test(name) || CHANNEL_DIGEST_NAME.test(name), 'expected letters, digits, - and _ (at most 64), such as "morning"'),
  schedule: Schedule,
  timezone: TimeZone.default("UTC"),
  /** How far back the briefing looks from its slot. */
  window: Duration.prefault("24h"),
  maxStories: z.number().int().min(1).max(25).default(8),
  /** No topics: all news. */
  topics: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** Narrows the briefing further, in the filter language (see src/core/filter). */
  filter: FilterText.optional(),
  /** At most this many stories led by one outlet, so that a prolific one does not fill the briefing. */
  maxPerSource: z.number().int().min(1).max(25).optional(),
  /** notice: a one-line "nothing new" message; skip: stay silent. */
  whenEmpty: z.enum(["notice", "skip"], { error: 'expected "notice" or "skip"' }).default("notice"),
  targets: z.array(TargetSchema).min(1, "expected at least one target"),
});
export type DigestDefinition = z.infer<typeof DigestDefinition>;
/** A definition as written in a file, before defaults and durations are applied. */
export type DigestDefinitionInput = z.input<typeof DigestDefinition>;
