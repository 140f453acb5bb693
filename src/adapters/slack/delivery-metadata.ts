// Each message a courier posts carries its idempotency key as Slack message metadata. A message being
// sent again after an attempt that may have landed (a timeout, a crash mid-send) is first looked for
// in the channel (or its thread) by that key: found, it counts as sent and is not posted twice.
import type { webApi } from "@slack/bolt";
import { z } from "zod";

export const DELIVERY_EVENT = "newsbot_delivery";
/** A resend looks this far before the delivery was recorded (clocks differ a little). */
const LOOKBACK_MS = 10 * 60_000;
/** Messages read per lookup: since the delivery was recorded, so few in all but the busiest channels. */
const LOOKUP_LIMIT = 50;

export function deliveryMetadata(key: string) {
  return { event_type: DELIVERY_EVENT, event_payload: { key } };
}

const History = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).loose().optional(),
      }).loose(),
    )
    .default([]),
});

export interface Posted {
  ts: string;
}

/** Slack's ts form: seconds with microseconds. */
function slackTs(date: Date): string {
  return (Math.max(0, date.getTime() - LOOKBACK_MS) / 1000).toFixed(6);
}

/** The message carrying `key` in the channel (or in the thread `threadTs`), posted since `since`. */
export async function findDelivered(
  client: webApi.WebClient,
  channel: string,
  key: string,
  where: { threadTs?: string; since: Date },
): Promise<Posted | undefined> {
  const common = { channel, include_all_metadata: true, limit: LOOKUP_LIMIT, oldest: slackTs(where.since), inclusive: true };
  const answer = where.threadTs ? await client.conversations.replies({ ...common, ts: where.threadTs }) : await client.conversations.history(common);
  const { messages } = History.parse(answer);
  const found = messages.find((m) => m.metadata?.event_type === DELIVERY_EVENT && m.metadata.event_payload?.key === key);
  return found ? { ts: found.ts } : undefined;
}
