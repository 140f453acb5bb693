// newsbot as a child process for the end-to-end tests that kill and restart it, and the seeded
// randomness their kill plans come from.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface NewsbotProcess {
  child: ChildProcess;
  spawnedAt: number;
  /** When its "... until stopped" line was seen: its scheduler had started. */
  readyAt?: number;
  exitedAt?: number;
  exit?: Exit;
  exited: Promise<Exit>;
  stderr: string;
}

/**
 * Starts `node --import tsx src/main.ts` with `env` over this process's environment: one process,
 * so SIGKILL kills newsbot itself (the tsx CLI would run it in a child of its own, which a SIGKILL to
 * tsx leaves running). Its stderr (the log) is kept.
 */
export function startNewsbot(env: Record<string, string | undefined>): NewsbotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, NEWSBOT_LOG_LEVEL: "info", NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const started: NewsbotProcess = { child, spawnedAt: Date.now(), stderr: "", exited: undefined as never };
  started.exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      started.exitedAt = Date.now();
      started.exit = { code, signal };
      resolve(started.exit);
    }),
  );
  child.stderr!.on("data", (chunk: Buffer) => {
    started.stderr += chunk.toString();
    if (started.readyAt === undefined && started.stderr.includes("until stopped")) started.readyAt = Date.now();
  });
  return started;
}

/** mulberry32: a small seeded PRNG, so a failing plan can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A moment as hh:mm:ss.mmm, for timelines; "-" when it has not come. */
export const clock = (ms: number | undefined) => (ms === undefined ? "-" : new Date(ms).toISOString().slice(11, 23));
