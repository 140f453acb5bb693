// Alerts rows as AlertRules and RaisedAlerts, whichever engine read them.
import { z } from "zod";
import type { AlertRule, RaisedAlert } from "../../core/alerts/alert.js";
import { Platform } from "../../core/delivery/channel.js";
import type { Columns } from "./columns.js";

/** Reads alerts rows as AlertRules and alerts_raised rows as RaisedAlerts. */
export function alertReaders(columns: Columns): { toRule: (raw: unknown) => AlertRule; toRaised: (raw: unknown) => RaisedAlert } {
  const RuleRow = z.object({
    platform: Platform,
    channel: z.string(),
    topic: z.string(),
    filter: z.string().nullable(),
    mention: z.string().nullable(),
    min_outlets: z.number(),
    within_hours: z.number(),
    created_at: columns.time,
  });
  const RaisedRow = z.object({ platform: z.string(), channel: z.string(), story_id: z.number(), topic: z.string(), headline: z.string(), raised_at: columns.time });
  return {
    toRule: (raw) => {
      const row = RuleRow.parse(raw);
      return {
        platform: row.platform,
        channel: row.channel,
        topic: row.topic,
        filter: row.filter ?? undefined,
        mention: row.mention ?? undefined,
        minOutlets: row.min_outlets,
        withinHours: row.within_hours,
        createdAt: row.created_at,
      };
    },
    toRaised: (raw) => {
      const row = RaisedRow.parse(raw);
      return { platform: row.platform, channel: row.channel, storyId: row.story_id, topic: row.topic, headline: row.headline, raisedAt: row.raised_at };
    },
  };
}
