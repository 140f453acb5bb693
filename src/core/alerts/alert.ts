// Alerts: a channel follows a topic (optionally narrowed by a filter) to hear of a story on it at
// once, when enough outlets report it, instead of in its next briefing. The only messages newsbot
// pings anyone with, and then only the user group or role the channel's manager chose.
import { z } from "zod";
import { Platform } from "../delivery/channel.js";
import { count } from "../text.js";

/** A story is alerted once this many outlets reported it within ALERT_HOURS, unless the alert says otherwise. */
export const DEFAULT_ALERT_OUTLETS = 3;
export const DEFAULT_ALERT_HOURS = 2;
/** Alerts posted to one channel within an hour at most; the rest wait for its next briefing. */
export const DEFAULT_ALERTS_PER_HOUR = 3;

export const AlertRule = z.object({
  platform: Platform,
  channel: z.string(),
  topic: z.string().min(1).max(100),
  /** Narrows the topic's stories, in the filter language (src/core/filter). */
  filter: z.string().optional(),
  /** The id of the user group or role each alert pings, as its platform names it (see MentionKind). */
  mention: z.string().optional(),
  /** Outlets that must have reported the story within `withinHours`. */
  minOutlets: z.number().int().min(1).max(50),
  withinHours: z.number().int().min(1).max(48),
  createdAt: z.date(),
});
export type AlertRule = z.infer<typeof AlertRule>;

/** One story alerted (or held back) in one channel: at most once per channel and story. */
export interface RaisedAlert {
  platform: string;
  channel: string;
  storyId: number;
  topic: string;
  headline: string;
  raisedAt: Date;
}

/** What an alert's message carries beyond its story: why it came, and whom it pings. */
export const AlertNote = z.object({
  topic: z.string(),
  outlets: z.number().int(),
  withinHours: z.number().int(),
  mention: z.string().optional(),
});
export type AlertNote = z.infer<typeof AlertNote>;

/** newsbot's words above an alert's story. */
export function alertLead(note: AlertNote): string {
  return `Alert on “${note.topic}”: reported by ${count(note.outlets, "outlet")} within ${note.withinHours === 1 ? "an hour" : `${note.withinHours} hours`}`;
}

/**
 * How a platform's managers name the group an alert pings, and how newsbot checks it: a Slack user
 * group, a Discord role. A platform without one takes no mention.
 */
export interface MentionKind {
  /** What it is, for refusals and /news alerts: "a Slack user group". */
  noun: string;
  /** How to type one, for refusals. */
  example: string;
  /** The id in what a manager typed; undefined when it is not one. */
  read(typed: string): string | undefined;
  /** The id written as the platform shows it in text (a chat message pings it). */
  show(id: string): string;
}
