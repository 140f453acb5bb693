// What a command is. Each command and each of its actions is defined once, in commands/, and
// everything else reads that definition: what users type (terminal, Slack), /help, who may run it,
// Slack's app manifest, Discord's application commands and autocomplete, and the CLI's arguments,
// options and help.
import type { z } from "zod";
import type { Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";
import type { ChannelRef } from "../src/core/delivery/channel.js";
import { commandUsage, textOptions, type RawOptions } from "./syntax.js";

export { hasActions } from "./syntax.js";

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

/** Who may run an action: anyone, someone who manages the channel it is typed in (for the channel's
 * own setup), or one of newsbot's admins (for what every channel shares). */
export type Permission = "anyone" | "manager" | "admin";

/** The people each restricted Permission means, on every platform, as /help names them. */
export const WHO_MAY_CHANGE: Readonly<Record<Exclude<Permission, "anyone">, string>> = {
  manager: "people who manage the channel (on Slack its creator and workspace admins and owners, on Discord members with Manage Channels)",
  admin: "newsbot's admins (workspace admins and owners on Slack, members with Manage Server on Discord, and the users in NEWSBOT_ADMINS)",
};

/** What a field suggests while it is typed (Discord's autocomplete). */
export type Suggestions = "topics" | "channelTopics" | "timeZones";

/** A field typed as a word: in chat text after the command's (and action's) name, and as a CLI
 * argument. An action's words come in the order it lists them. */
export interface Word<Field extends string = string> {
  field: Field;
  /** Its name in usage lines ("<feed url>"); the field's own by default. */
  label?: string;
  /** Takes every word left, as a topic or a name of several words does. Only the last word may. */
  rest?: boolean;
  /** The CLI takes it as an option (--hours 48), not an argument. */
  cliOption?: boolean;
}

type FieldOf<Options extends z.ZodObject> = keyof Options["shape"] & string;

export interface CommandContext {
  newsroom: Newsroom;
  caller: Caller;
  /** Every registered command, for /help. */
  commands: readonly Command[];
}

/** One thing a command does: /story's search, or /news subscribe. */
export interface Action<Options extends z.ZodObject = z.ZodObject> {
  /** Its word after the command's name (/news subscribe); none for a command that does one thing. */
  name?: string;
  /** One line of at most 100 characters (Discord's limit); a command's only action has the command's. */
  description?: string;
  /** More for the CLI's --help. */
  details?: string;
  /** Its options; each field's .describe() is its help on every platform. */
  options: Options;
  /** The fields typed as words, in order. Every other field is a CLI option (--limit 3) and a Discord
   * option; a boolean one is also a flag in chat text (--keep). */
  words?: ReadonlyArray<Word<FieldOf<Options>>>;
  /** Who may run it; anyone unless said. */
  permission?: Permission;
  /** Its answer reads the same to everyone, so it may be shared into the channel. */
  shareable?: boolean;
  /** The fields that suggest values while typed, and what they suggest. */
  suggest?: Partial<Record<FieldOf<Options>, Suggestions>>;
  /** Typical options, shown as command lines under the CLI's --help (each must pass `options`). */
  examples?: ReadonlyArray<z.input<Options>>;
  run(options: z.output<Options>, context: CommandContext): Promise<Reply>;
}

export interface CommandDefinition {
  name: string;
  /** One line of at most 100 characters. */
  description: string;
  /** More for the CLI's --help. */
  details?: string;
  /** One unnamed action for a command that does one thing (/story); otherwise named actions, the
   * first being what the command does when none is named (/news is /news list). */
  actions: readonly Action[];
  /** How a refusal names what the restricted actions change, and what anyone may still do:
   * "Only … can add sources; anyone can list them." */
  restricted?: { changes: string; stillOpen: string };
}

export interface Command extends CommandDefinition {
  /** How a user types it, e.g. "/story <topic>", "/news [list | subscribe <topic> | …]". */
  readonly usage: string;
  /** The raw options from the free text after the command's name (terminal, Slack): unvalidated. */
  fromText(text: string): RawOptions;
}

/** Keeps an action's option type tied to its schema while the command holds them all. */
export function defineAction<Options extends z.ZodObject>(action: Action<Options>): Action {
  return action as unknown as Action;
}

/** A command from its definition, with its usage and text reading derived from its actions. */
export function defineCommand(definition: CommandDefinition): Command {
  const named = definition.actions.filter((a) => a.name !== undefined && a.description !== undefined).length;
  const plain = definition.actions.length === 1 && definition.actions[0]!.name === undefined;
  if (!plain && (named === 0 || named !== definition.actions.length)) {
    throw new Error(`/${definition.name}: either one action without a name, or named and described actions only`);
  }
  const command: Command = { ...definition, usage: commandUsage(definition), fromText: (text) => textOptions(command, text) };
  return command;
}
