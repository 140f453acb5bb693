// A command of the CLI as data: its arguments, options, help and examples in one place, built into
// commander by one function, so every command's --help reads alike, whether it is a chat command's
// (derived from commands/) or one of the CLI's own (ingest, poll, explain, …).
import { Command as Program } from "commander";

export interface CliArgument {
  name: string;
  description: string;
  optional?: boolean;
  /** Takes every word left. */
  variadic?: boolean;
}

export interface CliOption {
  /** As commander takes them: "--source <name>", "--once". */
  flags: string;
  description: string;
  /** Reads the typed value; throws commander's InvalidArgumentError when it cannot. */
  parse?: (value: string) => unknown;
}

export interface CliCommand {
  name: string;
  /** One line, for the list of commands and the top of its help. */
  description: string;
  /** More for its own --help. */
  details?: string;
  arguments?: readonly CliArgument[];
  options?: readonly CliOption[];
  /** Command lines after `npm run newsbot --`, shown under its help. */
  examples?: readonly string[];
  subcommands?: readonly CliCommand[];
  /** What the parent runs when given no subcommand. */
  isDefault?: boolean;
  /** Its arguments in order (a variadic one as an array), its options by name, and commander's
   * command, for errors and the options of its parents. */
  run?(args: unknown[], options: Record<string, unknown>, cli: Program): Promise<void>;
}

/** Adds a command (and its subcommands) to `parent`. */
export function addCommand(parent: Program, spec: CliCommand): Program {
  const cli = parent
    .command(spec.name, { isDefault: spec.isDefault })
    .summary(spec.description)
    .description(spec.details ? `${spec.description}.\n\n${spec.details}` : spec.description);
  for (const { name, description, optional, variadic } of spec.arguments ?? []) {
    const word = `${name}${variadic ? "..." : ""}`;
    cli.argument(optional ? `[${word}]` : `<${word}>`, description);
  }
  for (const { flags, description, parse } of spec.options ?? []) {
    if (parse) cli.option(flags, description, parse);
    else cli.option(flags, description);
  }
  if (spec.examples?.length) cli.addHelpText("after", `\nExamples:\n${spec.examples.map((line) => `  npm run newsbot -- ${line}`).join("\n")}`);
  for (const sub of spec.subcommands ?? []) addCommand(cli, sub);
  const { run } = spec;
  if (run) cli.action((...received: unknown[]) => {
    const self = received.at(-1) as Program;
    return run(self.processedArgs, self.opts(), self);
  });
  return cli;
}
