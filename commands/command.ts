// What a slash command is: defined once here, registered on every platform from this definition.
// Options are a zod object schema (its field descriptions feed platform registration), and the
// handler answers with cards.
import type { z } from "zod";
import type { Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";

export interface CommandContext {
  newsroom: Newsroom;
  /** Every registered command, for /help. */
  commands: readonly Command[];
}

export interface Command<Options extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** How a user types it, e.g. "/story <topic>". */
  usage: string;
  options: Options;
  /** The options from the free text after the command name (terminal, Slack): unvalidated. */
  fromText(text: string): unknown;
  run(options: z.infer<Options>, context: CommandContext): Promise<Reply>;
}

/** Keeps each command's option type tied to its schema while the registry holds them all. */
export function defineCommand<Options extends z.ZodObject>(command: Command<Options>): Command {
  return command as unknown as Command;
}
