// What a failed send to Discord means for the delivery queue: worth retrying (rate limit, Discord's
// own trouble, the network), or final with a reason a person can act on (no access, no such channel).
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { SendOutcome } from "../../core/delivery/courier.js";
import { TOKEN_REJECTED } from "./connection.js";

type Failure = Extract<SendOutcome, { ok: false }>;

/** Everything newsbot needs in a channel it posts briefings to, in the words of Discord's settings. */
export const NEEDED_PERMISSIONS = "View Channel, Send Messages, Send Messages in Threads, Create Public Threads and Embed Links";

export function sendFailure(error: unknown, channel: string): Failure {
  if (error instanceof RateLimitError) {
    const retryAfterMs = Math.max(error.retryAfter, error.timeToReset);
    return { ok: false, retryable: true, retryAfterMs, error: `Discord rate limit${error.global ? " (global)" : ""}: retry in ${Math.ceil(retryAfterMs / 1000)} s` };
  }
  if (error instanceof DiscordAPIError) {
    const said = `Discord answered HTTP ${error.status}: ${error.message} (code ${error.code})`;
    if (error.status === 429 || error.status >= 500) return { ok: false, retryable: true, error: said };
    if (error.status === 401) return { ok: false, retryable: false, error: TOKEN_REJECTED };
    if (error.status === 403) {
      return { ok: false, retryable: false, error: `${said}: newsbot may not post in channel ${channel}; give it ${NEEDED_PERMISSIONS} there` };
    }
    if (error.status === 404) {
      return { ok: false, retryable: false, error: `${said}: channel ${channel} does not exist or newsbot is not in its server; check the target's channel id` };
    }
    return { ok: false, retryable: false, error: said };
  }
  if (error instanceof HTTPError) return { ok: false, retryable: true, error: `Discord answered HTTP ${error.status} ${error.message}` };
  // The network, a timeout (the REST client aborts after 15 s), or anything unforeseen: try again.
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, retryable: true, error: `could not reach Discord: ${cause ?? text}` };
}
