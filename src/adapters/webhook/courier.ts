// Webhook targets: the briefing POSTed as Slack incoming-webhook JSON, Discord webhook JSON, or the
// digest itself as JSON, each request carrying an Idempotency-Key the receiver can deduplicate on.
import { discordMessages } from "../discord/render.js";
import { slackMessages } from "../slack/render.js";
import type { Reply } from "../../core/card.js";
import { stripInvisibleJson } from "../../core/invisible.js";
import { retryAfterMs } from "../../core/retry-after.js";
import { DEFAULT_USER_AGENT } from "../../core/fetch/user-agent.js";
import type { Courier, SendOutcome } from "../../core/delivery/courier.js";
import { targetKey } from "../../core/delivery/definition.js";
import type { Delivery } from "../../core/delivery/outbox.js";

const TIMEOUT_MS = 15_000;
/** Slack allows about one message a second per incoming webhook; Discord about five every two seconds. */
const SPACING_MS = { slack: 1_000, discord: 400, json: 0 } as const;
/** Retry-After is honoured up to an hour: a target that asks for longer is retried after an hour. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/** The wait a webhook's Retry-After asks for (Discord sends the header as well as its JSON
 * retry_after), at most an hour. */
function retryAfter(response: Response): number | undefined {
  const ms = retryAfterMs(response.headers.get("retry-after"));
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** What the json format posts: the digest itself, its text without direction controls or
 * zero-width characters (the slack and discord formats get that from their renderers). */
export function digestJson(delivery: Delivery) {
  const payload = delivery.payload!;
  const notice = payload.cards.find((c) => c.type === "notice");
  return stripInvisibleJson({
    digest: payload.digest,
    slot: payload.slot,
    late: payload.late,
    title: payload.title,
    stories: payload.cards.filter((c) => c.type === "story"),
    ...(notice?.type === "notice" ? { notice: notice.text } : {}),
  });
}

/** Special characters of a regular expression, escaped to match themselves. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class WebhookCourier implements Courier {
  readonly spacingMs: number;
  /** The webhook's name in errors: its key, never its URL. */
  private readonly name: string;
  /** The URL as written, as sent and as escaped, and its secret parts (path, query, query values,
   * user name, password), longest first; pieces shorter than 4 characters keep no secret. */
  private readonly secret: RegExp;

  constructor(
    private readonly url: string,
    private readonly format: "slack" | "discord" | "json",
    private readonly userAgent = DEFAULT_USER_AGENT,
  ) {
    this.spacingMs = SPACING_MS[format];
    this.name = targetKey({ platform: "webhook", format, url });
    const parsed = new URL(url);
    const pieces = [url, parsed.href, withWait(url), encodeURIComponent(url), parsed.pathname + parsed.search, parsed.pathname, parsed.search.slice(1)];
    pieces.push(...parsed.searchParams.values(), parsed.username, parsed.password);
    const secrets = [...new Set(pieces)].filter((piece) => piece.length >= 4).sort((a, b) => b.length - a.length);
    this.secret = new RegExp(secrets.map(escapeRegExp).join("|") || "(?!)", "g");
  }

  /** An error text from fetch or from the receiver (which may echo the URL), the URL replaced by the
   * webhook's name: errors are logged and stored, the URL must not be. */
  private scrub(text: string): string {
    // A JSON body escapes the slashes of a URL it echoes.
    return text.replaceAll("\\/", "/").replace(this.secret, this.name);
  }

  messages(delivery: Delivery): unknown[] {
    const payload = delivery.payload!;
    const reply: Reply = { title: payload.title, cards: payload.cards };
    if (this.format === "slack") return slackMessages(reply);
    if (this.format === "discord") return discordMessages(reply);
    return [digestJson(delivery)];
  }

  async send(_delivery: Delivery, message: unknown, key: string): Promise<SendOutcome> {
    // Discord answers 204 with no body unless asked to wait for the message.
    const url = this.format === "discord" ? withWait(this.url) : this.url;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": this.userAgent, "idempotency-key": key },
        body: JSON.stringify(message),
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const reason = (error as Error).name === "TimeoutError" ? `no answer in ${TIMEOUT_MS / 1000} s` : (cause ?? this.scrub((error as Error).message));
      return { ok: false, retryable: true, error: `webhook unreachable: ${reason}` };
    }
    const body = this.scrub(await response.text().catch(() => "")).slice(0, 200).replace(/\s+/g, " ").trim();
    if (response.ok) return { ok: true };
    const error = `webhook answered HTTP ${response.status}${body ? `: ${body}` : ""}`;
    if (response.status === 429) {
      return { ok: false, retryable: true, retryAfterMs: retryAfter(response), error };
    }
    // Server trouble may pass; a refusal (bad URL, deleted webhook, payload rejected) will not.
    const retryable = response.status >= 500 || response.status === 408;
    return { ok: false, retryable, retryAfterMs: retryable ? retryAfter(response) : undefined, error };
  }
}

function withWait(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("wait", "true");
  return parsed.href;
}
