// The discord.js client newsbot runs, and connecting it: the fewest intents that work, no mentions
// by default, REST pointed at DISCORD_API_URL when given, and a failure to connect told in one line
// (a rejected token says which setting to fix) with the token never in it.
import { Client, DiscordAPIError, Events, GatewayIntentBits, type ClientOptions } from "discord.js";
import type { Log } from "../../log.js";

export interface DiscordSettings {
  /** The bot token (DISCORD_TOKEN). */
  token: string;
  /** The REST base URL, e.g. http://127.0.0.1:8080/api (DISCORD_API_URL); the gateway URL comes from its GET /gateway/bot. */
  apiUrl?: string;
  /** NEWSBOT_ADMINS: Discord user ids who may change the sources besides members with Manage Server. */
  admins?: readonly string[];
}

export const TOKEN_REJECTED = "Discord rejected DISCORD_TOKEN: check the bot token from the Developer Portal";

/** Rate-limit waits longer than this fail the request instead, so a briefing's retry is left to the
 * outbox (which survives a restart) rather than held in memory by the REST queue. */
const LONGEST_REST_WAIT_MS = 10_000;
/** Discord answers READY within seconds; past this something is wrong and start-up says so. */
const READY_TIMEOUT_MS = 60_000;

/** Gateway close codes that mean the connection will never work as configured. */
const REFUSALS: Record<number, string> = {
  4004: TOKEN_REJECTED,
  4010: "Discord refused the connection: invalid shard",
  4011: "Discord refused the connection: this bot is in too many servers to run without sharding",
  4012: "Discord refused the connection: unsupported gateway version",
  4013: "Discord refused the connection: invalid intents",
  4014: "Discord refused the connection: an intent newsbot asked for is not enabled for this bot in the Developer Portal",
};

export function clientOptions(settings: Pick<DiscordSettings, "apiUrl">): ClientOptions {
  return {
    // Guilds alone brings the servers and their channels (forum or text) and interactions; newsbot
    // never reads messages, members or presences.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      rejectOnRateLimit: (limit) => Math.max(limit.retryAfter, limit.timeToReset) > LONGEST_REST_WAIT_MS,
    },
  };
}

/** A refusal already told in newsbot's words. */
class Refused extends Error {}

/** Whether an error from logging in means Discord does not accept the token. */
function tokenRejected(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status === 401;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "TokenInvalid" || message === "Authentication failed";
}

/** One line, without the token, saying what went wrong. */
export function connectionError(error: unknown, settings: DiscordSettings): Error {
  if (error instanceof Refused) return new Error(error.message);
  if (tokenRejected(error)) return new Error(TOKEN_REJECTED);
  const raw = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  const where = settings.apiUrl ? ` at ${new URL(settings.apiUrl).host}` : "";
  const text = `could not connect to Discord${where}: ${cause ?? raw}`;
  return new Error(text.split(settings.token).join("[redacted]").replace(/\s+/g, " ").trim());
}

/**
 * Logs in and resolves once the client is ready (READY and every guild received); rejects with a
 * one-line error otherwise, the client destroyed.
 */
export async function connect(client: Client, settings: DiscordSettings): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onClose: ((event: { code: number }) => void) | undefined;
  const refused = new Promise<never>((_, reject) => {
    onClose = (event) => reject(new Refused(REFUSALS[event.code] ?? `Discord closed the connection (code ${event.code})`));
    client.on(Events.ShardDisconnect, onClose);
    timer = setTimeout(() => reject(new Refused(`Discord did not answer within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await Promise.race([client.login(settings.token).then(() => ready), refused]);
  } catch (error) {
    await client.destroy();
    throw connectionError(error, settings);
  } finally {
    clearTimeout(timer);
    if (onClose) client.off(Events.ShardDisconnect, onClose);
  }
}

/** Logs what the client reports while it runs: reconnects are routine, errors are worth a look.
 * (An "error" event nobody listens to would end the process.) */
export function logProblems(client: Client, log: Log): void {
  client.on(Events.Error, (error) => log.error({ error: error.message }, "discord: client error"));
  client.on(Events.ShardError, (error) => log.warn({ error: error.message }, "discord: gateway connection error"));
  client.on(Events.Warn, (message) => log.warn(`discord: ${message}`));
  client.on(Events.ShardReconnecting, () => log.info("discord: reconnecting to the gateway"));
}
