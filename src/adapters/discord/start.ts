// The Discord adapter: connects the bot through the gateway, makes sure Discord has the current
// slash commands, answers interactions, and hands the rest of newsbot a courier for briefings to
// Discord channels.
//
// Several replicas share one database, and only one of them holds the gateway (two connections
// would answer every interaction twice): the one holding the "discord-gateway" leadership. The others
// stand by, asking every few seconds, and connect when the holder stops or dies. Briefings go out
// over REST from whichever replica sends them, leader or not.
import { Client, Routes } from "discord.js";
import { ChatCourier } from "../../core/chat/briefing.js";
import type { Chat } from "../../core/chat/chat.js";
import type { Leadership } from "../../core/storage/index.js";
import type { Log } from "../../log.js";
import type { ChatAdapter } from "../platform.js";
import { clientOptions, connect, connectionError, logProblems, type DiscordSettings } from "./connection.js";
import { openContext } from "./context.js";
import { DiscordPoster } from "./courier.js";
import { listen } from "./interactions.js";
import { describeRegistration, syncCommands } from "./register.js";

export type { DiscordSettings } from "./connection.js";

/** The leadership whose holder connects the gateway. */
export const GATEWAY_LEADERSHIP = "discord-gateway";
/** How often a replica asks for the gateway (standing by) or checks it still holds it (leading). */
const LEADERSHIP_CHECK_MS = 5_000;

export interface DiscordOptions {
  /** Overrides LEADERSHIP_CHECK_MS (tests). */
  leadershipCheckMs?: number;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One spell holding the gateway: a logged-in client answering interactions. */
interface GatewayTerm {
  stop(): Promise<void>;
}

/** Connects the gateway and resolves once ready, with the commands registered (globally) if they changed. */
async function holdGateway(chat: Chat, settings: DiscordSettings, log: Log): Promise<GatewayTerm> {
  const client = new Client(clientOptions(settings));
  logProblems(client, log);
  // Listening before logging in, so no interaction sent right after READY is missed.
  const listening = listen(client, openContext(client, chat, log, settings.admins));
  try {
    await connect(client, settings);
  } catch (error) {
    await listening.close();
    throw error;
  }
  const user = client.user?.tag ?? "the bot";
  log.info({ guilds: client.guilds.cache.size }, `discord: connected as ${user}`);
  try {
    const registration = await syncCommands(client.rest, client.application!.id);
    log.info({ changed: registration.changed }, `discord: ${describeRegistration(registration)}`);
  } catch (error) {
    // Commands registered earlier keep working; a later start, or `newsbot discord register`, retries.
    log.warn({ error: reason(error) }, "discord: could not register the slash commands");
  }
  return {
    async stop() {
      await listening.close();
      await client.destroy();
    },
  };
}

/**
 * Starts Discord and resolves once this replica holds the gateway and is ready, or stands by
 * (another replica holds it) with the token checked over REST. Rejects with a one-line error when
 * Discord refuses the token or cannot be reached.
 */
export async function startDiscord(chat: Chat, settings: DiscordSettings, log: Log, options: DiscordOptions = {}): Promise<ChatAdapter> {
  // Briefings need REST only: a client that never logs in, with the token set.
  const rest = new Client(clientOptions(settings));
  rest.rest.setToken(settings.token);
  const leadership = chat.newsroom.store.leadership(GATEWAY_LEADERSHIP);

  let term: GatewayTerm | undefined;
  try {
    if (await leadership.acquire()) {
      term = await holdGateway(chat, settings, log);
    } else {
      // Standing by: the token is still checked now, so a wrong one is told at start as before.
      await rest.rest.get(Routes.user()).catch((error: unknown) => Promise.reject(connectionError(error, settings)));
      log.info("discord: another replica holds the gateway; this one sends briefings and takes over if it stops");
    }
  } catch (error) {
    await leadership.release();
    await rest.destroy();
    throw error;
  }

  const watch = watchLeadership(leadership, options.leadershipCheckMs ?? LEADERSHIP_CHECK_MS, log, {
    lead: async () => {
      term = await holdGateway(chat, settings, log);
    },
    stepDown: async () => {
      await term?.stop();
      term = undefined;
    },
    leading: () => term !== undefined,
  });

  return {
    courier: new ChatCourier(new DiscordPoster(rest, log), chat.newsroom, log),
    async stop() {
      await watch.stop();
      await term?.stop();
      term = undefined;
      await leadership.release();
      await rest.destroy();
    },
  };
}

interface Succession {
  lead(): Promise<void>;
  stepDown(): Promise<void>;
  leading(): boolean;
}

/** Asks for the leadership every `everyMs`: takes the gateway when given it, lets it go when lost. */
function watchLeadership(leadership: Leadership, everyMs: number, log: Log, succession: Succession): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> = Promise.resolve();

  const check = async () => {
    let leader: boolean;
    try {
      leader = await leadership.acquire();
    } catch (error) {
      // Without the database this replica cannot know it still leads: another may have taken over.
      log.warn({ error: reason(error) }, "discord: cannot reach the database to check the gateway leadership");
      leader = false;
    }
    if (stopped) return;
    if (leader && !succession.leading()) {
      log.info("discord: this replica now holds the gateway");
      try {
        await succession.lead();
      } catch (error) {
        log.error({ error: reason(error) }, "discord: could not connect the gateway; another replica may try");
        await leadership.release();
      }
    } else if (!leader && succession.leading()) {
      log.warn("discord: this replica lost the gateway leadership; disconnecting so that only the new holder answers");
      await succession.stepDown();
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      checking = check().finally(() => {
        if (!stopped) schedule();
      });
    }, everyMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await checking;
    },
  };
}
