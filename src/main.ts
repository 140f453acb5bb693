// `npm start`: with no platform credentials, terminal mode. Stores the bundled sample articles
// (a re-run adds nothing), prints today's briefing, then answers slash commands typed on stdin while
// scheduled digests are delivered. With a webhook target it keeps delivering until SIGTERM or Ctrl-C;
// without one it stops when the input ends.
import { openNewsroom, reportFatal, SAMPLE_FILE, SAMPLE_SOURCE } from "./app.js";
import { ingestFiles } from "./core/intake.js";
import { Terminal } from "./adapters/terminal/terminal.js";
import { startDelivery } from "./delivery.js";
import { count } from "./core/text.js";

/** Resolves on the first SIGTERM or SIGINT: the signal to stop gracefully. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve(signal));
  });
}

async function main(): Promise<void> {
  const { newsroom, store, log, poller, config } = await openNewsroom();
  const terminal = new Terminal(newsroom);
  const delivery = startDelivery(newsroom, config, log, { print: (reply) => terminal.print(reply) });
  // From here a SIGTERM stops gracefully, even during start-up.
  const stopped = stopSignal();
  try {
    const report = await ingestFiles([SAMPLE_FILE], store, { source: SAMPLE_SOURCE });
    for (const rejection of report.rejected) log.warn(rejection, "sample article rejected");
    terminal.print(await newsroom.digest());
    // Followed feeds are polled in the background while the terminal takes commands.
    poller.start();
    await delivery.scheduler.start();
    const webhooks = delivery.scheduler.digests.filter((d) => d.targets.some((t) => t.platform === "webhook"));
    if (webhooks.length === 0) {
      await Promise.race([terminal.converse(), stopped]);
      return;
    }
    process.stderr.write(`newsbot: delivering ${count(webhooks.length, "digest")} to webhooks (${webhooks.map((d) => d.name).join(", ")}) until stopped (SIGTERM or Ctrl-C)\n`);
    if (process.stdin.isTTY) void terminal.converse();
    log.info({ signal: await stopped }, "stopping: letting deliveries in flight finish");
  } finally {
    await delivery.stop();
    await poller.stop();
    await store.close();
  }
}

// Exit explicitly: a terminal conversation cut short by a signal still holds stdin open.
main().then(() => process.exit(0), reportFatal);
