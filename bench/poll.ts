// `npm run bench:poll` (also the last table of `npm run bench`): how the bot keeps up while it polls
// a feed of 100,000 tiny items (about 5 MB) served on loopback by this process. Each scenario polls
// from a process of its own, so that its peak memory is its own: the event loop's longest stall (what
// a chat command waits at worst; Slack gives up after 3 s) and the process's peak RSS (the parser
// thread included), next to the idle process's, and next to the same feed read whole (no per-poll
// cap) as a baseline.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { enrich } from "../src/core/enrich.js";
import { Fetcher } from "../src/core/fetch/fetcher.js";
import { Poller, type PollReport } from "../src/core/sources/poller.js";
import { SqliteStorage } from "../src/store/sqlite/sqlite-storage.js";
import { printTable } from "./data.js";

const ITEMS = 100_000;
const MB = 1024 * 1024;
const TARGET_STALL_MS = 100;
const TARGET_RSS_MB = 300;

const SCENARIOS = {
  idle: "idle (nothing polled, 3 s)",
  capped: "first poll, newest 200 (default)",
  unchanged: "same feed again, unchanged (no validators)",
  whole: `first poll, all ${ITEMS.toLocaleString("en")} items (baseline)`,
} as const;
type Scenario = keyof typeof SCENARIOS;

interface Measure {
  scenario: Scenario;
  seconds: number;
  added: number;
  leftOut: number;
  outcome: string;
  stallMs: number;
  peakRssMb: number;
}

/** The feed: tiny undated items, like the one that stalled the bot; under the fetcher's 5 MB cap. */
function bigFeed(): string {
  const items = Array.from({ length: ITEMS }, (_, n) => `<item><title>Story ${n} of the day</title></item>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big wire</title><link>http://127.0.0.1/</link>\n${items.join("")}</channel></rss>`;
}

/** Runs `work` under a stall and memory probe; the probe reads once more after it, so a stall at the very end counts too. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; stallMs: number; peakRssMb: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  delay.enable();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  await sleep(50);
  delay.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  // The histogram counts the timer's own resolution in every sample.
  return { result, seconds, stallMs: Math.max(0, delay.max / 1e6 - 5), peakRssMb: peakRss / MB };
}

/** Serves the feed on loopback, as a publisher's server would: without ETag or Last-Modified. */
async function serveFeed(body: Buffer): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/big.xml`, close: () => server.close() };
}

/** One scenario, in this process: poll the feed at `url`, report. */
async function runScenario(scenario: Scenario, url: string): Promise<Measure[]> {
  // The NLP lexicons load on the first enrichment after start-up, once: a running bot has them.
  enrich({ title: "Warm-up", body: "Officials in London said the lexicons are loaded." }, new Date());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-bench-poll-"));
  const store = new SqliteStorage(path.join(tmp, "poll.db"));
  try {
    if (scenario === "idle") {
      const idle = await measured(() => sleep(3_000));
      return [{ scenario, seconds: idle.seconds, added: 0, leftOut: 0, outcome: "-", stallMs: idle.stallMs, peakRssMb: idle.peakRssMb }];
    }
    const fetcher = new Fetcher({ allowPrivateAddresses: true });
    const poller = new Poller(store, fetcher, { policy: { maxItemsPerPoll: scenario === "whole" ? ITEMS : undefined } });
    const { source } = await store.sources.add({ url }, "user", new Date());
    const row = (name: Scenario, m: Awaited<ReturnType<typeof measured<PollReport>>>): Measure => ({
      scenario: name,
      seconds: m.seconds,
      added: m.result.added,
      leftOut: m.result.leftOut,
      outcome: m.result.outcome,
      stallMs: m.stallMs,
      peakRssMb: m.peakRssMb,
    });
    const first = await measured(() => poller.pollOne(source));
    if (scenario !== "capped") return [row(scenario, first)];
    const again = await measured(() => poller.pollOne(first.result.source));
    return [row("capped", first), row("unchanged", again)];
  } finally {
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs a scenario in a child process and reads its figures from the last line it prints. */
function inChild(scenario: Scenario, url: string): Promise<Measure[]> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, "--scenario", scenario, "--url", url], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1);
      if (code !== 0 || !last) reject(new Error(`scenario ${scenario} exited with ${code}`));
      else resolve(JSON.parse(last) as Measure[]);
    });
  });
}

/** Every scenario, each in its own process, then the table. */
export async function pollBench(): Promise<void> {
  const body = Buffer.from(bigFeed());
  console.log(`Polling a feed of ${ITEMS.toLocaleString("en")} items (${(body.length / MB).toFixed(1)} MB, no validators) from a loopback server:\n`);
  const server = await serveFeed(body);
  const rows: Measure[] = [];
  try {
    for (const scenario of ["idle", "capped", "whole"] as const) {
      process.stderr.write(`  ${SCENARIOS[scenario]}\n`);
      rows.push(...(await inChild(scenario, server.url)));
    }
  } finally {
    server.close();
  }
  const order = Object.keys(SCENARIOS) as Scenario[];
  rows.sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario));
  printTable(
    ["scenario", "outcome", "poll s", "added", "left out", "longest stall ms", "peak RSS MB"],
    rows.map((r) => [SCENARIOS[r.scenario], r.outcome, r.seconds.toFixed(1), r.added, r.leftOut, r.stallMs.toFixed(0), r.peakRssMb.toFixed(0)]),
    2,
  );
  console.log(`Targets while the ${ITEMS.toLocaleString("en")}-item feed is polled: longest stall under ${TARGET_STALL_MS} ms, peak RSS under ${TARGET_RSS_MB} MB.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { scenario: { type: "string" }, url: { type: "string" } } });
  if (values.scenario && values.url) console.log(JSON.stringify(await runScenario(values.scenario as Scenario, values.url)));
  else await pollBench();
}
