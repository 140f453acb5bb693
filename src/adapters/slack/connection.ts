// Connecting to Slack: what the adapter needs from the environment, with a one-line answer to a
// missing or misplaced credential (no message here ever contains a token, only the variable's name),
// and the sign-in at start-up: auth.test with the bot token, so a wrong token or an unreachable API
// stops newsbot with one line naming what to fix, before anything listens. Its answer (the bot's
// ids) also spares Bolt from calling auth.test again.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import { slackFailure } from "./errors.js";

export interface SlackSettings {
  /** SLACK_BOT_TOKEN: xoxb-…, from OAuth & Permissions. */
  botToken: string;
  /** SLACK_APP_TOKEN: xapp-… with connections:write. Set: Socket Mode. */
  appToken?: string;
  /** SLACK_SIGNING_SECRET. Set (and no app token): HTTP on `port` at /slack/events. */
  signingSecret?: string;
  /** SLACK_API_URL: the Web API base (GovSlack, a proxy, a local fake in tests). */
  apiUrl?: string;
  port: number;
  /** NEWSBOT_ADMINS: Slack user ids who may change the sources besides workspace admins and owners. */
  admins?: readonly string[];
}

export const DEFAULT_API_URL = "https://slack.com/api/";
/** Where Slack sends commands, button clicks and events in HTTP mode. */
export const EVENTS_PATH = "/slack/events";

export type Connection = { mode: "socket"; appToken: string } | { mode: "http"; signingSecret: string; port: number };

/** The WebClient joins method names onto the base URL, so it must end with a slash. */
export function normalizeApiUrl(url: string | undefined): string {
  const base = url?.trim() || DEFAULT_API_URL;
  return base.endsWith("/") ? base : `${base}/`;
}

/** The API URL for a message: scheme, host and path, never credentials or a query. */
export function describeApiUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "SLACK_API_URL";
  }
}

/** How to connect, or an Error whose message is one line naming the variable to fix. */
export function connectionOf(settings: SlackSettings): Connection {
  const botToken = settings.botToken.trim();
  if (!botToken) throw new Error("set SLACK_BOT_TOKEN to the bot token (xoxb-…) from your Slack app's OAuth & Permissions page");
  if (botToken.startsWith("xapp-")) {
    throw new Error("SLACK_BOT_TOKEN holds an app-level token (xapp-…): use the bot token (xoxb-…) from OAuth & Permissions, and put the xapp- token in SLACK_APP_TOKEN");
  }
  const appToken = settings.appToken?.trim();
  if (appToken) {
    if (!appToken.startsWith("xapp-")) {
      throw new Error("SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope, from Basic Information > App-Level Tokens");
    }
    return { mode: "socket", appToken };
  }
  const signingSecret = settings.signingSecret?.trim();
  if (signingSecret) return { mode: "http", signingSecret, port: settings.port };
  throw new Error("set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP (both are on your Slack app's Basic Information page)");
}

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
