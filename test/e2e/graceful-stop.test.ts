// End to end: a process manager stops newsbot with SIGTERM. The production command,
// `node --import tsx src/main.ts`, gets the signal itself: stopped while a webhook delivery is in
// flight (the receiver holding the request), it lets that delivery finish, records it as sent and
// exits 0; the slots queued behind it stay pending in the outbox, and the next start sends them with
// the keys they were recorded with. `npm start` passes the signal on to the same process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../fakes/webhook-receiver.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIGEST = "every-second";
/** Generous: start-up takes seconds on a loaded machine. */
const WAIT_MS = 30_000;

interface Bot {
  child: ChildProcess;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir: string;
let receiver: WebhookReceiver | undefined;
const bots: Bot[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-stop-"));
  fs.mkdirSync(path.join(dir, "digests"));
  fs.writeFileSync(path.join(dir, "sources.json"), "[]");
});
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    bot.child.kill("SIGKILL");
    await bot.exited;
  }
  await receiver?.close();
  receiver = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A digest every second to the receiver, as JSON. */
function writeDigest(url: string): void {
  const digest = { schedule: "* * * * * *", window: "30d", targets: [{ platform: "webhook", format: "json", url }] };
  fs.writeFileSync(path.join(dir, "digests", `${DIGEST}.json`), JSON.stringify(digest));
}

function startBot(command: string, args: string[]): Bot {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NEWSBOT_DB: path.join(dir, "news.db"),
      NEWSBOT_DIGESTS: path.join(dir, "digests"),
      NEWSBOT_SOURCES: path.join(dir, "sources.json"),
      NEWSBOT_LOG_LEVEL: "info",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const bot: Bot = { child, stderr: "", exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))) };
  child.stderr!.on("data", (chunk: Buffer) => (bot.stderr += chunk.toString()));
  bots.push(bot);
  return bot;
}

async function until(what: string, check: () => boolean, bot: Bot): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) throw new Error(`newsbot exited while waiting for ${what}:\n${bot.stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${bot.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function outbox(): Array<{ slot: number; idempotency_key: string; status: string }> {
  const db = new Database(path.join(dir, "news.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT slot, idempotency_key, status FROM deliveries WHERE digest = ? ORDER BY slot").all(DIGEST) as ReturnType<typeof outbox>;
  } finally {
    db.close();
  }
}

/** What newsbot says once it is up (and a SIGTERM stops it gracefully), and once it is stopping. */
const READY = "running until stopped (SIGTERM or Ctrl-C)";
const STOPPING = "stopping: letting deliveries in flight finish";

describe("SIGTERM to the production command, node --import tsx src/main.ts", () => {
  it("lets the delivery in flight finish, exits 0, and the next start sends what was left pending with its recorded key", async () => {
    let release!: () => void;
    let run = 0;
    receiver = await startWebhookReceiver({ delayMs: () => 0, tag: () => run, hold: new Promise((resolve) => (release = resolve)) });
    writeDigest(receiver.url);

    const first = startBot(process.execPath, ["--import", "tsx", "src/main.ts"]);
    await until("a delivery held by the receiver", () => receiver!.unanswered > 0, first);
    await until("two more slots queued behind it", () => outbox().filter((row) => row.status === "pending").length >= 3, first);
    first.child.kill("SIGTERM");
    await until("newsbot to take the signal", () => first.stderr.includes(STOPPING), first);
    // Still waiting on the receiver: the send in flight is not cut off.
    expect(first.child.exitCode).toBeNull();
    release();
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(receiver.partial).toBe(0);

    const [held] = receiver.received;
    const afterFirst = outbox();
    const heldRow = afterFirst.find((row) => row.slot === Date.parse(held!.slot));
    expect(heldRow).toMatchObject({ idempotency_key: held!.key, status: "sent" });
    // Slots that came due while the receiver held the first: recorded, not sent, not lost.
    const leftPending = afterFirst.filter((row) => row.status === "pending");
    expect(afterFirst.every((row) => row === heldRow || row.status === "pending")).toBe(true);
    expect(receiver.received).toHaveLength(1);

    run = 1;
    const second = startBot(process.execPath, ["--import", "tsx", "src/main.ts"]);
    await until("newsbot to start", () => second.stderr.includes(READY), second);
    const arrived = (row: { idempotency_key: string }) => receiver!.received.some((r) => r.tag === 1 && r.key === row.idempotency_key);
    await until("the slots left pending to be sent", () => leftPending.every(arrived), second);
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });

    // Each slot went out once, with the key its outbox row holds; the held one was not sent again.
    const rows = outbox();
    const keys = new Map(rows.map((row) => [new Date(row.slot).toISOString(), row.idempotency_key]));
    for (const r of receiver.received) expect(r.key, `slot ${r.slot}`).toBe(keys.get(r.slot));
    expect(new Set(receiver.received.map((r) => r.slot)).size).toBe(receiver.received.length);
    const slots = rows.map((row) => row.slot);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!, "a slot is missing from the outbox").toBe(1000);
  }, 120_000);
});

describe("SIGTERM to npm start", () => {
  it("reaches newsbot, which stops gracefully; npm exits 0 and leaves nothing running", async () => {
    receiver = await startWebhookReceiver({ delayMs: () => 0, tag: () => 0 });
    writeDigest(receiver.url);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const bot = startBot(npm, ["start", "--silent"]);
    await until("newsbot to start", () => bot.stderr.includes(READY), bot);
    await until("a delivery", () => receiver!.received.length > 0, bot);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    // newsbot's own process (its pid is in its log lines), not only npm, took the signal and is gone.
    const stopping = bot.stderr.split("\n").find((line) => line.includes(STOPPING));
    const pid = (JSON.parse(stopping ?? "{}") as { pid?: number }).pid;
    expect(pid).toBeTypeOf("number");
    expect(pid).not.toBe(bot.child.pid);
    expect(() => process.kill(pid!, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  }, 120_000);
});
