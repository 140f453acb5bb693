// Slots: the instants a schedule promises a briefing, computed in the digest's timezone so that
// 08:00 stays 08:00 local on both sides of a daylight-saving change (a time the change skips runs
// once, just after it; a time it repeats runs once, the first time).
import { CronExpressionParser } from "cron-parser";

export interface Schedulable {
  schedule: string;
  timezone: string;
}

const HOUR_MS = 3_600_000;

/**
 * Only cron-parser's forward walk (next) gets daylight-saving changes right; its backward walk
 * (prev) drops a skipped time and repeats a repeated one. So the backward walk only finds roughly
 * where the latest `max` slots begin, and the slots are then walked forward from a little before it.
 */
function startOfLatest(digest: Schedulable, until: Date, max: number): Date | undefined {
  const back = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: new Date(until.getTime() + 1) });
  let earliest: Date | undefined;
  for (let i = 0; i < max && back.hasPrev(); i++) earliest = back.prev().toDate();
  if (!earliest) return undefined;
  // A clock change moves a slot by at most an hour or two; a frequent schedule needs less margin.
  const margin = Math.min(3 * HOUR_MS, Math.max(60_000, until.getTime() - earliest.getTime()));
  return new Date(earliest.getTime() - margin);
}

/** The slots in (after, until], oldest first, at most `max` of them (the latest ones). */
export function slotsBetween(digest: Schedulable, after: Date, until: Date, max: number): Date[] {
  const start = startOfLatest(digest, until, max);
  const from = start && start > after ? start : after;
  const forward = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: from });
  const slots: Date[] = [];
  while (forward.hasNext()) {
    const slot = forward.next().toDate();
    if (slot > until) break;
    if (slot <= after) continue;
    slots.push(slot);
    if (slots.length > max) slots.shift();
  }
  return slots;
}

/** The latest slot at or before `at`, if the schedule has one. */
export function slotAtOrBefore(digest: Schedulable, at: Date): Date | undefined {
  return slotsBetween(digest, new Date(0), at, 1)[0];
}

/** The first slot after `at`. */
export function slotAfter(digest: Schedulable, at: Date): Date | undefined {
  const slots = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: at });
  return slots.hasNext() ? slots.next().toDate() : undefined;
}
