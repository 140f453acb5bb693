// The Slack adapter: checks the bot token, connects with Bolt (Socket Mode with an app-level token,
// else HTTP on PORT at /slack/events), registers every command, button and mention, and hands back a
// courier for digests to Slack channels. Start-up failures are one line naming what to fix. In HTTP
// mode, replayed requests and timestamps more than 5 minutes off are refused before Bolt runs them.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from "@slack/bolt";
import type { Chat } from "../../core/chat/chat.js";
import type { SeenRequests } from "../../core/storage/index.js";
import { ChatCourier } from "../../core/chat/briefing.js";
import type { Log } from "../../log.js";
import type { ChatAdapter } from "../platform.js";
import { boltLogger, redactTokens } from "./bolt-log.js";
import { registerCommands } from "./commands.js";
import { registerClicks } from "./clicks.js";
import type { SlackContext } from "./context.js";
import { SlackPoster } from "./courier.js";
import { ChannelManagers } from "./permissions.js";
import { registerMentions } from "./mentions.js";
import { refuseReplays } from "./replays.js";
import { connectionOf, EVENTS_PATH, normalizeApiUrl, signIn, startFailure, type BotIdentity, type Connection, type SlackSettings } from "./connection.js";

export type { SlackSettings } from "./connection.js";

const TIMEOUT_MS = 15_000;

export interface SlackAdapter extends ChatAdapter {
  readonly courier: ChatCourier;
  /** Who newsbot is in the workspace (from auth.test). */
  readonly bot: BotIdentity;
  /** HTTP mode: the port the receiver listens on (the real one when PORT is 0). */
  readonly port?: number;
}

/**
 * The Web API client options. Rate limits are not waited out here (rejectRateLimitedCalls) and
 * retries are few and quick: the delivery queue owns retries and honours Retry-After, and a person
 * waiting on an answer is better told than kept waiting for half an hour.
 */
function clientOptions(apiUrl: string, log: Log, retries: number): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger: boltLogger(log),
    rejectRateLimitedCalls: true,
    retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    timeout: TIMEOUT_MS,
  };
}

function receiverFor(connection: Connection, apiUrl: string, seen: SeenRequests, log: Log): Receiver {
  const logger = boltLogger(log);
  if (connection.mode === "socket") {
    // Its own client keeps Socket Mode's patient reconnection policy (only the base URL is ours).
    return new SocketModeReceiver({ appToken: connection.appToken, logger, installerOptions: { clientOptions: { slackApiUrl: apiUrl } } });
  }
  const receiver = new HTTPReceiver({ signingSecret: connection.signingSecret, endpoints: EVENTS_PATH, port: connection.port, logger });
  refuseReplays(receiver, { signingSecret: connection.signingSecret, path: EVENTS_PATH, seen, log });
  return receiver;
}

function listenFailure(error: unknown, port: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE") return `cannot listen for Slack on port ${port}: it is in use (set PORT to a free port)`;
  if (code === "EACCES") return `cannot listen for Slack on port ${port}: permission denied (set PORT to 1024 or above)`;
  return `cannot listen for Slack on port ${port}: ${redactTokens(error instanceof Error ? error.message : String(error))}`;
}

export async function startSlack(chat: Chat, settings: SlackSettings, log: Log): Promise<SlackAdapter> {
  const connection = connectionOf(settings);
  const apiUrl = normalizeApiUrl(settings.apiUrl);
  const botToken = settings.botToken.trim();
  // The courier's client never retries by itself: a retried post could land twice.
  const courierClient = new webApi.WebClient(botToken, clientOptions(apiUrl, log, 0));
  const bot = await signIn(courierClient, apiUrl);

  const app = new App({
    token: botToken,
    // Known from auth.test already, so Bolt does not ask again.
    botId: bot.botId,
    botUserId: bot.botUserId,
    receiver: receiverFor(connection, apiUrl, chat.newsroom.store.seenRequests, log),
    logger: boltLogger(log),
    clientOptions: clientOptions(apiUrl, log, 2),
  });
  const context: SlackContext = { chat, log, managers: new ChannelManagers(app.client, log, new Set(settings.admins)) };
  registerCommands(app, context);
  registerClicks(app, context);
  registerMentions(app, context);
  app.error(async (error) => {
    log.error({ error: redactTokens(error.message) }, "Slack: a request could not be handled");
  });

  let port: number | undefined;
  try {
    const started: unknown = await app.start();
    if (connection.mode === "http") port = ((started as Server).address() as AddressInfo).port;
  } catch (error) {
    if (connection.mode === "http") throw new Error(listenFailure(error, connection.port));
    throw new Error(startFailure(error, apiUrl, "SLACK_APP_TOKEN"));
  }
  log.info({ mode: connection.mode, team: bot.teamId, port }, connection.mode === "socket" ? "Slack: connected (Socket Mode)" : `Slack: listening on port ${port} at ${EVENTS_PATH}`);

  return {
    courier: new ChatCourier(new SlackPoster(courierClient, log), chat.newsroom, log),
    bot,
    port,
    async stop() {
      await chat.inFlight.settled();
      await app.stop();
    },
  };
}
