// What a failed Web API call means for newsbot: worth retrying or not, when, and a reason a person
// can act on. The WebClient is told not to wait out rate limits itself, so a 429 arrives here and
// the delivery queue decides when to try again.
import { webApi } from "@slack/bolt";
import { z } from "zod";

const { ErrorCode } = webApi;

export interface SlackFailure {
  /** Slack's error code (channel_not_found, ratelimited, …), or what went wrong on the way. */
  code: string;
  retryable: boolean;
  retryAfterMs?: number;
  /** One line, naming the fix where there is one. */
  reason: string;
}

/** The fields of @slack/web-api's coded errors newsbot reads; parsed rather than trusted. */
const CodedError = z.object({
  code: z.string(),
  message: z.string().optional(),
  retryAfter: z.number().optional(),
  statusCode: z.number().optional(),
  data: z.object({ error: z.string().optional(), needed: z.string().optional() }).loose().optional(),
  original: z.object({ message: z.string().optional(), cause: z.object({ code: z.string().optional() }).loose().optional() }).loose().optional(),
});

/** Platform errors that may pass on their own. */
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "team_added_to_org"]);
const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type"]);

function platformReason(code: string, needed: string | undefined, channel: string | undefined): string {
  const where = channel ? `channel ${channel}` : "the channel";
  if (REJECTED_TOKEN.has(code)) return `Slack rejected SLACK_BOT_TOKEN (${code}): check the bot token from OAuth & Permissions`;
  switch (code) {
    case "channel_not_found":
      return `Slack cannot find ${where} (channel_not_found): check the channel id, and invite the bot if the channel is private`;
    case "not_in_channel":
      return `the bot is not a member of ${where} (not_in_channel): invite it with /invite @newsbot`;
    case "is_archived":
      return `${where} is archived (is_archived)`;
    case "missing_scope":
      return `the Slack app lacks the ${needed ?? "needed"} scope (missing_scope): update it from slack-app-manifest.yml and reinstall it`;
    case "restricted_action":
    case "restricted_action_read_only_channel":
    case "restricted_action_non_threadable_channel":
      return `the workspace does not let the bot post in ${where} (${code})`;
    default:
      return `Slack refused the call (${code})`;
  }
}

export function slackFailure(error: unknown, channel?: string): SlackFailure {
  const parsed = CodedError.safeParse(error);
  const message = error instanceof Error ? error.message : String(error);
  if (!parsed.success) return { code: "error", retryable: true, reason: `Slack call failed: ${message}` };
  const e = parsed.data;
  switch (e.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = e.retryAfter ?? 1;
      return { code: "ratelimited", retryable: true, retryAfterMs: seconds * 1000, reason: `Slack rate limit: retry after ${seconds} s` };
    }
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? "unknown_error";
      return { code, retryable: TRANSIENT.has(code), reason: platformReason(code, e.data?.needed, channel) };
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return { code: `http_${status}`, retryable: status >= 500 || status === 408, reason: `the Slack API answered HTTP ${status}` };
    }
    case ErrorCode.RequestError: {
      const cause = e.original?.cause?.code ?? e.original?.message ?? message;
      return { code: "unreachable", retryable: true, reason: `Slack API unreachable (${cause})` };
    }
    default:
      return { code: e.code, retryable: true, reason: `Slack call failed: ${message}` };
  }
}
