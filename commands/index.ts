// The command registry, and the one way every adapter runs a command from what a user typed.
import { refusal, type Reply } from "../src/core/card.js";
import type { Newsroom } from "../src/core/newsroom.js";
import type { Caller, Command } from "./command.js";
import { digest } from "./digest.js";
import { help } from "./help.js";
import { news } from "./news.js";
import { sources } from "./sources.js";
import { story } from "./story.js";

export const COMMANDS: readonly Command[] = [story, digest, news, sources, help];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name.toLowerCase());
}

/** Runs a command with raw options (from text or a platform's payload), validating them first. */
export async function runCommand(command: Command, rawOptions: unknown, newsroom: Newsroom, caller: Caller): Promise<Reply> {
  const parsed = command.options.safeParse(rawOptions);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    return refusal(`Usage: ${command.usage}`, problems.join("; "), [command.usage]);
  }
  return command.run(parsed.data, { newsroom, caller, commands: COMMANDS });
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
