// Discord's slash commands, built from the one definition of each command in commands/: each
// action's zod schema becomes Discord options (types, limits, choices, autocomplete), and a command
// with named actions (/news, /sources) becomes subcommands. Also the normal form that lets start-up
// tell whether the registered commands already match, so it registers only when a definition changed.
import { ApplicationCommandOptionType as OptionType, InteractionContextType, PermissionFlagsBits } from "discord.js";
import { z } from "zod";
import type { Action, Command } from "../../../commands/command.js";
import { COMMANDS } from "../../../commands/index.js";
import { fieldCore, fieldsOf, hasActions, isRequired } from "../../../commands/syntax.js";
import { truncate } from "../text-limits.js";

export interface OptionDefinition {
  type: OptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  autocomplete?: boolean;
  options?: OptionDefinition[];
}

export interface CommandDefinition {
  type: 1;
  name: string;
  description: string;
  options: OptionDefinition[];
  /** A permission bitfield as Discord takes it (a decimal string), or null for everyone. */
  default_member_permissions: string | null;
  contexts: InteractionContextType[];
}

/** Discord's own limits on a command's text. */
const MAX_DESCRIPTION = 100;
const MAX_STRING_LENGTH = 6000;
const MAX_CHOICES = 25;

export const MANAGE_CHANNELS = PermissionFlagsBits.ManageChannels;

const describe = (text: string | undefined, fallback: string) => truncate((text ?? "").trim() || fallback, MAX_DESCRIPTION);

/** A finite bound Discord can take (zod reports "no bound" as ±MAX_SAFE_INTEGER or ±Infinity). */
function bound(value: number | null | undefined): number | undefined {
  return value !== null && value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/** One zod field as a Discord option; `suggests` when the action says the field suggests values. */
export function optionFor(name: string, field: z.ZodType, suggests = false): OptionDefinition {
  const { schema, description } = fieldCore(field);
  const option: OptionDefinition = { type: OptionType.String, name, description: describe(description, name), required: isRequired(field) };
  if (schema instanceof z.ZodNumber) {
    option.type = schema.isInt ? OptionType.Integer : OptionType.Number;
    const min = bound(schema.minValue);
    const max = bound(schema.maxValue);
    if (min !== undefined) option.min_value = min;
    if (max !== undefined) option.max_value = max;
  } else if (schema instanceof z.ZodBoolean) {
    option.type = OptionType.Boolean;
  } else if (schema instanceof z.ZodEnum) {
    option.choices = schema.options.slice(0, MAX_CHOICES).map((value) => ({ name: String(value), value: value as string | number }));
  } else if (schema instanceof z.ZodString) {
    if (schema.minLength !== null && schema.minLength > 0) option.min_length = schema.minLength;
    if (schema.maxLength !== null) option.max_length = Math.min(schema.maxLength, MAX_STRING_LENGTH);
  }
  if (suggests && option.type === OptionType.String && !option.choices) option.autocomplete = true;
  return option;
}

/** An action's options, required ones first as Discord wants them. */
function actionOptions(action: Action): OptionDefinition[] {
  const options = fieldsOf(action).map(([name, field]) => optionFor(name, field, name in (action.suggest ?? {})));
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/** A command as Discord registers it. */
export function commandDefinition(command: Command): CommandDefinition {
  const options = hasActions(command)
    ? command.actions.map((action) => ({
        type: OptionType.Subcommand,
        name: action.name!,
        description: describe(action.description, action.name!),
        options: actionOptions(action),
      }))
    : actionOptions(command.actions[0]!);
  return {
    type: 1,
    name: command.name,
    description: describe(command.description, command.name),
    options,
    // Discord sets permissions per command, not per subcommand: one that changes a channel's setup is
    // for its managers by default. /sources stays open so anyone can list; its changes are checked
    // when made, since newsbot's admins include NEWSBOT_ADMINS, whom Discord does not know.
    default_member_permissions: command.actions.some((a) => a.permission === "manager") ? MANAGE_CHANNELS.toString() : null,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function commandDefinitions(commands: readonly Command[] = COMMANDS): CommandDefinition[] {
  return commands.map(commandDefinition);
}

// --- comparing with what Discord has registered ---

interface NormalOption {
  type: number;
  name: string;
  description: string;
  required: boolean;
  choices: Array<{ name: string; value: string | number }>;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  autocomplete: boolean;
  options: NormalOption[];
}

/** Discord's answer leaves out false and empty fields and adds its own (ids, versions, localisations):
 * both sides are read through this one schema, which keeps only what newsbot sets. */
const RegisteredOption: z.ZodType<NormalOption, unknown> = z.lazy(() =>
  z.object({
    type: z.number(),
    name: z.string(),
    description: z.string(),
    required: z.boolean().default(false),
    choices: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) })).nullish().transform((c) => c ?? []),
    min_value: z.number().optional(),
    max_value: z.number().optional(),
    min_length: z.number().optional(),
    max_length: z.number().optional(),
    autocomplete: z.boolean().default(false),
    options: z.array(RegisteredOption).nullish().transform((o) => o ?? []),
  }),
);

const RegisteredCommand = z.object({
  name: z.string(),
  description: z.string(),
  type: z.number().default(1),
  options: z.array(RegisteredOption).nullish().transform((o) => o ?? []),
  default_member_permissions: z.string().nullish().transform((p) => p ?? null),
  contexts: z.array(z.number()).nullish().transform((c) => c ?? null),
});

/** A canonical text of a command list, the same whatever order or defaults either side uses. */
function canonical(commands: unknown): string | undefined {
  const parsed = z.array(RegisteredCommand).safeParse(commands);
  if (!parsed.success) return undefined;
  const sorted = [...parsed.data].sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify(sorted, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
}

/** Whether the commands Discord has registered are these definitions (anything unreadable is not). */
export function sameCommands(registered: unknown, local: readonly CommandDefinition[]): boolean {
  const theirs = canonical(registered);
  return theirs !== undefined && theirs === canonical(local);
}
