// What Slack sends an app in HTTP mode, signed as Slack signs it (v0: HMAC-SHA256 of
// "v0:<timestamp>:<body>" with the signing secret): slash commands, button clicks, events.
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret";

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedAnswer {
  status: number;
  body: string;
  /** How long Slack would have waited for the acknowledgement. */
  ms: number;
}

export interface SigningOptions {
  secret?: string;
  /** Seconds since the epoch; now unless a test wants a stale one. */
  timestamp?: number;
  /** Overrides the computed signature (a forgery). */
  signature?: string;
  /** More headers, e.g. X-Slack-Retry-Num on Slack's retry of an event. */
  headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, contentType: string, options: SigningOptions = {}): Promise<SignedAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? signature(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: Date.now() - started };
}

export interface Asker {
  user: string;
  channel: string;
  responseUrl: string;
}

export function slashCommand(command: string, text: string, asker: Asker): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: "T0FAKE",
    team_domain: "fake",
    channel_id: asker.channel,
    channel_name: "news",
    user_id: asker.user,
    user_name: "someone",
    command,
    text,
    api_app_id: "AFAKE",
    is_enterprise_install: "false",
    response_url: asker.responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** A block_actions payload for a click on a button of a message in `asker.channel`. */
export function buttonClick(actionId: string, value: string, asker: Asker): string {
  const payload = {
    type: "block_actions",
    user: { id: asker.user, username: "someone", team_id: "T0FAKE" },
    api_app_id: "AFAKE",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: "1.000001", channel_id: asker.channel, is_ephemeral: true },
    trigger_id: "1.2.3",
    team: { id: "T0FAKE", domain: "fake" },
    channel: { id: asker.channel, name: "news" },
    response_url: asker.responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: "b1", text: { type: "plain_text", text: "x" }, value, action_ts: "1.1" }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventCallback(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: "T0FAKE",
    api_app_id: "AFAKE",
    type: "event_callback",
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0FAKE", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event,
  });
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";
