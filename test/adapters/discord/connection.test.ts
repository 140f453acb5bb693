// Connecting to Discord: the real discord.js client against the fake gateway (HELLO, IDENTIFY with
// the Guilds intent only and no compression, READY, GUILD_CREATE, heartbeats and ACKs), and the one
// line start-up gives when the token is refused or Discord cannot be reached.
import { afterEach, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/start.js";
import { TOKEN_REJECTED } from "../../../src/adapters/discord/connection.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { createLog } from "../../../src/log.js";
import { startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from "../../fakes/discord-server.js";
import { openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { openChat } from "../../../src/adapters/chat-commands.js";

let bot: TestBot | undefined;
let fake: FakeDiscord | undefined;
let store: Storage | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  await store?.close();
  bot = fake = store = undefined;
});

/** What start-up says with this token and fake: the error's message, or "connected". */
async function startWith(token: string, target: FakeDiscord | string): Promise<string> {
  store = await openTestStorage();
  const apiUrl = typeof target === "string" ? target : target.apiUrl;
  try {
    const adapter = await startDiscord(openChat(new Newsroom(store)), { token, apiUrl }, createLog("silent"));
    await adapter.stop();
    return "connected";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("connecting", () => {
  it("identifies with the Guilds intent only, without compression, and keeps the connection alive with heartbeats", async () => {
    bot = await startTestBot({ fake: { heartbeatIntervalMs: 150 } });
    const { gateway } = bot.fake;
    expect(gateway.urls).toEqual(["/gateway?v=10&encoding=json"]);
    expect(gateway.identifies).toHaveLength(1);
    expect(gateway.identifies[0]).toMatchObject({ token: FAKE_TOKEN, intents: 1, compress: false, shard: [0, 1] });
    // Each heartbeat was acknowledged: an unacknowledged one would make discord.js reconnect.
    await bot.fake.until(() => gateway.heartbeats >= 3, "three heartbeats");
    expect(gateway.connections).toBe(1);
  });

  it("gives one clear line when REST refuses the token, without the token", async () => {
    fake = await startFakeDiscord();
    const said = await startWith("not.the.token", fake);
    expect(said).toBe(TOKEN_REJECTED);
    expect(fake.gateway.connections).toBe(0);
  });

  it("gives the same line when the gateway closes with 4004", async () => {
    fake = await startFakeDiscord({ rejectIdentify: true });
    expect(await startWith(FAKE_TOKEN, fake)).toBe(TOKEN_REJECTED);
    expect(fake.gateway.identifies).toHaveLength(1);
  });

  it("names the address it could not reach, in one line", async () => {
    fake = await startFakeDiscord();
    const apiUrl = fake.apiUrl;
    await fake.close();
    fake = undefined;
    const said = await startWith("secret.token.value", apiUrl);
    expect(said).toMatch(/^could not connect to Discord at 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(said).not.toContain("\n");
    expect(said).not.toContain("secret.token.value");
  });

  it("stops cleanly, closing the gateway connection", async () => {
    bot = await startTestBot();
    const fakeDiscord = bot.fake;
    await bot.adapter.stop();
    await fakeDiscord.until(() => fakeDiscord.openConnections === 0, "the gateway connection to close");
    await fakeDiscord.close();
    await bot.store.close();
    bot = undefined;
    expect(fakeDiscord.gateway.connections).toBe(1);
  });
});
