// What the Slack adapter needs from the environment, and the one-line answers to a missing or
// misplaced credential. No message here ever contains a token, only the variable's name.

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
