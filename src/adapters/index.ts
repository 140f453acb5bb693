// The platforms newsbot knows, each declared in its own folder. Configuration, start-up, delivery
// and the CLI read them from here; the core is told their kinds of target and names none of them.
// A new platform is one folder and one line in PLATFORMS (a test can add one with registerPlatform).
import { z } from "zod";
import { registerTargetKind } from "../core/delivery/targets.js";
import { discord } from "./discord/index.js";
import type { PlatformDeclaration } from "./platform.js";
import { slack } from "./slack/index.js";
import { terminal } from "./terminal/index.js";
import { webhook } from "./webhook/index.js";

const PLATFORMS: PlatformDeclaration[] = [terminal, slack, discord, webhook];
for (const platform of PLATFORMS) registerTargetKind(platform.target);

/** Every platform's environment settings, for the configuration to validate with its own. */
export const PlatformSettings = z.object({ ...terminal.settings.shape, ...slack.settings.shape, ...discord.settings.shape, ...webhook.settings.shape });

/** Adds a platform (or replaces the one of the same name). */
export function registerPlatform(platform: PlatformDeclaration): void {
  const known = PLATFORMS.findIndex((p) => p.name === platform.name);
  if (known >= 0) PLATFORMS[known] = platform;
  else PLATFORMS.push(platform);
  registerTargetKind(platform.target);
}

export function platforms(): readonly PlatformDeclaration[] {
  return PLATFORMS;
}

export function findPlatform(name: string): PlatformDeclaration | undefined {
  return PLATFORMS.find((p) => p.name === name);
}
