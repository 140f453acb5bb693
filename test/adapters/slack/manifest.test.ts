// The Slack app manifest registers exactly newsbot's commands, as commands/ defines them: read as
// YAML, as Slack reads it.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { defineCommand } from "../../../commands/command.js";
import { COMMANDS } from "../../../commands/index.js";
import { MANIFEST_FILE, manifestCommands, withCommands } from "../../../src/adapters/slack/manifest.js";

const text = readFileSync(MANIFEST_FILE, "utf8");

interface Manifest {
  features: { slash_commands: unknown[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
}

describe("slack-app-manifest.yml", () => {
  it("lists every command with its description and usage hint, as the definitions say, and nothing else", () => {
    const { features } = load(text) as Manifest;
    expect(features.slash_commands).toEqual(manifestCommands());
    expect(features.slash_commands).toContainEqual({
      command: "/digest",
      description: "Show the briefing: the top stories of the last 24 hours",
      usage_hint: "[hours]",
      should_escape: false,
    });
    expect(features.slash_commands).toContainEqual({ command: "/help", description: "List the commands", should_escape: false });
    // `npm run manifest` would change nothing.
    expect(withCommands(text)).toBe(text);
  });

  it("is rewritten by `npm run manifest` when a definition changes, and only its slash commands", () => {
    const renamed = COMMANDS.map((c) => (c.name === "digest" ? defineCommand({ ...c, description: 'The "briefing": top stories' }) : c));
    const weather = defineCommand({ name: "weather", description: "Today's weather", actions: COMMANDS.find((c) => c.name === "story")!.actions });
    const rewritten = withCommands(text, [...renamed, weather]);
    const manifest = load(rewritten) as Manifest;
    expect(manifest.features.slash_commands).toEqual(manifestCommands([...renamed, weather]));
    expect(manifest.features.slash_commands).toContainEqual({ command: "/digest", description: 'The "briefing": top stories', usage_hint: "[hours]", should_escape: false });
    expect(manifest.features.slash_commands.at(-1)).toEqual({ command: "/weather", description: "Today's weather", usage_hint: "<topic>", should_escape: false });
    // Everything else, comments included, is as it was.
    const outside = (yaml: string) => yaml.replace(/^ {2}slash_commands:\n(?: {4}.*\n)*/m, "");
    expect(outside(rewritten)).toBe(outside(text));
  });

  it("asks for the scopes the adapter uses, Socket Mode and interactivity, and no public posting", () => {
    const { oauth_config, settings } = load(text) as Manifest;
    expect(oauth_config.scopes.bot).toEqual(["commands", "chat:write", "channels:history", "groups:history", "users:read", "channels:read", "groups:read", "app_mentions:read", "im:write", "files:write"]);
    expect(settings.socket_mode_enabled).toBe(true);
    expect(settings.interactivity.is_enabled).toBe(true);
    expect(text).toContain("https://YOUR-HOST/slack/events");
  });
});
