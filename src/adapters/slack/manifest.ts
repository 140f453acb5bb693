// The slash commands of slack-app-manifest.yml, written from the definitions in commands/:
// `npm run manifest` rewrites that list and leaves the rest of the file as it is, and
// test/adapters/slack/manifest.test.ts fails when the file and the definitions disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Command } from "../../../commands/command.js";
import { COMMANDS } from "../../../commands/index.js";

export const MANIFEST_FILE = new URL("../../../slack-app-manifest.yml", import.meta.url);

/** A slash command as Slack's app manifest lists it. */
export interface ManifestCommand {
  command: string;
  description: string;
  usage_hint?: string;
  /** Slack passes the text as typed: newsbot reads channel and user names as plain words. */
  should_escape: false;
}

/** Each command with its description, and its usage after the name as the hint. */
export function manifestCommands(commands: readonly Command[] = COMMANDS): ManifestCommand[] {
  return commands.map((command) => {
    const hint = command.usage.slice(`/${command.name}`.length).trim();
    return { command: `/${command.name}`, description: command.description, ...(hint ? { usage_hint: hint } : {}), should_escape: false };
  });
}

/** The list under features: two spaces in, every line under it four or more. */
const SLASH_COMMANDS = /^ {2}slash_commands:\n(?: {4}.*\n)*/m;

/** The manifest's text with its slash_commands written from the commands (strings JSON-quoted, which
 * YAML reads as they are). */
export function withCommands(manifest: string, commands: readonly Command[] = COMMANDS): string {
  if (!SLASH_COMMANDS.test(manifest)) throw new Error("slack-app-manifest.yml has no features.slash_commands list to write");
  const lines = manifestCommands(commands).flatMap(({ command, description, usage_hint, should_escape }) => [
    `    - command: ${command}`,
    `      description: ${JSON.stringify(description)}`,
    ...(usage_hint ? [`      usage_hint: ${JSON.stringify(usage_hint)}`] : []),
    `      should_escape: ${should_escape}`,
  ]);
  return manifest.replace(SLASH_COMMANDS, ["  slash_commands:", ...lines, ""].join("\n"));
}

// `npm run manifest`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(MANIFEST_FILE, "utf8");
  const after = withCommands(before);
  if (after !== before) writeFileSync(MANIFEST_FILE, after);
  process.stdout.write(`slack-app-manifest.yml: ${after === before ? "the slash commands are up to date" : "wrote the slash commands from commands/"}\n`);
}
