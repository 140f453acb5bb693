// A channel's own news setup, made from chat with /news: the topics it follows, when its briefing
// comes, and whether it is paused. Kept in the database, next to the operator's digest files.
import { z } from "zod";
import { TimeZone } from "./definition.js";

/** A platform's name, as src/adapters/index.ts declares it: the core names none of them. */
export const Platform = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "expected a platform's name: lower-case letters, digits and -");
export type Platform = z.infer<typeof Platform>;

/** Where a command was typed, as the adapter knows it. */
export interface ChannelRef {
  platform: Platform;
  channel: string;
}

/** "08:00", "8:00", "17:30". */
export const TimeOfDay = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected a time of day such as "08:00" or "17:30"')
  .transform((time) => time.padStart(5, "0"));

export const ChannelSettings = z.object({
  platform: Platform,
  channel: z.string(),
  topics: z.array(z.string()),
  /** HH:MM; the default time when unset. */
  time: TimeOfDay.optional(),
  timezone: TimeZone.optional(),
  paused: z.boolean(),
  /** What the briefing keeps, in the filter language (/news filter); all its topics' stories when unset. */
  filter: z.string().optional(),
  /** At most this many stories led by one outlet per briefing (/news cap). */
  maxPerSource: z.number().int().positive().optional(),
  updatedAt: z.date(),
});
export type ChannelSettings = z.infer<typeof ChannelSettings>;

export function channelName({ platform, channel }: ChannelRef): string {
  return `${platform}:${channel}`;
}
