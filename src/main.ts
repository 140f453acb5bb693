// `npm start`. With a chat platform's credentials (SLACK_BOT_TOKEN, DISCORD_TOKEN: see each platform's
// declaration in src/adapters/): connects to it, answers its slash commands and delivers digests until
// SIGTERM or Ctrl-C. With no platform credentials, terminal
// mode: stores the bundled sample articles (a re-run adds nothing), prints today's briefing, then
// answers slash commands typed on stdin while scheduled digests are delivered; with a webhook target
// it keeps delivering until stopped, without one it stops when the input ends.
import { openNewsroom, SAMPLE_FILE, SAMPLE_SOURCE } from "./app.js";
import { reportFatal } from "./fatal.js";
import type { Config } from "./config.js";
import type { Newsroom } from "./core/newsroom.js";
import { count } from "./core/text.js";
import type { Log } from "./log.js";
import type { ChatAdapter } from "./adapters/platform.js";
import { Terminal } from "./adapters/terminal/terminal.js";
import { startDelivery } from "./start-delivery.js";
import { openChat } from "./adapters/chat-commands.js";
import { platforms } from "./adapters/index.js";

/** Resolves on the first SIGTERM or SIGINT: the signal to stop gracefully. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve(signal));
  });
}

/** The platforms whose settings ask for a connection (their credentials are set), connected, by
 * name. Their libraries load only then, so the terminal starts without them. */
async function connectPlatforms(newsroom: Newsroom, config: Config, log: Log): Promise<Map<string, ChatAdapter>> {
  const chat = openChat(newsroom);
  const connected = new Map<string, ChatAdapter>();
  try {
    for (const platform of platforms()) {
      const adapter = await platform.connect?.(chat, config, log);
      if (adapter) connected.set(platform.name, adapter);
    }
    return connected;
  } catch (error) {
    await Promise.all([...connected.values()].map((adapter) => adapter.stop()));
    throw error;
  }
}

async function main(): Promise<void> {
  const { newsroom, store, log, poller, config } = await openNewsroom();
  // From here a SIGTERM stops gracefully, even during start-up.
  const stopped = stopSignal();
  const terminal = new Terminal(newsroom);
  let adapters = new Map<string, ChatAdapter>();
  let delivery: ReturnType<typeof startDelivery> | undefined;
  try {
    adapters = await connectPlatforms(newsroom, config, log);
    const connected = [...adapters.keys()];
    delivery = startDelivery(newsroom, config, log, {
      print: (reply) => terminal.print(reply),
      couriers: new Map([...adapters].map(([name, adapter]) => [name, adapter.courier])),
    });
    if (connected.length === 0) {
      // Terminal mode runs on the bundled sample articles; a chat workspace gets only its own feeds.
      const { ingestFiles } = await import("./core/ingest-files.js");
      const report = await ingestFiles([SAMPLE_FILE], newsroom.ingest, { source: SAMPLE_SOURCE });
      for (const rejection of report.rejected) log.warn(rejection, "sample article rejected");
      terminal.print(await newsroom.digest());
    }
    // Followed feeds are polled in the background.
    poller.start(undefined, (reports) => void delivery!.alertAfter(reports));
    await delivery.scheduler.start();
    // Digests to platforms that need no connection (webhooks) keep newsbot running to deliver them.
    const unattended = platforms().filter((p) => p.runsUnattended);
    const background = unattended.flatMap((platform) => {
      const digests = delivery!.scheduler.digests.filter((d) => d.targets.some((t) => t.platform === platform.name));
      return digests.length ? [`delivering ${count(digests.length, "digest")} to ${platform.name}s (${digests.map((d) => d.name).join(", ")})`] : [];
    });
    if (connected.length === 0 && background.length === 0) {
      await Promise.race([terminal.converse(), stopped]);
      return;
    }
    const serving = [...connected.map((name) => `connected to ${name}`), ...background];
    process.stderr.write(`newsbot: ${serving.join("; ")}; running until stopped (SIGTERM or Ctrl-C)\n`);
    if (connected.length === 0 && process.stdin.isTTY) void terminal.converse();
    log.info({ signal: await stopped }, "stopping: letting deliveries in flight finish");
  } finally {
    await delivery?.stop();
    await Promise.all([...adapters.values()].map((adapter) => adapter.stop()));
    await poller.stop();
    await store.close();
  }
}

// Exit explicitly: a terminal conversation cut short by a signal still holds stdin open.
main().then(() => process.exit(0), reportFatal);
