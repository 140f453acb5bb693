// Registering the slash commands with Discord: in one server (shows at once, for trying newsbot
// out) or globally (every server, the default). Nothing is sent when Discord already has exactly
// these definitions, so start-up can call it every time.
import { DiscordAPIError, REST, Routes } from "discord.js";
import { z } from "zod";
import { loadConfig } from "../../config.js";
import { commandDefinitions, sameCommands, type CommandDefinition } from "./commands.js";
import { connectionError, type DiscordSettings } from "./connection.js";

export interface Registration {
  scope: "global" | "guild";
  guildId?: string;
  /** False when Discord already had these definitions and nothing was sent. */
  changed: boolean;
  names: string[];
}

/** Registers the commands in the scope unless they are registered already, exactly so. */
export async function syncCommands(rest: REST, applicationId: string, guildId?: string): Promise<Registration> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const local: CommandDefinition[] = commandDefinitions();
  const registered = await rest.get(route);
  const changed = !sameCommands(registered, local);
  if (changed) await rest.put(route, { body: local });
  return { scope: guildId ? "guild" : "global", ...(guildId ? { guildId } : {}), changed, names: local.map((c) => c.name) };
}

const Identified = z.object({ id: z.string().regex(/^\d+$/) });

/** The bot's application id: the application's own, or (for an older token) the bot user's, which
 * Discord makes the same. */
export async function applicationId(rest: REST): Promise<string> {
  try {
    return Identified.parse(await rest.get(Routes.currentApplication())).id;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) throw error;
    return Identified.parse(await rest.get(Routes.user())).id;
  }
}

/** What `npm run newsbot -- discord register` does: REST only, no gateway connection. */
export async function registerCommands(settings: DiscordSettings, guildId?: string): Promise<Registration> {
  const rest = new REST(settings.apiUrl ? { api: settings.apiUrl } : {}).setToken(settings.token);
  try {
    return await syncCommands(rest, await applicationId(rest), guildId);
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status !== 401) {
      const what = guildId ? `in server ${guildId}` : "globally";
      throw new Error(`Discord refused to register the commands ${what}: ${error.message}${guildId ? " (is newsbot in that server, invited with the applications.commands scope?)" : ""}`);
    }
    throw connectionError(error, settings);
  }
}

/** One line saying what was registered where. */
export function describeRegistration(registration: Registration): string {
  const commands = registration.names.map((n) => `/${n}`).join(", ");
  const where = registration.scope === "guild" ? `in server ${registration.guildId}` : "globally";
  if (!registration.changed) return `The commands ${where} are up to date (${commands}); nothing to register.`;
  const when = registration.scope === "guild" ? "they show there at once" : "every server the bot is in gets them, which Discord can take a few minutes to show";
  return `Registered ${registration.names.length} commands ${where} (${commands}): ${when}.`;
}

/** `newsbot discord register [--guild <id>]`: the settings from the environment, the line to print. */
export async function registerFromEnvironment(env: NodeJS.ProcessEnv, guildId?: string): Promise<string> {
  const config = loadConfig(env);
  if (!config.DISCORD_TOKEN) throw new Error("set DISCORD_TOKEN to the bot's token (Developer Portal > your application > Bot > Reset Token)");
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw new Error(`--guild: expected a server id such as 123456789012345678 (Copy Server ID in Discord), got "${guildId}"`);
  const settings = { token: config.DISCORD_TOKEN, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}) };
  return describeRegistration(await registerCommands(settings, guildId));
}
