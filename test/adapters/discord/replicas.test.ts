// Discord on several replicas sharing one Postgres database: one holds the gateway (one IDENTIFY,
// so each interaction is answered once), the others stand by and take over when it stops or dies.
// Real discord.js against the fake Discord, real Postgres.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openChat } from "../../../src/adapters/chat-commands.js";
import type { ChatAdapter } from "../../../src/adapters/platform.js";
import { startDiscord } from "../../../src/adapters/discord/start.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { createLog } from "../../../src/log.js";
import { PostgresStorage } from "../../../src/store/postgres/postgres-storage.js";
import { FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from "../../fakes/discord-server.js";
import { createTestDatabase, type TestDatabase } from "../../fakes/postgres.js";

/** How often a replica asks for the gateway here (5 s in production). */
const CHECK_MS = 50;

let database: TestDatabase | undefined;
let fake: FakeDiscord | undefined;
const adapters: ChatAdapter[] = [];
const stores: Storage[] = [];

afterEach(async () => {
  for (const adapter of adapters.splice(0)) await adapter.stop();
  for (const store of stores.splice(0)) await store.close();
  await fake?.close();
  await database?.drop();
  fake = database = undefined;
});

/** One replica: its own connection to the shared database, and Discord started on it. */
async function startReplica(checkMs = CHECK_MS): Promise<{ store: Storage; adapter: ChatAdapter }> {
  const store = await PostgresStorage.open(database!.url);
  stores.push(store);
  const adapter = await startDiscord(openChat(new Newsroom(store)), { token: FAKE_TOKEN, apiUrl: fake!.apiUrl }, createLog("silent"), { leadershipCheckMs: checkMs });
  adapters.push(adapter);
  return { store, adapter };
}

describe("Discord on several replicas", () => {
  it("connects the gateway from one replica only; another takes over when it stops", async () => {
    database = await createTestDatabase();
    fake = await startFakeDiscord();
    const first = await startReplica();
    await startReplica();
    expect(fake.gateway.identifies).toHaveLength(1);
    // The standby has asked several times meanwhile, and still not connected.
    await sleep(CHECK_MS * 6);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.openConnections).toBe(1);

    await first.adapter.stop();
    adapters.splice(adapters.indexOf(first.adapter), 1);
    await fake.until(() => fake!.gateway.identifies.length === 2, "the standby to identify");
    await fake.until(() => fake!.openConnections === 1, "one gateway connection");
  });

  it("moves the gateway when the holder's database connection drops, and the old holder disconnects", async () => {
    database = await createTestDatabase();
    fake = await startFakeDiscord();
    // The holder checks less often than the standby, so that the standby is the first to ask.
    await startReplica(CHECK_MS * 10);
    await startReplica();
    expect(fake.gateway.identifies).toHaveLength(1);

    // The database drops the leadership connections (as in a failover): the holder's lock goes with its session.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsbot discord-gateway'");
    await admin.end();
    await fake.until(() => fake!.gateway.identifies.length === 2, "the standby to identify");
    // The old holder finds on its next check that it no longer leads, and lets the gateway go.
    await fake.until(() => fake!.openConnections === 1, "the old holder to disconnect");
    await sleep(CHECK_MS * 20);
    expect(fake.gateway.identifies).toHaveLength(2);
    expect(fake.openConnections).toBe(1);
  });
});
