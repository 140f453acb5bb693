// End to end: three replicas (`node --import tsx src/main.ts`, DATABASE_URL on one test database)
// deliver an every-second webhook digest while replicas are SIGKILLed at random moments for over 20
// seconds and restarted. Checked from the receiver's side and the database's: every slot arrives,
// a slot that arrives twice carries the same Idempotency-Key and body, and a repeat only ever follows
// a kill (a replica died between its send and its record; another resumed once the lease ran out):
// with the replicas left alone, each slot arrives exactly once. Then two replicas polling the same
// loopback feeds fetch each due feed once per round.
//
// The kill plan comes from a seed, printed in every failure; NEWSBOT_REPLICAS_SEED=<n> replays it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../fakes/local-server.js";
import { clock, prng, sleep, startNewsbot, type NewsbotProcess } from "../fakes/newsbot-process.js";
import { createTestDatabase, type TestDatabase } from "../fakes/postgres.js";
import { startWebhookReceiver, type ReceivedDigest, type WebhookReceiver } from "../fakes/webhook-receiver.js";

const DIGEST = "replicas";
const REPLICAS = 3;
/** Kills go on at least this long. */
const CHAOS_MS = 22_000;
/** A replica's claim on a slot or delivery: how soon another takes up a dead one's work. */
const LEASE_SECONDS = 2;
const MAX_REPLY_DELAY_MS = 300;
/** tsx start-up takes 1-3 s on a quiet machine, much more on a loaded one (three start at once). */
const START_TIMEOUT_MS = 40_000;
const STOP_TIMEOUT_MS = 20_000;

interface Replica extends NewsbotProcess {
  name: string;
  signalledAt?: number;
  signal?: NodeJS.Signals;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Starts and tracks replicas of one test; kills what is left at the end. */
function fleet(env: Record<string, string>) {
  const all: Replica[] = [];
  const start = (name: string): Replica => {
    const replica: Replica = Object.assign(
      startNewsbot({
        DATABASE_URL: database.url,
        // SQLite is never opened: a folder that cannot exist would make it fail loudly.
        NEWSBOT_DB: "/proc/no-such-folder/newsbot.db",
        NEWSBOT_LEASE_SECONDS: String(LEASE_SECONDS),
        ...env,
      }),
      { name },
    );
    all.push(replica);
    return replica;
  };
  const stop = async (replica: Replica, signal: NodeJS.Signals) => {
    replica.signalledAt = Date.now();
    replica.signal = signal;
    replica.child.kill(signal);
    return Promise.race([replica.exited, sleep(STOP_TIMEOUT_MS).then(() => undefined)]);
  };
  const cleanUp = async () => {
    for (const replica of all) if (!replica.exit) replica.child.kill("SIGKILL");
    await Promise.all(all.map((replica) => replica.exited));
  };
  const tails = () => all.map((r) => `--- ${r.name} stderr (last 1500 chars) ---\n${r.stderr.slice(-1_500)}`).join("\n");
  return { all, start, stop, cleanUp, tails };
}

/** Polls until `check` holds; fails with `report()` when it times out. */
async function until(what: string, timeoutMs: number, check: () => boolean, report: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${report()}`);
    await sleep(50);
  }
}

/** Log lines of warning level or above, but for the ones a replica's death explains. */
function problems(replica: Replica): string[] {
  return replica.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as { level: number; msg: string }];
      } catch {
        return []; // the last line of a killed replica may be cut short
      }
    })
    .filter((entry) => entry.level >= 40)
    .map((entry) => `${replica.name}: ${entry.msg}`);
}

describe("three replicas on one Postgres database", () => {
  it("deliver every slot of an every-second digest through random SIGKILLs, resending only what a killed replica left, with the same key and body", async () => {
    const seed = Number(process.env.NEWSBOT_REPLICAS_SEED ?? Math.floor(Math.random() * 2 ** 32));
    const random = prng(seed);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-replicas-"));
    const digests = path.join(dir, "digests");
    fs.mkdirSync(digests);
    fs.writeFileSync(path.join(dir, "no-sources.json"), "[]");
    const replicas = fleet({ NEWSBOT_DIGESTS: digests, NEWSBOT_SOURCES: path.join(dir, "no-sources.json") });
    const kills: Array<{ name: string; at: number; downMs: number; midSend: boolean }> = [];
    let receiver: WebhookReceiver | undefined;
    const t0 = Date.now();
    let calmFrom = 0;

    const report = (): string =>
      [
        `seed ${seed} (replay: NEWSBOT_REPLICAS_SEED=${seed}); test started ${clock(t0)}; kills stopped ${clock(calmFrom || undefined)}`,
        `kills: ${kills.map((k) => `${k.name} at ${clock(k.at)}${k.midSend ? " (mid-send)" : ""}, down ${k.downMs} ms`).join("; ")}`,
        "replicas:",
        ...replicas.all.map(
          (r) => `  ${r.name}: spawned ${clock(r.spawnedAt)}, ready ${clock(r.readyAt)}, ${r.signal ?? "-"} ${clock(r.signalledAt)} (exit ${r.exit?.code ?? "-"} / ${r.exit?.signal ?? "-"})`,
        ),
        `receiver (${receiver?.received.length ?? 0} digests, ${receiver?.partial ?? 0} cut off mid-body, ${receiver?.malformed.length ?? 0} malformed):`,
        ...(receiver?.received ?? []).map((r) => `  #${r.seq} arrived ${clock(r.arrivedAt)}: slot ${r.slot.slice(11)} late=${r.late} key=${r.key}`),
        replicas.tails(),
      ].join("\n");

    try {
      receiver = await startWebhookReceiver({ delayMs: () => Math.round(random() * MAX_REPLY_DELAY_MS), tag: () => 0 });
      fs.writeFileSync(
        path.join(digests, `${DIGEST}.json`),
        JSON.stringify({ schedule: "* * * * * *", window: "30d", targets: [{ platform: "webhook", format: "json", url: receiver.url }] }),
      );
      const live = new Map<string, Replica>();
      for (let i = 1; i <= REPLICAS; i++) live.set(`replica-${i}`, replicas.start(`replica-${i}`));
      await until("the replicas to start", START_TIMEOUT_MS, () => [...live.values()].every((r) => r.readyAt !== undefined), report);
      await until("a first delivery", START_TIMEOUT_MS, () => receiver!.received.length > 0, report);

      // Chaos: every 0.5-2.5 s a random running replica (one that has started) is SIGKILLed, half
      // the time while a send is in flight, and restarted after 0-1.5 s. Sometimes a second goes
      // before the first is back.
      const chaosEnd = Date.now() + CHAOS_MS;
      const restarts: Array<Promise<void>> = [];
      while (Date.now() < chaosEnd) {
        await sleep(500 + random() * 2_000);
        const names = [...live].filter(([, replica]) => replica.readyAt !== undefined).map(([name]) => name);
        if (names.length === 0) continue;
        const name = names[Math.floor(random() * names.length)]!;
        const midSend = random() < 0.5;
        if (midSend) {
          const deadline = Date.now() + 2_000;
          while (receiver.unanswered === 0 && Date.now() < deadline) await sleep(2);
        }
        const victim = live.get(name)!;
        live.delete(name);
        const downMs = Math.round(random() * 1_500);
        kills.push({ name, at: Date.now(), downMs, midSend: receiver.unanswered > 0 });
        const exit = await replicas.stop(victim, "SIGKILL");
        expect(exit?.signal, `${name} should have died of SIGKILL\n${report()}`).toBe("SIGKILL");
        restarts.push(sleep(downMs).then(() => void live.set(name, replicas.start(name))));
      }
      await Promise.all(restarts);
      calmFrom = Date.now();

      // Calm: the replicas left alone. Leases of the last killed run out (LEASE_SECONDS), resumes
      // take them up (every lease), and then each slot arrives once.
      const calmSlotsFrom = Math.ceil((calmFrom + 4 * LEASE_SECONDS * 1000) / 1000) * 1000;
      const calmSlotsTo = calmSlotsFrom + 5_000;
      await until("the calm slots to arrive", START_TIMEOUT_MS, () => receiver!.received.some((r) => Date.parse(r.slot) >= calmSlotsTo + 1000), report);
      await sleep(1_000);
      for (const replica of live.values()) {
        const stopped = await replicas.stop(replica, "SIGTERM");
        expect(stopped, `${replica.name} did not stop gracefully within ${STOP_TIMEOUT_MS} ms\n${report()}`).toEqual({ code: 0, signal: null });
      }

      const context = `\n${report()}`;
      const received = receiver.received;
      expect(receiver.malformed, `requests that were not JSON digests${context}`).toEqual([]);
      for (const r of received) expect(r.digest, context).toBe(DIGEST);

      // Every slot from the first received to the end of the calm.
      const slotTimes = [...new Set(received.map((r) => Date.parse(r.slot)))].sort((a, b) => a - b);
      const missing: string[] = [];
      for (let t = slotTimes[0]!; t <= calmSlotsTo; t += 1000) if (!slotTimes.includes(t)) missing.push(new Date(t).toISOString());
      expect(missing, `slots lost${context}`).toEqual([]);

      // A slot received more than once: the same key and body, and a kill explains it (the killed
      // replica sent it, then died before recording that; another resumed it). Not one slot twice
      // while the replicas were left alone.
      const bySlot = new Map<string, ReceivedDigest[]>();
      for (const r of received) bySlot.set(r.slot, [...(bySlot.get(r.slot) ?? []), r]);
      for (const [slot, copies] of bySlot) {
        expect(new Set(copies.map((c) => c.key)).size, `slot ${slot} arrived with different Idempotency-Keys${context}`).toBe(1);
        expect(new Set(copies.map((c) => c.body)).size, `slot ${slot} was resent saying something different${context}`).toBe(1);
        if (copies.length === 1) continue;
        const [first, ...repeats] = copies;
        for (const repeat of repeats) {
          const explained = kills.some((k) => k.at >= first!.arrivedAt - 1_000 && k.at <= repeat.arrivedAt);
          expect(explained, `slot ${slot} arrived again at ${clock(repeat.arrivedAt)} with no kill since it first arrived at ${clock(first!.arrivedAt)}: two replicas sent it${context}`).toBe(true);
        }
      }
      for (let t = calmSlotsFrom; t <= calmSlotsTo; t += 1000) {
        expect(bySlot.get(new Date(t).toISOString())?.length, `slot ${new Date(t).toISOString()}, while the replicas were left alone${context}`).toBe(1);
      }

      // The database agrees: one outbox row per slot, with the key received; nothing failed or skipped.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client
        .query<{ slot: Date; idempotency_key: string; status: string }>("SELECT slot, idempotency_key, status FROM deliveries WHERE digest = $1 ORDER BY slot", [DIGEST])
        .finally(() => client.end());
      expect(rows.filter((r) => r.status !== "sent" && r.status !== "pending").map((r) => `${r.slot.toISOString()} ${r.status}`), context).toEqual([]);
      const rowBySlot = new Map(rows.map((r) => [r.slot.toISOString(), r]));
      expect(rowBySlot.size, `more than one outbox row for a slot${context}`).toBe(rows.length);
      for (const [slot, copies] of bySlot) expect(rowBySlot.get(slot)?.idempotency_key, `slot ${slot}${context}`).toBe(copies[0]!.key);

      expect(replicas.all.flatMap(problems), `warnings or errors logged${context}`).toEqual([]);
      const resent = [...bySlot.values()].filter((copies) => copies.length > 1).length;
      console.info(
        `replicas: seed ${seed}; ${kills.length} kills (${kills.filter((k) => k.midSend).length} mid-send) over ${CHAOS_MS / 1000} s; ` +
          `${slotTimes.length} slots, ${received.length} requests, ${resent} slots resent after a kill`,
      );
    } finally {
      await replicas.cleanUp();
      await receiver?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it("poll the same feeds, each due feed fetched by one of them once per round", async () => {
    const FEEDS = 8;
    const fetches = new Map<string, number>();
    const feeds = await startServer((request, response) => {
      const name = new URL(request.url ?? "/", "http://localhost").pathname.slice(1);
      // An item's page (a teaser's full text) is not there: only the feeds count.
      if (!name.startsWith("feed-") || name.includes("/")) return void response.writeHead(404).end();
      fetches.set(name, (fetches.get(name) ?? 0) + 1);
      const item = `<item><title>${name}: the council votes on the new bridge</title><link>${feeds.url}/${name}/bridge</link>` +
        `<description>The city council voted on the new bridge over the river in ${name}.</description><pubDate>${new Date().toUTCString()}</pubDate></item>`;
      response.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title>${item}</channel></rss>`);
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-replica-polls-"));
    const digests = path.join(dir, "digests");
    fs.mkdirSync(digests);
    const names = Array.from({ length: FEEDS }, (_, i) => `feed-${i}`);
    fs.writeFileSync(path.join(dir, "sources.json"), JSON.stringify(names.map((name) => ({ url: `${feeds.url}/${name}`, name }))));
    // A daily webhook digest keeps each replica running (it is not due during the test).
    fs.writeFileSync(path.join(digests, "daily.json"), JSON.stringify({ schedule: "0 8 * * *", targets: [{ platform: "webhook", format: "json", url: `${feeds.url}/hook` }] }));
    const replicas = fleet({ NEWSBOT_DIGESTS: digests, NEWSBOT_SOURCES: path.join(dir, "sources.json"), NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "true" });
    const report = () => `fetches: ${JSON.stringify(Object.fromEntries(fetches))}\n${replicas.tails()}`;
    const fetched = (times: number) => names.every((name) => (fetches.get(name) ?? 0) >= times);
    const recorded = (times: number) =>
      names.every((name) => replicas.all.reduce((n, replica) => n + replica.stderr.split(`"msg":"${name}:`).length - 1, 0) >= times);
    try {
      const pair = [replicas.start("poller-1"), replicas.start("poller-2")];
      await until("both replicas to start", START_TIMEOUT_MS, () => pair.every((r) => r.readyAt !== undefined), report);
      await until("every feed to be fetched", START_TIMEOUT_MS, () => fetched(1), report);
      // A poll records the feed's next time after the fetch; making feeds due before that is recorded
      // would be undone by it. The poll's log line comes after the record.
      await until("every feed's poll to be recorded", START_TIMEOUT_MS, () => recorded(1), report);
      await sleep(2_000);
      expect(names.map((name) => fetches.get(name)), `round 1: each feed once\n${report()}`).toEqual(names.map(() => 1));

      // Round 2: every feed due again now; the pollers look every 30 s.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("UPDATE sources SET next_poll_at = now()").finally(() => client.end());
      await until("every feed to be fetched again", 45_000, () => fetched(2), report);
      await sleep(2_000);
      expect(names.map((name) => fetches.get(name)), `round 2: each feed once more\n${report()}`).toEqual(names.map(() => 2));
      for (const replica of pair) expect(await replicas.stop(replica, "SIGTERM"), report()).toEqual({ code: 0, signal: null });
      expect(replicas.all.flatMap(problems), report()).toEqual([]);
    } finally {
      await replicas.cleanUp();
      await feeds.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
