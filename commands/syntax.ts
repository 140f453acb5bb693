// How commands are typed, read from each action's `words` and schema: usage lines, and the free
// text after a command's name read into raw options. Also what a field is under its wrappers
// (optional, default, pipe), which usage and every platform's options read.
import { z } from "zod";
import type { Action, CommandDefinition } from "./command.js";

/** The raw option that names a command's action: the first word of text, Discord's subcommand, the
 * CLI's subcommand. */
export const ACTION_FIELD = "action";

/** Options as typed or sent, before the action's schema checks them. */
export type RawOptions = Record<string, unknown>;

/** Whether a command has named actions (subcommands on Discord and in the CLI). */
export const hasActions = (command: CommandDefinition): boolean => command.actions[0]?.name !== undefined;

/** A field's schema once optional, default, pipe and the like are looked through, and its description. */
export function fieldCore(field: z.ZodType): { schema: z.ZodType; description?: string } {
  let schema = field;
  let description = field.description;
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
      schema = schema.unwrap() as z.ZodType;
    } else if (schema instanceof z.ZodPipe) {
      // A preprocess's input is a function, not a type: what it feeds says what the field is.
      schema = (schema.in instanceof z.ZodTransform ? schema.out : schema.in) as z.ZodType;
    } else {
      return { schema, description };
    }
    description ??= schema.description;
  }
}

/** An action's fields, in the order its schema lists them. */
export const fieldsOf = (action: Action): Array<[string, z.ZodType]> => Object.entries(action.options.shape as Record<string, z.ZodType>);

/** A field that must be given: it has no default and is not optional. */
export const isRequired = (field: z.ZodType): boolean => !field.safeParse(undefined).success;

/** The boolean fields: flags in chat text and the CLI (--keep). */
export function flagsOf(action: Action): string[] {
  return fieldsOf(action)
    .filter(([, field]) => fieldCore(field).schema instanceof z.ZodBoolean)
    .map(([name]) => name);
}

/** "subscribe <topic>", "add <feed url> [name] [--keep]": an action as typed after the command's name. */
function actionWords(action: Action): string {
  const shape = action.options.shape as Record<string, z.ZodType>;
  const words = (action.words ?? []).map(({ field, label = field }) => (isRequired(shape[field]!) ? `<${label}>` : `[${label}]`));
  return [action.name, ...words, ...flagsOf(action).map((flag) => `[--${flag}]`)].filter(Boolean).join(" ");
}

/** "/news subscribe <topic>": one action's usage line. */
export function actionUsage(command: CommandDefinition, action: Action): string {
  return [`/${command.name}`, actionWords(action)].filter(Boolean).join(" ");
}

/** "/story <topic>", "/news [list | subscribe <topic> | …]": a bare command runs its first action. */
export function commandUsage(command: CommandDefinition): string {
  if (!hasActions(command)) return actionUsage(command, command.actions[0]!);
  return `/${command.name} [${command.actions.map(actionWords).join(" | ")}]`;
}

/** The action a raw `action` option names: the first when none is, undefined when the command has no such action. */
export function findAction(command: CommandDefinition, name: unknown): Action | undefined {
  if (!hasActions(command) || name === undefined) return command.actions[0];
  return command.actions.find((action) => action.name === name);
}

/** Raw options from the text typed after a command's name: the action's name (any case), its flags
 * anywhere (--keep), then its words in order, the last taking the rest if it says so. */
export function textOptions(command: CommandDefinition, text: string): RawOptions {
  let words = text.trim().split(/\s+/).filter(Boolean);
  const raw: RawOptions = {};
  if (hasActions(command)) {
    const [name, ...rest] = words;
    if (name !== undefined) raw[ACTION_FIELD] = name.toLowerCase();
    words = rest;
  }
  const action = findAction(command, raw[ACTION_FIELD]);
  if (!action) return raw;
  for (const flag of flagsOf(action)) {
    const unflagged = words.filter((word) => word.toLowerCase() !== `--${flag}`);
    if (unflagged.length < words.length) raw[flag] = true;
    words = unflagged;
  }
  (action.words ?? []).forEach(({ field, rest }, i) => {
    const value = rest ? words.slice(i).join(" ") : words[i];
    if (value) raw[field] = value;
  });
  return raw;
}
