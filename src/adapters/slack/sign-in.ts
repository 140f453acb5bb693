// Start-up: auth.test with the bot token, so a wrong token or an unreachable API stops newsbot with
// one line naming what to fix, before anything listens. Its answer (the bot's ids) also spares Bolt
// from calling auth.test again.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import { describeApiUrl } from "./settings.js";
import { slackFailure } from "./web-errors.js";

export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId: string;
  team?: string;
}

const AuthTest = z.object({
  user_id: z.string(),
  bot_id: z.string().optional(),
  team_id: z.string(),
  team: z.string().optional(),
});

export async function signIn(client: webApi.WebClient, apiUrl: string): Promise<BotIdentity> {
  let answer: unknown;
  try {
    answer = await client.auth.test();
  } catch (error) {
    throw new Error(startFailure(error, apiUrl, "SLACK_BOT_TOKEN"));
  }
  const parsed = AuthTest.safeParse(answer);
  if (!parsed.success) throw new Error(`the Slack API at ${describeApiUrl(apiUrl)} gave an unexpected auth.test answer: check SLACK_API_URL`);
  const { user_id, bot_id, team_id, team } = parsed.data;
  // A user token (xoxp-) passes auth.test but is not a bot: posts would come from a person.
  if (!bot_id) throw new Error("SLACK_BOT_TOKEN is not a bot token: use the bot token (xoxb-…) from OAuth & Permissions");
  return { botUserId: user_id, botId: bot_id, teamId: team_id, team };
}

/** One line for a failure to start: which credential Slack refused, or why it could not be reached. */
export function startFailure(error: unknown, apiUrl: string, variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN"): string {
  const failure = slackFailure(error);
  const where = describeApiUrl(apiUrl);
  const fix =
    variable === "SLACK_BOT_TOKEN"
      ? "check the bot token (xoxb-…) from OAuth & Permissions"
      : "check the app-level token (xapp-…, scope connections:write) from Basic Information > App-Level Tokens";
  switch (failure.code) {
    case "invalid_auth":
    case "not_authed":
    case "token_revoked":
    case "token_expired":
    case "account_inactive":
    case "not_allowed_token_type":
      return `Slack rejected ${variable} (${failure.code}): ${fix}`;
    case "unreachable":
      return `cannot reach the Slack API at ${where} (${failure.reason.replace(/^Slack API unreachable \((.*)\)$/, "$1")}): check the network or SLACK_API_URL`;
    case "ratelimited":
      return `Slack is rate-limiting newsbot at start-up: try again in ${Math.ceil((failure.retryAfterMs ?? 1000) / 1000)} s`;
    default:
      if (failure.code.startsWith("http_")) return `the Slack API at ${where} answered HTTP ${failure.code.slice(5)}: check SLACK_API_URL`;
      return `Slack refused to start newsbot (${failure.code}) with ${variable}: ${fix}`;
  }
}
