// `npm run newsbot -- <command>`: ingest files, and ask the same questions the slash commands
// answer (story, digest), as text or as JSON.
import path from "node:path";
import { Command as Program, InvalidArgumentError } from "commander";
import type { z } from "zod";
import cliProgress from "cli-progress";
import { findCommand, runCommand } from "../commands/index.js";
import { LOCAL_OPERATOR, type Caller } from "../commands/command.js";
import { Platform } from "./core/delivery/channel.js";
import { explainSlot } from "./core/delivery/explain.js";
import { allDigests } from "./delivery.js";
import { renderExplanation } from "./adapters/terminal/explain.js";
import type { Reply } from "./core/card.js";
import { ingestFiles, type IngestReport } from "./core/intake.js";
import { count } from "./core/text.js";
import { describePoll } from "./core/sources/desk.js";
import type { PollReport } from "./core/sources/poller.js";
import { openNewsroom, reportFatal } from "./app.js";
import { printReply } from "./adapters/terminal/terminal.js";

/** Fewer files than this finish before a progress bar would be worth drawing. */
const PROGRESS_MIN_FILES = 50;

/**
 * A path as the user meant it: `npm run` moves to the project folder, so a relative path typed in a
 * subfolder is resolved against the folder it was typed in (INIT_CWD), and shown relative again.
 */
function fromUserDir(typed: string): string {
  const absolute = path.resolve(process.env.INIT_CWD ?? process.cwd(), typed);
  return path.isAbsolute(typed) ? absolute : path.relative(process.cwd(), absolute) || ".";
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

function printCards(reply: Reply, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(reply.cards, null, 2) + "\n");
  else printReply(reply, process.stdout);
}

function printIngestReport(report: IngestReport, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return;
  }
  const lines = [
    `Added ${count(report.added, "article")}${report.copies ? ` and ${count(report.copies, "near-duplicate")} (kept as more sources of stored articles)` : ""}, ${count(report.duplicates, "duplicate")} skipped, ${report.rejected.length} rejected${report.skipped.length ? `, ${count(report.skipped.length, "symbolic link")} not followed` : ""}.`,
    ...report.skipped.map((s) => `  skipped ${s.path}: ${s.reason}`),
    ...report.rejected.map((r) => `  rejected ${r.path}: ${r.reason}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

function printPolls(reports: PollReport[]): void {
  if (reports.length === 0) return;
  process.stdout.write(reports.map((r) => [describePoll(r), ...r.rejected.map((x) => `  rejected ${x.path}: ${x.reason}`)].join("\n")).join("\n") + "\n");
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. Until then a timer
 * holds the process open: the poller's own timer does not, so that `npm start` ends with its input. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const alive = setInterval(() => undefined, 3_600_000);
    const stop = () => {
      clearInterval(alive);
      process.off("SIGINT", stop).off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop).on("SIGTERM", stop);
  });
}

/** "sources add": the words that name a command of this CLI. */
function commandPath(cli: Program): string {
  const names: string[] = [];
  for (let c: Program | null = cli; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** A bad option in the CLI's words ("--limit must be at most 10"), not the slash command's usage. */
function optionProblem(cli: Program, issue: z.core.$ZodIssue): string {
  const flag = cli.options.find((o) => o.attributeName() === issue.path[0])?.long;
  if (!flag) return issue.message;
  if (issue.code === "too_big" && issue.origin === "number") return `${flag} must be at most ${issue.maximum}`;
  if (issue.code === "too_small" && issue.origin === "number") return `${flag} must be at least ${issue.minimum}`;
  return `${flag}: ${issue.message}`;
}

/** Runs a command from commands/ with options given on the command line `cli`, as the operator (in
 * the terminal's channel unless another is named). */
async function ask(cli: Program, name: string, options: Record<string, unknown>, caller: Caller = LOCAL_OPERATOR): Promise<void> {
  const command = findCommand(name);
  if (!command) throw new Error(`no command ${name}`);
  const checked = command.options.safeParse(options);
  if (!checked.success) cli.error(`error: ${commandPath(cli)}: ${checked.error.issues.map((i) => optionProblem(cli, i)).join("; ")}`);
  const app = await openNewsroom();
  try {
    const reply = await runCommand(command, options, app.newsroom, caller);
    printCards(reply, Boolean(cli.optsWithGlobals<{ json?: boolean }>().json));
    if (reply.failed) process.exitCode = 1;
  } finally {
    await app.store.close();
  }
}

const program = new Program("newsbot")
  .description("newsbot: the news in your team chat. The database is NEWSBOT_DB (default ./data/newsbot.db).")
  .showHelpAfterError();

program
  .command("ingest")
  .description("Import articles: raw scraped text, JSON / JSON Lines, headline-first text, or RSS / Atom / RDF / JSON Feed files (any charset)")
  .argument("<paths...>", "files or folders (folders are read recursively)")
  .option("--json", "print the summary as JSON")
  .option("--source <name>", "source name for articles whose file does not say")
  .action(async (paths: string[], opts: { json?: boolean; source?: string }) => {
    const app = await openNewsroom();
    const bar = new cliProgress.SingleBar(
      { format: "ingest [{bar}] {value}/{total} files, {eta_formatted} left", stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let barStarted = false;
    try {
      const report = await ingestFiles(paths.map(fromUserDir), app.store, {
        source: opts.source,
        onProgress: (done, total) => {
          if (!process.stderr.isTTY || total < PROGRESS_MIN_FILES) return;
          if (!barStarted) bar.start(total, 0);
          barStarted = true;
          bar.update(done);
        },
      });
      if (barStarted) bar.stop();
      printIngestReport(report, Boolean(opts.json));
      process.exitCode = report.rejected.length > 0 ? 1 : 0;
    } finally {
      if (barStarted) bar.stop();
      await app.store.close();
    }
  });

program
  .command("story")
  .description("The stories on a topic, as /story answers them")
  .argument("<topic...>", "a place, person, organisation or any words")
  .option("--json", "print the cards as JSON")
  .option("--limit <n>", "how many stories (1-10)", positiveInt)
  .action((topic: string[], opts: { limit?: number }, cli: Program) => ask(cli, "story", { topic: topic.join(" "), limit: opts.limit }));

program
  .command("digest")
  .description("The briefing of the last 24 hours, as /digest answers it")
  .option("--json", "print the cards as JSON")
  .option("--hours <n>", "how many hours back to look", positiveInt)
  .option("--max <n>", "how many stories at most", positiveInt)
  .action((opts: { hours?: number; max?: number }, cli: Program) => ask(cli, "digest", { hours: opts.hours, max: opts.max }));

const sources = program
  .command("sources")
  .description("The feeds newsbot follows (also NEWSBOT_SOURCES, default ./sources.json)");

sources
  .command("list", { isDefault: true })
  .description("List the followed feeds, with when they were polled and why any is paused")
  .option("--json", "print the sources as JSON")
  .action((_opts: unknown, cli: Program) => ask(cli, "sources", { action: "list" }));

sources
  .command("add")
  .description("Follow a feed (RSS, Atom, RDF or JSON Feed) and poll it once right away; if that poll fails, say why, do not keep it and exit 1")
  .argument("<url>", "the feed's address")
  .option("--name <name>", "the name cards show (default: the feed's title)")
  .option("--every <minutes>", "minutes between polls of this feed (default NEWSBOT_POLL_MINUTES)", positiveInt)
  .option("--keep", "follow it even if the first poll fails (it is retried later)")
  .option("--json", "print the answer as JSON")
  .action((url: string, opts: { name?: string; every?: number; keep?: boolean }, cli: Program) =>
    ask(cli, "sources", { action: "add", target: url, name: opts.name, every: opts.every, keep: opts.keep }),
  );

for (const [action, description] of [
  ["remove", "Stop following a feed (its articles stay stored)"],
  ["resume", "Poll a paused feed again"],
] as const) {
  sources
    .command(action)
    .description(description)
    .argument("<id>", "the source's id (from sources list) or its URL")
    .option("--json", "print the answer as JSON")
    .action((id: string, _opts: unknown, cli: Program) => ask(cli, "sources", { action, target: id }));
}

program
  .command("poll")
  .description("Poll the followed feeds, each when it is due, until Ctrl-C or SIGTERM (the polls in flight finish first); with --once, every feed once now")
  .option("--once", "poll every feed that is not paused once, then exit")
  .option("--json", "print the poll reports as JSON (with --once)")
  .action(async (opts: { once?: boolean; json?: boolean }) => {
    const app = await openNewsroom();
    try {
      if (opts.once) {
        const reports = await app.poller.pollAll();
        if (opts.json) process.stdout.write(JSON.stringify(reports, null, 2) + "\n");
        else if (reports.length === 0) process.stdout.write("No sources to poll. Add one with: npm run newsbot -- sources add <feed url>\n");
        else printPolls(reports);
        process.exitCode = reports.some((r) => r.outcome === "failed" || r.outcome === "paused") ? 1 : 0;
        return;
      }
      process.stderr.write("Polling the followed feeds, each when it is due; Ctrl-C or SIGTERM stops.\n");
      app.poller.start(undefined, printPolls);
      await untilStopped();
      process.stderr.write("Stopping once the polls in flight finish (Ctrl-C again stops at once).\n");
      await app.poller.stop();
    } finally {
      await app.store.close();
    }
  });

/** "slack:C0123" as the channel a /news change applies to. */
function channelOption(value: string): Caller {
  const [platform = "", channel = ""] = value.split(":");
  const parsed = Platform.safeParse(platform);
  if (!parsed.success || !/^[A-Za-z0-9]{1,40}$/.test(channel)) throw new InvalidArgumentError('expected platform:channel, such as "slack:C0123456" or "discord:123456789012345678"');
  return { ...LOCAL_OPERATOR, channel: { platform: parsed.data, channel } };
}

const news = program
  .command("news")
  .description("A channel's own daily briefing, as /news sets it: the terminal's, or another channel's with --channel")
  .option("--channel <platform:id>", "the channel, such as slack:C0123456 (default: the terminal)", channelOption)
  .option("--json", "print the answer as JSON");

/** Runs /news with the options given to `news`, whichever subcommand carries them. */
function askNews(action: string, options: Record<string, unknown>, command: Program): Promise<void> {
  return ask(command, "news", { action, ...options }, command.optsWithGlobals<{ channel?: Caller }>().channel);
}

news
  .command("list", { isDefault: true })
  .description("What the channel follows and when its briefing comes")
  .action((_opts: unknown, command: Program) => askNews("list", {}, command));
for (const [action, description] of [
  ["subscribe", "Follow a topic in the channel's briefing"],
  ["unsubscribe", "Stop following a topic"],
] as const) {
  news
    .command(action)
    .description(description)
    .argument("<topic...>", "a place, person, organisation or any words")
    .action((topic: string[], _opts: unknown, command: Program) => askNews(action, { topic: topic.join(" ") }, command));
}
news
  .command("schedule")
  .description("When the channel's briefing comes, every day")
  .argument("<HH:MM>", "the time of day, such as 07:30")
  .argument("[timezone]", "an IANA timezone such as Europe/London (default NEWSBOT_TIMEZONE)")
  .action((time: string, timezone: string | undefined, _opts: unknown, command: Program) => askNews("schedule", { time, timezone }, command));
for (const [action, description] of [
  ["pause", "Stop the channel's briefings (digest files' too) until resumed"],
  ["resume", "Start them again"],
] as const) {
  news
    .command(action)
    .description(description)
    .action((_opts: unknown, command: Program) => askNews(action, {}, command));
}

program
  .command("explain")
  .description("Why a digest's briefing was (or was not) posted: its stories, why each was chosen or left out, and each target's delivery")
  .argument("<digest>", "a digest's name (a digest file's, or a channel's such as slack:C0123456)")
  .option("--at <time>", "the slot at or before this time, such as 2026-11-27T08:00Z (default: now)")
  .option("--json", "print the explanation as JSON")
  .action(async (name: string, opts: { at?: string; json?: boolean }) => {
    const at = opts.at === undefined ? new Date() : new Date(opts.at);
    if (Number.isNaN(at.getTime())) throw new Error(`--at: expected a time such as 2026-11-27T08:00Z, got "${opts.at}"`);
    const app = await openNewsroom();
    try {
      const digests = await allDigests(app.newsroom);
      const digest = digests.find((d) => d.name === name);
      if (!digest) {
        const known = digests.map((d) => d.name).join(", ") || `none (add one to ${app.config.NEWSBOT_DIGESTS})`;
        throw new Error(`no digest named "${name}"; the digests are: ${known}`);
      }
      const explanation = await explainSlot(app.newsroom, digest, at);
      if (!explanation) throw new Error(`digest "${name}" has no slot at or before ${at.toISOString()}`);
      if (opts.json) process.stdout.write(JSON.stringify(explanation, null, 2) + "\n");
      else process.stdout.write(renderExplanation(explanation, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, width: 100 }));
    } finally {
      await app.store.close();
    }
  });

const discord = program
  .command("discord")
  .description("The Discord bot: DISCORD_TOKEN is its token, DISCORD_API_URL another REST base URL (a proxy, a local fake)");

discord
  .command("register")
  .description("Register the slash commands with Discord: in one server with --guild (they show at once), otherwise globally")
  .option("--guild <id>", "the server's id (in Discord: right-click the server, Copy Server ID)")
  .action(async (opts: { guild?: string }) => {
    // Loaded here: discord.js takes a moment to load, which no other command should wait for.
    const { registerFromEnvironment } = await import("./adapters/discord/register.js");
    process.stdout.write(`${await registerFromEnvironment(process.env, opts.guild)}\n`);
  });

program.parseAsync().catch(reportFatal);
