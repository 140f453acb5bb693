// Slots: the instants a schedule promises a briefing, computed in the digest's timezone so that
// 08:00 stays 08:00 local on both sides of a daylight-saving change (a time the change skips runs
// once, just after it; a time it repeats runs once, the first time).
import { CronExpressionParser } from "cron-parser";

export interface Schedulable {
  schedule: string;
  timezone: string;
}

/** The latest slot at or before `at`, if the schedule has one. */
export function slotAtOrBefore(digest: Schedulable, at: Date): Date | undefined {
  // prev() is strictly before currentDate, so start a millisecond after `at`.
  const slots = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: new Date(at.getTime() + 1) });
  return slots.hasPrev() ? slots.prev().toDate() : undefined;
}

/** The first slot after `at`. */
export function slotAfter(digest: Schedulable, at: Date): Date | undefined {
  const slots = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: at });
  return slots.hasNext() ? slots.next().toDate() : undefined;
}

/** The slots in (after, until], oldest first, at most `max` of them (the latest ones). */
export function slotsBetween(digest: Schedulable, after: Date, until: Date, max: number): Date[] {
  const slots: Date[] = [];
  const iterator = CronExpressionParser.parse(digest.schedule, { tz: digest.timezone, currentDate: new Date(until.getTime() + 1) });
  while (slots.length < max && iterator.hasPrev()) {
    const slot = iterator.prev().toDate();
    if (slot.getTime() <= after.getTime()) break;
    slots.push(slot);
  }
  return slots.reverse();
}
