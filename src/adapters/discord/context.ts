// What every interaction handler works with: the chat (the core's answers to commands and clicks),
// the log, the topic suggestions, newsbot's admins, and the Discord facts the handlers need from the
// connected client. And the one way a Discord user becomes the core's Asker.
import type { BaseInteraction, Client } from "discord.js";
import type { Asker, Chat, ChatAnswer } from "../../core/chat/chat.js";
import { Suggestions } from "../../core/chat/suggestions.js";
import type { Log } from "../../log.js";
import { canManage, canPost, isAdmin } from "./permissions.js";

export interface DiscordContext {
  chat: Chat;
  log: Log;
  suggestions: Suggestions;
  /** NEWSBOT_ADMINS: user ids who may change the sources wherever they are. */
  admins: ReadonlySet<string>;
  /** The channel whose story threads a message here links to: the parent channel, inside a thread. */
  homeChannel(channel: string): string;
  /** Logs a failure; the answer says so to the user, without the details. */
  failed(error: unknown, what: string): ChatAnswer;
}

export function openContext(client: Client, chat: Chat, log: Log, admins: readonly string[] = []): DiscordContext {
  return {
    chat,
    log,
    suggestions: new Suggestions(chat.newsroom.store),
    admins: new Set(admins),
    homeChannel(channel) {
      const known = client.channels.cache.get(channel);
      return known?.isThread() && known.parentId ? known.parentId : channel;
    },
    failed(error, what) {
      log.error({ error: error instanceof Error ? error.message : String(error), what }, `discord: ${what} failed`);
      return chat.failed(what);
    },
  };
}

/** The person who typed or clicked, as the core's Asker in `channel`. */
export function askerOf(interaction: BaseInteraction, context: DiscordContext, channel: string): Asker {
  return {
    user: interaction.user.id,
    canManage: canManage(interaction),
    isAdmin: isAdmin(interaction, context.admins),
    canPost: canPost(interaction),
    channel: { platform: "discord", channel },
    home: context.homeChannel(channel),
  };
}
