// The Discord adapter: connects the bot through the gateway, makes sure Discord has the current
// slash commands, answers interactions, and hands the rest of newsbot a courier for briefings to
// Discord channels.
import { Client } from "discord.js";
import { ChatCourier } from "../../core/chat/briefing.js";
import type { Chat } from "../../core/chat/chat.js";
import type { Log } from "../../log.js";
import type { ChatAdapter } from "../platform.js";
import { clientOptions, connect, logProblems, type DiscordSettings } from "./connection.js";
import { openContext } from "./context.js";
import { DiscordPoster } from "./courier.js";
import { listen } from "./interactions.js";
import { describeRegistration, syncCommands } from "./register.js";

export type { DiscordSettings } from "./connection.js";

/**
 * Connects to Discord and resolves once ready, with the commands registered (globally) if they
 * changed. Rejects with a one-line error when Discord refuses the token or cannot be reached.
 */
export async function startDiscord(chat: Chat, settings: DiscordSettings, log: Log): Promise<ChatAdapter> {
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
    log.warn({ error: error instanceof Error ? error.message : String(error) }, "discord: could not register the slash commands");
  }
  return {
    courier: new ChatCourier(new DiscordPoster(client, log), chat.newsroom, log),
    async stop() {
      await listening.close();
      await client.destroy();
    },
  };
}
