// `npm start`: with no platform credentials, terminal mode. Stores the bundled sample articles
// (a re-run adds nothing), prints today's briefing, then answers slash commands typed on stdin.
import { openNewsroom, reportFatal, SAMPLE_FILE, SAMPLE_SOURCE } from "./app.js";
import { ingestFiles } from "./core/intake.js";
import { Terminal } from "./adapters/terminal/terminal.js";

async function main(): Promise<void> {
  const { newsroom, store, log, poller } = await openNewsroom();
  try {
    const report = await ingestFiles([SAMPLE_FILE], store, { source: SAMPLE_SOURCE });
    for (const rejection of report.rejected) log.warn(rejection, "sample article rejected");
    const terminal = new Terminal(newsroom);
    terminal.print(await newsroom.digest());
    // Followed feeds are polled in the background while the terminal takes commands.
    poller.start();
    await terminal.converse();
  } finally {
    await poller.stop();
    await store.close();
  }
}

main().catch(reportFatal);
