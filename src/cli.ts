// `npm run newsbot -- <command>`: ingest files, and ask the same questions the slash commands
// answer (story, digest), as text or as JSON.
import path from "node:path";
import { Command as Program, InvalidArgumentError } from "commander";
import cliProgress from "cli-progress";
import { findCommand, runCommand } from "../commands/index.js";
import type { Reply } from "./core/card.js";
import { ingestFiles, type IngestReport } from "./core/intake.js";
import { count } from "./core/text.js";
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
    `Added ${count(report.added, "article")}, ${count(report.duplicates, "duplicate")} skipped, ${report.rejected.length} rejected.`,
    ...report.rejected.map((r) => `  rejected ${r.path}: ${r.reason}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

/** Runs a command from commands/ with options given on the command line. */
async function ask(name: string, options: Record<string, unknown>, json: boolean): Promise<void> {
  const app = openNewsroom();
  try {
    const command = findCommand(name);
    if (!command) throw new Error(`no command ${name}`);
    printCards(await runCommand(command, options, app.newsroom), json);
  } finally {
    await app.store.close();
  }
}

const program = new Program("newsbot")
  .description("newsbot: the news in your team chat. The database is NEWSBOT_DB (default ./data/newsbot.db).")
  .showHelpAfterError();

program
  .command("ingest")
  .description("Import articles: raw scraped text, JSON / JSON Lines, or headline-first text files (any charset)")
  .argument("<paths...>", "files or folders (folders are read recursively)")
  .option("--json", "print the summary as JSON")
  .option("--source <name>", "source name for articles whose file does not say")
  .action(async (paths: string[], opts: { json?: boolean; source?: string }) => {
    const app = openNewsroom();
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
  .action((topic: string[], opts: { json?: boolean; limit?: number }) =>
    ask("story", { topic: topic.join(" "), limit: opts.limit }, Boolean(opts.json)),
  );

program
  .command("digest")
  .description("The briefing of the last 24 hours, as /digest answers it")
  .option("--json", "print the cards as JSON")
  .option("--hours <n>", "how many hours back to look", positiveInt)
  .option("--max <n>", "how many stories at most", positiveInt)
  .action((opts: { json?: boolean; hours?: number; max?: number }) =>
    ask("digest", { hours: opts.hours, max: opts.max }, Boolean(opts.json)),
  );

program.parseAsync().catch(reportFatal);
