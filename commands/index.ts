// The command registry, and the one way every adapter runs a command: find the action, check who
// may run it, validate its options, run it.
import { refusal, type Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";
import type { Action, Caller, Command, Suggestions } from "./command.js";
import { digest } from "./digest.js";
import { help } from "./help.js";
import { news } from "./news.js";
import { refusedFor } from "./permissions.js";
import { sources } from "./sources.js";
import { story } from "./story.js";
import { ACTION_FIELD, actionUsage, findAction, hasActions, type RawOptions } from "./syntax.js";

export const COMMANDS: readonly Command[] = [story, digest, news, sources, help];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name.toLowerCase());
}

/** Made at the first refusal, not at import: an Intl formatter's first use loads ICU's data, which a
 * command that runs should not wait for. */
let or: Intl.ListFormat | undefined;

/** The action raw options name, and its own options; a usage refusal for an action the command does not have. */
export function actionOf(command: Command, raw: unknown): { action: Action; options: RawOptions } | { refused: Reply } {
  const given = raw !== null && typeof raw === "object" ? (raw as RawOptions) : {};
  if (!hasActions(command)) return { action: command.actions[0]!, options: given };
  const { [ACTION_FIELD]: name, ...options } = given;
  const action = findAction(command, name);
  if (action) return { action, options };
  const names = command.actions.map((a) => a.name ?? "");
  return { refused: refusal(`Usage: ${command.usage}`, `say ${(or ??= new Intl.ListFormat("en-GB", { type: "disjunction" })).format(names)}, for example ${command.usage}`, [command.usage]) };
}

/** Runs a command with raw options (from text or a platform's payload): its action, if the caller
 * may run it, with the options its schema accepts. */
export async function runCommand(command: Command, rawOptions: unknown, newsroom: Newsroom, caller: Caller): Promise<Reply> {
  const found = actionOf(command, rawOptions);
  if ("refused" in found) return found.refused;
  const { action, options } = found;
  const refused = refusedFor(caller, command, action);
  if (refused) return refused;
  const parsed = action.options.safeParse(options);
  if (!parsed.success) {
    const usage = actionUsage(command, action);
    return refusal(`Usage: ${usage}`, parsed.error.issues.map((issue) => issue.message).join("; "), [usage]);
  }
  return action.run(parsed.data, { newsroom, caller, commands: COMMANDS });
}

/** Runs a line such as "/story syria" (the slash is optional). */
export async function runCommandLine(line: string, newsroom: Newsroom, caller: Caller): Promise<Reply> {
  const [, name = "", rest = ""] = /^\s*\/?(\S*)\s*([\s\S]*)$/.exec(line) ?? [];
  const command = findCommand(name);
  if (!command) {
    return refusal(`Unknown command "/${name}"`, "These are the commands I know:", COMMANDS.map((c) => c.usage));
  }
  return runCommand(command, command.fromText(rest), newsroom, caller);
}

/** Whether the answer of a command (with these raw options) reads the same to everyone, so it may be
 * shared into the channel. */
export function isShareable(name: string, rawOptions: unknown = {}): boolean {
  const command = findCommand(name);
  const found = command && actionOf(command, rawOptions);
  return Boolean(found && "action" in found && found.action.shareable);
}

/** What a field suggests while it is typed in a command's action, if anything. */
export function suggestionsFor(commandName: string, actionName: string | undefined, field: string): Suggestions | undefined {
  const command = findCommand(commandName);
  return command && findAction(command, actionName)?.suggest?.[field];
}
