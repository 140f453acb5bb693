// The chat commands of commands/ as CLI commands, from their definitions: an action's words are
// the CLI's arguments (unless a word says it is an option there), its other fields are options
// (--limit 3, --keep), a command with named actions has them as subcommands (the first runs when
// none is named), and the help and examples come from the same descriptions.
import { InvalidArgumentError, type Command as Program } from "commander";
import { z } from "zod";
import type { Action, Command } from "../../commands/command.js";
import { ACTION_FIELD, fieldCore, fieldsOf, hasActions, isRequired, type RawOptions } from "../../commands/syntax.js";
import type { CliArgument, CliCommand, CliOption } from "./cli-command.js";

export interface ChatCommandRunner {
  /** Runs the command with raw options, as the caller `cli`'s options name (the operator by default). */
  run(cli: Program, command: Command, options: RawOptions): Promise<void>;
  /** Added to a command whose actions change a channel's own setup: which channel. */
  channel: CliOption;
}

const JSON_OPTION: CliOption = { flags: "--json", description: "print the answer as JSON" };

function number(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("expected a number");
  return n;
}

/** The words the CLI takes as arguments, in order. */
const argumentWords = (action: Action) => (action.words ?? []).filter((word) => !word.cliOption);

/** "A place, person…" as commander's help starts its lines: in lower case. */
const helpText = (field: z.ZodType, fallback: string) => {
  const text = fieldCore(field).description ?? fallback;
  return text.charAt(0).toLowerCase() + text.slice(1);
};

function argumentsOf(action: Action): CliArgument[] {
  const shape = action.options.shape as Record<string, z.ZodType>;
  return argumentWords(action).map(({ field, label = field, rest }) => ({
    name: label,
    description: helpText(shape[field]!, field),
    optional: !isRequired(shape[field]!),
    variadic: rest,
  }));
}

function optionsOf(action: Action): CliOption[] {
  const asArguments = new Set(argumentWords(action).map((word) => word.field));
  return fieldsOf(action)
    .filter(([name]) => !asArguments.has(name))
    .map(([name, field]): CliOption => {
      const { schema } = fieldCore(field);
      const description = helpText(field, name);
      if (schema instanceof z.ZodBoolean) return { flags: `--${name}`, description };
      if (schema instanceof z.ZodNumber) return { flags: `--${name} <n>`, description, parse: number };
      return { flags: `--${name} <${name}>`, description };
    });
}

/** The raw options from what commander read: the arguments in the words' order, then the options. */
function rawOptions(action: Action, args: unknown[], options: Record<string, unknown>): RawOptions {
  const raw: RawOptions = action.name ? { [ACTION_FIELD]: action.name } : {};
  argumentWords(action).forEach(({ field }, i) => {
    const value = args[i];
    if (value !== undefined) raw[field] = Array.isArray(value) ? value.join(" ") : value;
  });
  for (const [name] of fieldsOf(action)) if (options[name] !== undefined) raw[name] = options[name];
  return raw;
}

/** A value as one argument in a shell, quoted unless it is plain (and no option: no leading dash). */
const shellWord = (value: string) => (/^[\w.,:/@%+=][\w.,:/@%+=-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);

/** An example's options as a command line: "sources add https://… --name 'The Guardian'". */
function exampleLine(path: string[], action: Action, example: RawOptions): string {
  const words = argumentWords(action);
  // Words a rest argument takes unquoted when each is plain ("climate policy"); otherwise one quoted argument.
  const typed = (value: string, rest?: boolean) => (rest && value.split(" ").every((w) => shellWord(w) === w) ? value : shellWord(value));
  const args = words.flatMap(({ field, rest }) => (example[field] === undefined ? [] : [typed(String(example[field]), rest)]));
  const options = fieldsOf(action)
    .filter(([name]) => !words.some((w) => w.field === name) && example[name] !== undefined)
    .map(([name]) => (example[name] === true ? `--${name}` : `--${name} ${shellWord(String(example[name]))}`));
  return [...path, ...args, ...options].join(" ");
}

function actionCommand(command: Command, action: Action, runner: ChatCommandRunner): Omit<CliCommand, "name"> {
  const path = [command.name, ...(action.name ? [action.name] : [])];
  return {
    description: action.description ?? command.description,
    details: action.details ?? (hasActions(command) ? undefined : command.details),
    arguments: argumentsOf(action),
    options: [...optionsOf(action), JSON_OPTION],
    examples: (action.examples ?? []).map((example) => exampleLine(path, action, example as RawOptions)),
    run: (args, options, cli) => runner.run(cli, command, rawOptions(action, args, options)),
  };
}

/** A chat command as a CLI command; `own` are subcommands only the CLI has (sources import, which
 * reads a file), after the command's actions. */
export function cliCommandOf(command: Command, runner: ChatCommandRunner, own: readonly CliCommand[] = []): CliCommand {
  if (!hasActions(command)) return { name: command.name, ...actionCommand(command, command.actions[0]!, runner) };
  const forChannel = command.actions.some((action) => action.permission === "manager");
  const actions = command.actions.map((action, i) => ({ name: action.name!, isDefault: i === 0, ...actionCommand(command, action, runner) }));
  return {
    name: command.name,
    description: command.description,
    details: command.details,
    options: forChannel ? [runner.channel] : [],
    // The CLI's own subcommand of the same name (sources export, onto standard output) takes its place.
    subcommands: [...actions.filter((a) => !own.some((o) => o.name === a.name)), ...own],
  };
}
