// What a slash command is: defined once here, registered on every platform from this definition.
// Options are a zod object schema (its field descriptions feed platform registration), and the
// handler answers with cards.
import type { z } from "zod";
import type { Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";
import type { ChannelRef } from "../src/core/delivery/channel.js";

/** Who typed the command, as the adapter knows them. */
export interface Caller {
  /** May change how newsbot is set up here (sources, subscriptions): a channel manager on chat
   * platforms, always the operator in the terminal and CLI. */
  canManage: boolean;
  /** Where they typed it: the channel /news changes. */
  channel: ChannelRef;
}

/** The person at the terminal or the CLI runs newsbot, so may change anything. */
export const LOCAL_OPERATOR: Caller = { canManage: true, channel: { platform: "terminal", channel: "terminal" } };

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
  /** Some of its actions change newsbot's setup, which needs a caller who may manage the channel. */
  changesSetup?: boolean;
  /** The options from the free text after the command name (terminal, Slack): unvalidated. */
  fromText(text: string): unknown;
  run(options: z.infer<Options>, context: CommandContext): Promise<Reply>;
}

/** Keeps each command's option type tied to its schema while the registry holds them all. */
export function defineCommand<Options extends z.ZodObject>(command: Command<Options>): Command {
  return command as unknown as Command;
}
