// What a slash command is: defined once here, registered on every platform from this definition.
// Options are a zod object schema (its field descriptions feed platform registration), and the
// handler answers with cards.
import type { z } from "zod";
import type { Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";
import type { ChannelRef } from "../src/core/delivery/channel.js";

/** Who typed the command, as the adapter knows them. */
export interface Caller {
  /** May change this channel's own setup (its subscriptions and briefing): a channel manager on chat
   * platforms, always the operator in the terminal and CLI. */
  canManage: boolean;
  /** May change what every channel shares (the sources): one of newsbot's admins (see WHO_MAY_CHANGE),
   * always the operator in the terminal and CLI. */
  isAdmin: boolean;
  /** Where they typed it: the channel /news changes. */
  channel: ChannelRef;
}

/** The person at the terminal or the CLI runs newsbot, so may change anything. */
export const LOCAL_OPERATOR: Caller = { canManage: true, isAdmin: true, channel: { platform: "terminal", channel: "terminal" } };

/** Who may run a command's changes: "manager" for a channel's own setup, "admin" for the whole bot's. */
export type ChangedBy = "manager" | "admin";

/** The people each ChangedBy means, on every platform, as /help and refusals name them. */
export const WHO_MAY_CHANGE: Readonly<Record<ChangedBy, string>> = {
  manager: "people who manage the channel (on Slack its creator and workspace admins and owners, on Discord members with Manage Channels)",
  admin: "newsbot's admins (workspace admins and owners on Slack, members with Manage Server on Discord, and the users in NEWSBOT_ADMINS)",
};

export interface CommandContext {
  newsroom: Newsroom;
  caller: Caller;
  /** Every registered command, for /help. */
  commands: readonly Command[];
}

/** One action of a command whose `action` option says what to do (/news subscribe, /sources add):
 * platforms with subcommands (Discord) register one per action, with the fields it takes. */
export interface CommandAction {
  description: string;
  /** The option fields this action must be given, and those it may be. */
  required?: readonly string[];
  optional?: readonly string[];
}

export interface Command<Options extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** How a user types it, e.g. "/story <topic>". */
  usage: string;
  options: Options;
  /** For a command with an `action` option: each action, in the order the option lists them. */
  actions?: Readonly<Record<string, CommandAction>>;
  /** Who may run its actions other than list (anyone may list): the command checks the caller, and
   * /help and platform registration read this. */
  changedBy?: ChangedBy;
  /** The options from the free text after the command name (terminal, Slack): unvalidated. */
  fromText(text: string): unknown;
  run(options: z.infer<Options>, context: CommandContext): Promise<Reply>;
}

/** Keeps each command's option type tied to its schema while the registry holds them all. */
export function defineCommand<Options extends z.ZodObject>(command: Command<Options>): Command {
  return command as unknown as Command;
}
