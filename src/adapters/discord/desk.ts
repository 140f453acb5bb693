// What every interaction handler works with: the newsroom, the log, the topic suggestions, newsbot's
// admins, and the Discord facts the handlers need from the connected client.
import type { Client } from "discord.js";
import { notice } from "../../core/card.js";
import type { Newsroom } from "../../core/newsroom.js";
import type { Log } from "../../log.js";
import { TopicSuggestions } from "./autocomplete.js";
import { replyMessages, type OutgoingMessage } from "./messages.js";

export interface DiscordDesk {
  newsroom: Newsroom;
  log: Log;
  topics: TopicSuggestions;
  /** NEWSBOT_ADMINS: user ids who may change the sources wherever they are. */
  admins: ReadonlySet<string>;
  /** The channel whose story threads a message here links to: the parent channel, inside a thread. */
  homeChannel(channel: string): string;
  /** Logs a failure and says so to the user, without the details. */
  failed(error: unknown, what: string): OutgoingMessage[];
}

export function openDesk(client: Client, newsroom: Newsroom, log: Log, admins: readonly string[] = []): DiscordDesk {
  return {
    newsroom,
    log,
    topics: new TopicSuggestions(newsroom.store),
    admins: new Set(admins),
    homeChannel(channel) {
      const known = client.channels.cache.get(channel);
      return known?.isThread() && known.parentId ? known.parentId : channel;
    },
    failed(error, what) {
      log.error({ error: error instanceof Error ? error.message : String(error), what }, `discord: ${what} failed`);
      return replyMessages({ title: "Something went wrong", cards: [notice(`newsbot could not answer ${what}; the error is in its log. Try again in a moment.`)] });
    },
  };
}
