// End to end: `npm start` with platform credentials connects to Slack and Discord (local fakes),
// delivers a digest that targets a channel on each through the adapters' couriers, and stops
// gracefully on SIGTERM; a token the platform refuses stops start-up with one line, without the token.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { FAKE_TOKEN, startFakeDiscord, TEXT_CHANNEL, type FakeDiscord } from "../fakes/discord-server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SLACK_TOKEN = "xoxb-e2e-secret-token";
const SIGNING_SECRET = "e2e-signing-secret";

interface Started {
  stderr: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

function start(env: Record<string, string>): Started {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-platforms-"));
  const digests = path.join(dir, "digests");
  fs.mkdirSync(digests);
  fs.writeFileSync(path.join(dir, "none.json"), "[]");
  // Every second to a Slack channel and a Discord channel: the first slot after start goes out.
  fs.writeFileSync(
    path.join(digests, "chat.json"),
    JSON.stringify({ schedule: "* * * * * *", targets: [{ platform: "slack", channel: "C0NEWS" }, { platform: "discord", channel: TEXT_CHANNEL }] }),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, NEWSBOT_DB: path.join(dir, "news.db"), NEWSBOT_DIGESTS: digests, NEWSBOT_SOURCES: path.join(dir, "none.json"), NEWSBOT_LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return {
    stderr: () => stderr,
    stdout: () => stdout,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
  };
}

async function until(check: () => boolean, what: string, process: Started, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${process.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await slack?.close();
  await discord?.close();
});

describe("npm start with platform credentials", () => {
  it("connects to Slack and Discord, delivers a digest to a channel on each, and stops on SIGTERM with exit 0", async () => {
    slack = await startFakeSlack({ botToken: SLACK_TOKEN });
    discord = await startFakeDiscord();
    const bot = start({
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
    });
    await until(() => bot.stderr().includes("running until stopped"), "the ready line", bot);
    expect(bot.stderr()).toContain("connected to slack");
    expect(bot.stderr()).toContain("connected to discord");
    // A chat workspace gets no bundled sample articles, and no terminal briefing on stdout.
    expect(bot.stdout()).toBe("");
    await until(() => slack!.messages.some((m) => m.channel === "C0NEWS"), "a Slack post in C0NEWS", bot);
    await until(() => (discord!.messages.get(TEXT_CHANNEL) ?? []).length > 0, "a Discord post in the text channel", bot);
    expect(slack.messages.find((m) => m.channel === "C0NEWS")?.text).toMatch(/briefing|Nothing new/i);
    bot.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    // Credentials never reach the log.
    expect(bot.stderr()).not.toContain(SLACK_TOKEN);
    expect(bot.stderr()).not.toContain(SIGNING_SECRET);
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
  }, 90_000);

  it("stops start-up with one line when Slack refuses the token", async () => {
    slack = await startFakeSlack({ botToken: SLACK_TOKEN });
    const bot = start({ SLACK_BOT_TOKEN: "xoxb-wrong-token", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^newsbot: Slack rejected SLACK_BOT_TOKEN/);
    expect(bot.stderr()).not.toContain("xoxb-wrong-token");
  }, 60_000);

  it("stops start-up with one line when Discord refuses the token", async () => {
    discord = await startFakeDiscord();
    const bot = start({ DISCORD_TOKEN: "wrong.discord.token", DISCORD_API_URL: discord.apiUrl });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim()).toBe("newsbot: Discord rejected DISCORD_TOKEN: check the bot token from the Developer Portal");
  }, 60_000);
});
