// End to end: `npm start` delivering an every-second webhook digest, SIGKILLed at random moments
// (often with a send in flight, the receiver answering slowly) and restarted, then stopped with
// SIGTERM. The outbox's promise, checked from the receiver's side: no slot between the first and the
// last is lost, a slot sent twice carries the same Idempotency-Key (and says the same thing), slots
// missed while newsbot was down come late:true, and the graceful stop exits 0.
//
// The kill plan comes from a seed, printed in every failure with the timeline and the receiver's
// log; NEWSBOT_CRASH_SEED=<n> replays the same plan (the machine's timing still varies).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { clock, prng, sleep, startNewsbot, type NewsbotProcess } from "../fakes/newsbot-process.js";
import { startWebhookReceiver, type ReceivedDigest, type WebhookReceiver } from "../fakes/webhook-receiver.js";

const DIGEST = "crashtest";
/** Kill-and-restart cycles before the final run, which is stopped gracefully. */
const CYCLES = 6;
/** Receiver answers after 0..MAX_REPLY_DELAY_MS. */
const MAX_REPLY_DELAY_MS = 300;
/** Generous: tsx start-up takes 1-3 s on a quiet machine, much more on a loaded one. */
const START_TIMEOUT_MS = 25_000;
const STOP_TIMEOUT_MS = 20_000;

interface Run extends NewsbotProcess {
  index: number;
  firstArrivalAt?: number;
  /** Planned: SIGKILL this long after its first delivery arrived (undefined: the final, graceful run). */
  killAfterMs?: number;
  /** Planned: stay down this long before the next run. */
  downMs?: number;
  /** Planned: then wait for a send in flight before the kill. */
  midSend?: boolean;
  /** Whether the receiver was holding one of its requests (unanswered) when it was killed. */
  killedMidSend?: boolean;
  signalledAt?: number;
}

describe("delivery survives crashes (SIGKILL at random moments, then restart)", () => {
  it("loses no slot, resends with the same Idempotency-Key, marks missed slots late, and stops gracefully", async () => {
    const seed = Number(process.env.NEWSBOT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));
    const planRandom = prng(seed);
    const plan = Array.from({ length: CYCLES }, (_, index) => ({
      killAfterMs: Math.round(300 + planRandom() * 2_200),
      downMs: Math.round(planRandom() * 1_500),
      // Every other kill also waits (up to 3 s) for a send to be in flight: the receiver holding a request.
      midSend: index % 2 === 1,
    }));
    const finalStopAfterMs = Math.round(planRandom() * 1_000);
    const replyRandom = prng(seed ^ 0x5bd1e995);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-crash-"));
    const db = path.join(dir, "news.db");
    const digests = path.join(dir, "digests");
    fs.mkdirSync(digests);
    fs.writeFileSync(path.join(dir, "no-sources.json"), "[]");
    const runs: Run[] = [];
    const t0 = Date.now();
    let receiver: WebhookReceiver | undefined;

    /** The seed, the plan, each run's timeline and the receiver's log: printed with any failure. */
    const report = (): string => {
      const lines = [
        `seed ${seed} (replay: NEWSBOT_CRASH_SEED=${seed}); test started ${clock(t0)}`,
        `plan: ${plan.map((p, i) => `run ${i}: kill ${p.killAfterMs} ms after its first delivery${p.midSend ? " then mid-send" : ""}, down ${p.downMs} ms`).join("; ")}; final run: SIGTERM ${finalStopAfterMs} ms after its first on-time delivery`,
        "runs:",
        ...runs.map(
          (r) =>
            `  run ${r.index}: spawned ${clock(r.spawnedAt)}, ready ${clock(r.readyAt)}, first delivery ${clock(r.firstArrivalAt)}, ` +
            `${r.killAfterMs === undefined ? "SIGTERM" : "SIGKILL"} ${clock(r.signalledAt)}${r.killedMidSend ? " (mid-send)" : ""}, exited ${clock(r.exitedAt)} ` +
            `(code ${r.exit?.code ?? "-"}, signal ${r.exit?.signal ?? "-"})`,
        ),
        `receiver (${receiver?.received.length ?? 0} digests, ${receiver?.partial ?? 0} cut off mid-body, ${receiver?.malformed.length ?? 0} malformed):`,
        ...(receiver?.received ?? []).map(
          (r) => `  #${r.seq} arrived ${clock(r.arrivedAt)} run ${r.tag}: slot ${r.slot.slice(11)} late=${r.late} key=${r.key} (answered after ${r.delayMs} ms)`,
        ),
        ...(receiver?.malformed ?? []).map((m) => `  malformed: ${m}`),
      ];
      return lines.join("\n");
    };
    const stderrTails = () => runs.map((r) => `--- run ${r.index} stderr (last 1500 chars) ---\n${r.stderr.slice(-1_500)}`).join("\n");

    /** Polls until `check` holds; fails with the timeline when it times out or the run exits first. */
    const until = async (what: string, timeoutMs: number, check: () => boolean, run?: Run) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (run?.exit) throw new Error(`while waiting for ${what}, run ${run.index} exited on its own (code ${run.exit.code}, signal ${run.exit.signal})\n${report()}\n${stderrTails()}`);
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${report()}\n${stderrTails()}`);
        await sleep(20);
      }
    };

    const start = (index: number): Run => {
      const run: Run = Object.assign(
        startNewsbot({ NEWSBOT_DB: db, NEWSBOT_DIGESTS: digests, NEWSBOT_SOURCES: path.join(dir, "no-sources.json") }),
        { index },
      );
      runs.push(run);
      return run;
    };
    const current = () => runs.at(-1)?.index ?? -1;
    const arrivalsOf = (run: Run) => receiver!.received.filter((r) => r.tag === run.index);
    const waitForFirstDelivery = async (run: Run) => {
      await until(`run ${run.index}'s first delivery`, START_TIMEOUT_MS, () => arrivalsOf(run).length > 0, run);
      run.firstArrivalAt = arrivalsOf(run)[0]!.arrivedAt;
    };

    try {
      receiver = await startWebhookReceiver({ delayMs: () => Math.round(replyRandom() * MAX_REPLY_DELAY_MS), tag: current });
      fs.writeFileSync(
        path.join(digests, `${DIGEST}.json`),
        JSON.stringify({ schedule: "* * * * * *", window: "30d", targets: [{ platform: "webhook", format: "json", url: receiver.url }] }),
      );

      // Crash cycles: up, a delivery seen, SIGKILL at a random moment, down a random while.
      for (let index = 0; index < CYCLES; index++) {
        const run = start(index);
        Object.assign(run, plan[index]);
        await waitForFirstDelivery(run);
        await sleep(run.killAfterMs!);
        if (run.midSend) {
          const deadline = Date.now() + 3_000;
          while (receiver.unanswered === 0 && Date.now() < deadline && !run.exit) await sleep(2);
        }
        run.killedMidSend = receiver.unanswered > 0;
        run.signalledAt = Date.now();
        run.child.kill("SIGKILL");
        const exit = await run.exited;
        expect(exit.signal, `run ${index} should have died of SIGKILL\n${report()}\n${stderrTails()}`).toBe("SIGKILL");
        await sleep(run.downMs!);
      }

      // The final run: once its scheduler is up and has delivered a slot on time (a tick of its own, so
      // the resends and the catch-up queued before it have gone out), SIGTERM at a random moment.
      const last = start(CYCLES);
      await waitForFirstDelivery(last);
      await until(`run ${last.index} to start its scheduler`, START_TIMEOUT_MS, () => last.readyAt !== undefined, last);
      // A slot due after its catch-up, sent on its own tick: what was owed before has gone out (one lane, in order).
      await until(`run ${last.index} to deliver a slot of its own on time`, START_TIMEOUT_MS, () => arrivalsOf(last).some((r) => Date.parse(r.slot) > last.spawnedAt && !r.late), last);
      await sleep(finalStopAfterMs);
      last.signalledAt = Date.now();
      last.child.kill("SIGTERM");
      const stopped = await Promise.race([last.exited, sleep(STOP_TIMEOUT_MS).then(() => undefined)]);
      expect(stopped, `newsbot did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM (a hang)\n${report()}\n${stderrTails()}`).toBeDefined();
      expect(stopped, `SIGTERM should stop newsbot gracefully with exit code 0\n${report()}\n${stderrTails()}`).toEqual({ code: 0, signal: null });
      expect(last.stderr).toContain("stopping: letting deliveries in flight finish");

      const context = `\n${report()}`;
      const received = receiver.received;
      expect(receiver.malformed, `the receiver got requests that were not JSON digests${context}`).toEqual([]);
      expect(received.length).toBeGreaterThan(0);

      // Every request is this digest, at a whole-second slot.
      for (const r of received) {
        expect(r.digest, context).toBe(DIGEST);
        expect(Date.parse(r.slot) % 1000, `slot ${r.slot} is not on a whole second${context}`).toBe(0);
      }

      // No slot lost: every second from the first slot received to the last.
      const slotTimes = [...new Set(received.map((r) => Date.parse(r.slot)))].sort((a, b) => a - b);
      const first = slotTimes[0]!;
      const lastSlot = slotTimes.at(-1)!;
      const got = new Set(slotTimes);
      const missing: string[] = [];
      for (let t = first; t <= lastSlot; t += 1000) if (!got.has(t)) missing.push(new Date(t).toISOString());
      expect(missing, `slots lost between ${new Date(first).toISOString()} and ${new Date(lastSlot).toISOString()}${context}`).toEqual([]);

      // A slot sent more than once: the same key and the same body every time; distinct slots, distinct keys.
      const bySlot = new Map<string, ReceivedDigest[]>();
      for (const r of received) bySlot.set(r.slot, [...(bySlot.get(r.slot) ?? []), r]);
      for (const [slot, copies] of bySlot) {
        expect(new Set(copies.map((c) => c.key)).size, `slot ${slot} arrived with different Idempotency-Keys${context}`).toBe(1);
        expect(new Set(copies.map((c) => c.body)).size, `slot ${slot} was resent saying something different${context}`).toBe(1);
      }
      const slotsByKey = new Map<string, Set<string>>();
      for (const r of received) slotsByKey.set(r.key, (slotsByKey.get(r.key) ?? new Set()).add(r.slot));
      for (const [key, slots] of slotsByKey) expect([...slots], `key ${key} was used for more than one slot${context}`).toHaveLength(1);

      // Slots due while no newsbot was running (after one died, before the next was spawned) can only
      // have been sent by the next run's catch-up: late.
      const lateBySlot = new Map([...bySlot].map(([slot, copies]) => [Date.parse(slot), copies[0]!.late]));
      const downtimeSlots: number[] = [];
      for (let i = 0; i + 1 < runs.length; i++) {
        const from = runs[i]!.exitedAt!;
        const to = runs[i + 1]!.spawnedAt;
        for (let t = Math.floor(from / 1000) * 1000 + 1000; t <= to; t += 1000) if (t > from) downtimeSlots.push(t);
      }
      for (const t of downtimeSlots.filter((t) => t <= lastSlot)) {
        expect(lateBySlot.get(t), `slot ${new Date(t).toISOString()} fell while newsbot was down: it should arrive late:true${context}`).toBe(true);
      }
      expect([...lateBySlot.values()].some(Boolean), `no late delivery at all, though newsbot was down ${CYCLES} times${context}`).toBe(true);

      // Slots due while a run was up and past its catch-up (a second after it was ready, two before it
      // was killed: margins for a slow machine) were recorded by their own tick: not late.
      for (const run of runs) {
        if (run.readyAt === undefined || run.signalledAt === undefined) continue;
        for (const [t, late] of lateBySlot) {
          if (t > run.readyAt + 1000 && t < run.signalledAt - 2000) {
            expect(late, `slot ${new Date(t).toISOString()} was due while run ${run.index} was up and scheduling: it should not be late${context}`).toBe(false);
          }
        }
      }

      // The outbox agrees: one row per slot, each with the key the receiver saw; nothing failed or
      // skipped; what the graceful stop left unsent (still pending, by design) is only the newest slots.
      const outbox = new Database(db, { readonly: true, fileMustExist: true });
      let rows: Array<{ slot: number; idempotency_key: string; late: number; status: string }>;
      try {
        rows = outbox
          .prepare("SELECT slot, idempotency_key, late, status FROM deliveries WHERE digest = ? ORDER BY slot")
          .all(DIGEST) as typeof rows;
      } finally {
        outbox.close();
      }
      const rowsReport = `\noutbox: ${rows.map((r) => `${new Date(r.slot).toISOString().slice(11, 19)} ${r.status}${r.late ? " late" : ""}`).join(", ")}${context}`;
      expect([...new Set(rows.map((r) => r.status))].filter((s) => s !== "sent" && s !== "pending"), `outbox rows neither sent nor pending${rowsReport}`).toEqual([]);
      const rowBySlot = new Map(rows.map((r) => [r.slot, r]));
      expect(rowBySlot.size, `more than one outbox row for a slot${rowsReport}`).toBe(rows.length);
      for (const [slot, copies] of bySlot) {
        const row = rowBySlot.get(Date.parse(slot));
        expect(row, `slot ${slot} was received but has no outbox row${rowsReport}`).toBeDefined();
        expect(row!.idempotency_key, `slot ${slot}: the outbox key differs from the one sent${rowsReport}`).toBe(copies[0]!.key);
        expect(Boolean(row!.late), `slot ${slot}: the outbox's late differs from the one sent${rowsReport}`).toBe(copies[0]!.late);
      }
      for (const t of downtimeSlots) {
        expect(rowBySlot.get(t)?.late, `slot ${new Date(t).toISOString()} fell while newsbot was down: the outbox should hold it as late${rowsReport}`).toBe(1);
      }
      for (const row of rows) {
        if (row.status === "sent") expect(got.has(row.slot), `slot ${new Date(row.slot).toISOString()} is marked sent but never arrived${rowsReport}`).toBe(true);
      }
      const outboxSlots = rows.map((r) => r.slot);
      for (let i = 1; i < outboxSlots.length; i++) {
        expect(outboxSlots[i]! - outboxSlots[i - 1]!, `the outbox skips from ${new Date(outboxSlots[i - 1]!).toISOString()}${rowsReport}`).toBe(1000);
      }
      expect(outboxSlots[0], `the outbox's first slot is not the first slot received${rowsReport}`).toBe(first);
      const pending = rows.filter((r) => r.status === "pending");
      const newestSent = Math.max(...rows.filter((r) => r.status === "sent").map((r) => r.slot));
      for (const row of pending) {
        expect(row.slot, `slot ${new Date(row.slot).toISOString()} is still pending, behind sent ones: left unsent${rowsReport}`).toBeGreaterThan(newestSent);
        expect(row.slot, `slot ${new Date(row.slot).toISOString()} is pending but was due after newsbot exited${rowsReport}`).toBeLessThanOrEqual(last.exitedAt!);
      }

      // Nothing went wrong as far as newsbot could tell: no retries, no failures, no errors.
      const problems = runs.flatMap((r) =>
        r.stderr
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .flatMap((line) => {
            try {
              return [JSON.parse(line) as { level: number; msg: string }];
            } catch {
              return []; // the last line of a killed run may be cut short
            }
          })
          .filter((entry) => entry.level >= 40)
          .map((entry) => `run ${r.index}: ${entry.msg}`),
      );
      expect(problems, `newsbot logged warnings or errors${context}`).toEqual([]);

      const resent = [...bySlot.values()].filter((copies) => copies.length > 1).length;
      console.info(
        `delivery-crash: seed ${seed}; ${runs.length} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${slotTimes.length} slots ` +
          `(${clock(first)}..${clock(lastSlot)}), ${received.length} requests, ${resent} slots sent more than once, ` +
          `${[...lateBySlot.values()].filter(Boolean).length} late (${downtimeSlots.length} due while down), ` +
          `${runs.filter((r) => r.killedMidSend).length} kills mid-send, ${receiver.partial} cut off mid-body, ${pending.length} left pending by SIGTERM`,
      );
    } finally {
      for (const run of runs) if (!run.exit) run.child.kill("SIGKILL");
      await Promise.all(runs.map((run) => run.exited));
      await receiver?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
