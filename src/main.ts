// `npm start`. With SLACK_BOT_TOKEN and/or DISCORD_TOKEN: connects to those platforms, answers their
// slash commands and delivers digests until SIGTERM or Ctrl-C. With no platform credentials, terminal
// mode: stores the bundled sample articles (a re-run adds nothing), prints today's briefing, then
// answers slash commands typed on stdin while scheduled digests are delivered; with a webhook target
// it keeps delivering until stopped, without one it stops when the input ends.
import { openNewsroom, reportFatal, SAMPLE_FILE, SAMPLE_SOURCE } from "./app.js";
import type { Config } from "./config.js";
import { ingestFiles } from "./core/intake.js";
import type { Newsroom } from "./core/newsroom.js";
import { count } from "./core/text.js";
import type { Log } from "./log.js";
import type { ChatAdapter } from "./adapters/chat-adapter.js";
import { Terminal } from "./adapters/terminal/terminal.js";
import { startDelivery } from "./delivery.js";

/** Resolves on the first SIGTERM or SIGINT: the signal to stop gracefully. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve(signal));
  });
}

/** The chat platforms whose credentials are set, connected. Their libraries load only then, so the
 * terminal starts without them. */
async function connectPlatforms(newsroom: Newsroom, config: Config, log: Log): Promise<{ slack?: ChatAdapter; discord?: ChatAdapter }> {
  const slack = config.SLACK_BOT_TOKEN
    ? await (await import("./adapters/slack/slack.js")).startSlack(
        newsroom,
        { botToken: config.SLACK_BOT_TOKEN, appToken: config.SLACK_APP_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET, apiUrl: config.SLACK_API_URL, port: config.PORT, admins: config.NEWSBOT_ADMINS },
        log,
      )
    : undefined;
  try {
    const discord = config.DISCORD_TOKEN
      ? await (await import("./adapters/discord/discord.js")).startDiscord(newsroom, { token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, admins: config.NEWSBOT_ADMINS }, log)
      : undefined;
    return { slack, discord };
  } catch (error) {
    await slack?.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const { newsroom, store, log, poller, config } = await openNewsroom();
  // From here a SIGTERM stops gracefully, even during start-up.
  const stopped = stopSignal();
  const terminal = new Terminal(newsroom);
  let platforms: { slack?: ChatAdapter; discord?: ChatAdapter } = {};
  let delivery: ReturnType<typeof startDelivery> | undefined;
  try {
    platforms = await connectPlatforms(newsroom, config, log);
    const connected = Object.keys(platforms).filter((name) => platforms[name as keyof typeof platforms]);
    delivery = startDelivery(newsroom, config, log, {
      print: (reply) => terminal.print(reply),
      couriers: { slack: platforms.slack?.courier, discord: platforms.discord?.courier },
    });
    if (connected.length === 0) {
      // Terminal mode runs on the bundled sample articles; a chat workspace gets only its own feeds.
      const report = await ingestFiles([SAMPLE_FILE], store, { source: SAMPLE_SOURCE });
      for (const rejection of report.rejected) log.warn(rejection, "sample article rejected");
      terminal.print(await newsroom.digest());
    }
    // Followed feeds are polled in the background.
    poller.start();
    await delivery.scheduler.start();
    const webhooks = delivery.scheduler.digests.filter((d) => d.targets.some((t) => t.platform === "webhook"));
    if (connected.length === 0 && webhooks.length === 0) {
      await Promise.race([terminal.converse(), stopped]);
      return;
    }
    const serving = [...connected.map((name) => `connected to ${name}`), ...(webhooks.length ? [`delivering ${count(webhooks.length, "digest")} to webhooks (${webhooks.map((d) => d.name).join(", ")})`] : [])];
    process.stderr.write(`newsbot: ${serving.join("; ")}; running until stopped (SIGTERM or Ctrl-C)\n`);
    if (connected.length === 0 && process.stdin.isTTY) void terminal.converse();
    log.info({ signal: await stopped }, "stopping: letting deliveries in flight finish");
  } finally {
    await delivery?.stop();
    await Promise.all([platforms.slack?.stop(), platforms.discord?.stop()]);
    await poller.stop();
    await store.close();
  }
}

// Exit explicitly: a terminal conversation cut short by a signal still holds stdin open.
main().then(() => process.exit(0), reportFatal);
