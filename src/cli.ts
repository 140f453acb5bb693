// `npm run newsbot -- <command>`: every chat command as its definition in commands/ describes it
// (story, digest, news, sources, help), answered as text or as JSON, and the CLI's own commands
// (ingest, poll, explain, discord register), each defined once below.
import fs from "node:fs/promises";
import path from "node:path";
import { Command as Program, InvalidArgumentError } from "commander";
import type { z } from "zod";
import { actionOf, COMMANDS, runCommand } from "../commands/index.js";
import { LOCAL_OPERATOR, type Caller } from "../commands/command.js";
import { findPlatform, platforms } from "./adapters/index.js";
import type { Reply } from "./core/card.js";
import type { IngestReport } from "./core/ingest-files.js";
import { count } from "./core/text.js";
import { describePoll } from "./core/sources/desk.js";
import type { PollReport } from "./core/sources/poller.js";
import type * as App from "./app.js";
import { reportFatal } from "./fatal.js";
import { printReply } from "./adapters/terminal/print.js";
import { addCommand, type CliCommand } from "./cli/cli-command.js";
import { cliCommandOf, type ChatCommandRunner } from "./cli/chat-commands.js";
import { migrateDbCommand } from "./cli/migrate-db.js";

/** The newsroom, with its feed poller, for a command that runs. Loaded here, as the store, the search
 * and the feed fetcher are not needed to print --help or refuse a mistyped option. */
const openNewsroom = async () => (await import("./app.js")).openNewsroom(process.env);

/** The chat commands whose answers show the operator's digest files (a channel's /news list names
 * those that come to it); the others start without reading them. */
const SHOW_DIGEST_FILES: ReadonlySet<string> = new Set(["news"]);
/** The chat commands that may poll a feed (sources add and resume poll it at once); the others start
 * without the fetcher and the poller. */
const POLL_FEEDS: ReadonlySet<string> = new Set(["sources"]);

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

/** "slack:C0123" as the channel a /news change applies to: a channel of a chat platform in the
 * registry, its id checked as that platform's digest targets are. */
function channelOption(value: string): Caller {
  const [name = "", channel = ""] = value.split(":");
  const kind = findPlatform(name)?.target;
  const target = kind?.forChannel?.({ platform: name, channel });
  const checked = kind && target ? kind.schema.safeParse(target) : undefined;
  if (!checked?.success || !kind?.channel) {
    const chats = platforms().filter((p) => p.target.channel && p.target.forChannel).map((p) => p.name);
    throw new InvalidArgumentError(`expected platform:channel with a platform of ${chats.join(", ")}, such as "slack:C0123456" or "discord:123456789012345678"`);
  }
  return { ...LOCAL_OPERATOR, channel: kind.channel(checked.data) };
}

/** Runs a command from commands/ with the options given on the command line `cli`, as the operator
 * (in the terminal's channel unless --channel names another). */
const chatCommands: ChatCommandRunner = {
  channel: { flags: "--channel <platform:id>", description: "the channel, such as slack:C0123456 (default: the terminal)", parse: channelOption },
  async run(cli, command, options) {
    const found = actionOf(command, options);
    const checked = "action" in found ? found.action.options.safeParse(found.options) : undefined;
    if (checked && !checked.success) cli.error(`error: ${commandPath(cli)}: ${checked.error.issues.map((i) => optionProblem(cli, i)).join("; ")}`);
    const { channel: caller = LOCAL_OPERATOR, json } = cli.optsWithGlobals<{ channel?: Caller; json?: boolean }>();
    const opening: App.OpenOptions = { digestFiles: SHOW_DIGEST_FILES.has(command.name), poller: POLL_FEEDS.has(command.name) };
    const app = await (await import("./app.js")).openNewsroom(process.env, opening);
    try {
      const reply = await runCommand(command, options, app.newsroom, caller);
      printCards(reply, Boolean(json));
      if (reply.failed) process.exitCode = 1;
    } finally {
      await app.store.close();
    }
  },
};

/** The CLI's own commands, which no chat has. */
const OPERATOR_COMMANDS: CliCommand[] = [
  {
    name: "ingest",
    description: "Import articles: raw scraped text, JSON / JSON Lines, headline-first text, or RSS / Atom / RDF / JSON Feed files (any charset)",
    arguments: [{ name: "paths", description: "files or folders (folders are read recursively)", variadic: true }],
    options: [
      { flags: "--json", description: "print the summary as JSON" },
      { flags: "--source <name>", description: "source name for articles whose file does not say" },
    ],
    examples: ["ingest samples/asharq-al-awsat.txt", "ingest notes/ --source \"Field notes\" --json"],
    run: async ([paths], opts: { json?: boolean; source?: string }) => {
      // Loaded here: reading every file format takes a while to load, which no read-only command
      // should wait for.
      const [{ ingestFiles }, { default: cliProgress }] = await Promise.all([import("./core/ingest-files.js"), import("cli-progress")]);
      const app = await openNewsroom();
      const bar = new cliProgress.SingleBar(
        { format: "ingest [{bar}] {value}/{total} files, {eta_formatted} left", stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      let barStarted = false;
      try {
        const report = await ingestFiles((paths as string[]).map(fromUserDir), app.newsroom.ingest, {
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
    },
  },
  {
    name: "poll",
    description: "Poll the followed feeds, each when it is due, until Ctrl-C or SIGTERM (the polls in flight finish first); with --once, every feed once now",
    options: [
      { flags: "--once", description: "poll every feed that is not paused once, then exit" },
      { flags: "--json", description: "print the poll reports as JSON (with --once)" },
    ],
    examples: ["poll", "poll --once --json"],
    run: async (_args, opts: { once?: boolean; json?: boolean }) => {
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
    },
  },
  {
    name: "explain",
    description: "Why a digest's briefing was (or was not) posted: its stories, why each was chosen or left out, and each target's delivery",
    arguments: [{ name: "digest", description: "a digest's name (a digest file's, or a channel's such as slack:C0123456)" }],
    options: [
      { flags: "--at <time>", description: "the slot at or before this time, such as 2026-11-27T08:00Z (default: now)" },
      { flags: "--json", description: "print the explanation as JSON" },
    ],
    examples: ["explain morning", "explain morning --at 2026-11-26T09:00Z --json"],
    // Loaded here: the delivery side (slots, editions, filters), which no other command needs.
    run: async ([name], opts: { at?: string; json?: boolean }) => (await import("./cli/explain.js")).explain(String(name), opts),
  },
  {
    name: "discord",
    description: "The Discord bot: DISCORD_TOKEN is its token, DISCORD_API_URL another REST base URL (a proxy, a local fake)",
    subcommands: [
      {
        name: "register",
        description: "Register the slash commands with Discord: in one server with --guild (they show at once), otherwise globally",
        options: [{ flags: "--guild <id>", description: "the server's id (in Discord: right-click the server, Copy Server ID)" }],
        examples: ["discord register --guild 123456789012345678"],
        run: async (_args, opts: { guild?: string }) => {
          // Loaded here: discord.js takes a moment to load, which no other command should wait for.
          const { registerFromEnvironment } = await import("./adapters/discord/register.js");
          process.stdout.write(`${await registerFromEnvironment(process.env, opts.guild)}\n`);
        },
      },
    ],
  },
  migrateDbCommand,
];

/** Subcommands only the CLI has under a chat command: they read or write the operator's files. */
const CLI_ONLY_SUBCOMMANDS: Readonly<Record<string, CliCommand[]>> = {
  sources: [
    {
      name: "import",
      description: "Follow the feeds of an OPML file (titles as names, folders as categories); says what it added, what was already followed and what it could not read",
      arguments: [{ name: "file", description: "an OPML file, such as one exported by another feed reader" }],
      options: [{ flags: "--json", description: "print the answer as JSON" }],
      examples: ["sources import feeds.opml"],
      run: async ([file], opts: { json?: boolean }) => {
        const text = await fs.readFile(fromUserDir(String(file)), "utf8");
        const app = await openNewsroom();
        try {
          const reply = await app.newsroom.sources.importOpml(text);
          printCards(reply, Boolean(opts.json));
          if (reply.failed) process.exitCode = 1;
        } finally {
          await app.store.close();
        }
      },
    },
    {
      name: "export",
      description: "Print the followed feeds as an OPML file (categories as folders): npm run -s newsbot -- sources export > feeds.opml",
      run: async () => {
        const app = await openNewsroom();
        try {
          process.stdout.write(await app.newsroom.sources.exportOpml());
        } finally {
          await app.store.close();
        }
      },
    },
  ],
};

const program = new Program("newsbot")
  .description("newsbot: the news in your team chat. The database is NEWSBOT_DB (default ./data/newsbot.db).")
  .configureHelp({ showGlobalOptions: true })
  .showHelpAfterError();
// ingest first, as the first step; then the chat commands in /help's order but /help itself (the
// CLI's help is --help and `help <command>`); then the CLI's other commands.
const [ingest, ...operatorCommands] = OPERATOR_COMMANDS;
const chat = COMMANDS.filter((c) => c.name !== "help").map((c) => cliCommandOf(c, chatCommands, CLI_ONLY_SUBCOMMANDS[c.name]));
for (const spec of [ingest!, ...chat, ...operatorCommands]) addCommand(program, spec);

/**
 * Ends the process once the command is done, when what it wrote is out (stdout and stderr are written
 * at once to a file, and to a pipe on Linux): left to end by itself, a process whose answer is printed
 * still takes tens of milliseconds (the event loop's last turns, a garbage collection V8 had scheduled,
 * freeing the heap) before the shell has its prompt back. Output still queued ends it as before.
 */
function exitWhenWritten(): void {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

program.parseAsync().then(exitWhenWritten, reportFatal);
