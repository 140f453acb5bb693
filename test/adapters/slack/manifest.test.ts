// The Slack app manifest registers exactly newsbot's commands, with their descriptions and usage.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";

const manifest = readFileSync(new URL("../../../slack-app-manifest.yml", import.meta.url), "utf8");

describe("slack-app-manifest.yml", () => {
  it("lists every command with its description and usage hint, and nothing else", () => {
    const listed = [...manifest.matchAll(/^\s*- command: \/(\S+)$/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMANDS.map((c) => c.name));
    for (const command of COMMANDS) {
      const entry = manifest.slice(manifest.indexOf(`- command: /${command.name}\n`)).split(/\n\s*- command:/)[0]!;
      expect(entry).toContain(`description: ${JSON.stringify(command.description)}`);
      const hint = command.usage.slice(`/${command.name}`.length).trim();
      if (hint) expect(entry).toContain(`usage_hint: ${JSON.stringify(hint)}`);
    }
  });

  it("asks for the scopes the adapter uses, Socket Mode and interactivity, and no public posting", () => {
    for (const scope of ["commands", "chat:write", "channels:history", "groups:history", "users:read", "channels:read", "groups:read", "app_mentions:read"]) {
      expect(manifest).toMatch(new RegExp(`^\\s*- ${scope}$`, "m"));
    }
    expect(manifest).not.toMatch(/^\s*- chat:write\.public$/m);
    expect(manifest).toMatch(/^\s*socket_mode_enabled: true$/m);
    expect(manifest).toMatch(/interactivity:\n(\s*#.*\n)*\s*is_enabled: true/);
    expect(manifest).toContain("https://YOUR-HOST/slack/events");
  });
});
