// What a user typed into a slash command, read from the interaction's option tree (validated here:
// it is a platform payload) into the raw options commands/ validates with its own schema. A
// subcommand (/news subscribe) becomes the command's `action`.
import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { z } from "zod";
import { ACTION_FIELD } from "../../../commands/syntax.js";

interface TypedOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: TypedOption[];
}

const TypedOption: z.ZodType<TypedOption, unknown> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(TypedOption).optional(),
  }),
);

export interface CommandCall {
  /** Raw options for runCommand: the subcommand as `action`, then each option by name. */
  options: Record<string, string | number | boolean>;
  /** The subcommand, if the command has them. */
  action?: string;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
}

/** Reads the options Discord sent; anything malformed reads as no options (the command then says
 * what it needs). */
export function commandCall(data: unknown): CommandCall {
  const parsed = z.array(TypedOption).safeParse(data);
  if (!parsed.success) return { options: {} };
  let list = parsed.data;
  let action: string | undefined;
  const sub = list.find((o) => o.type === OptionType.Subcommand);
  if (sub) {
    action = sub.name;
    list = sub.options ?? [];
  }
  const options: CommandCall["options"] = action ? { [ACTION_FIELD]: action } : {};
  let focused: CommandCall["focused"];
  for (const option of list) {
    if (option.value === undefined) continue;
    options[option.name] = option.value;
    if (option.focused) focused = { name: option.name, value: String(option.value) };
  }
  return { options, ...(action ? { action } : {}), ...(focused ? { focused } : {}) };
}
