// The chat commands as CLI commands, derived from their definitions in commands/: arguments,
// options, subcommands, help and examples, and the raw options a command line becomes.
import { Command as Program, CommanderError } from "commander";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineAction, defineCommand, type Command } from "../../commands/command.js";
import { COMMANDS, findCommand } from "../../commands/index.js";
import type { RawOptions } from "../../commands/syntax.js";
import { addCommand } from "../../src/cli/cli-command.js";
import { cliCommandOf } from "../../src/cli/chat-commands.js";

/** A CLI of these commands that records what each command line would run, instead of running it. */
function cliOf(commands: readonly Command[]) {
  const ran: Array<{ command: string; options: RawOptions; channel?: unknown }> = [];
  let out = "";
  const program = new Program("newsbot").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: (text) => (out += text) });
  for (const command of commands) {
    addCommand(
      program,
      cliCommandOf(command, {
        channel: { flags: "--channel <platform:id>", description: "the channel" },
        run: async (cli, c, options) => void ran.push({ command: c.name, options, channel: cli.optsWithGlobals().channel }),
      }),
    );
  }
  const run = async (...args: string[]) => {
    ran.length = 0;
    await program.parseAsync(args, { from: "user" });
    return ran[0];
  };
  /** The help `newsbot <path> --help` prints. */
  const help = (...path: string[]) => {
    out = "";
    path.reduce((cli, name) => cli.commands.find((c) => c.name() === name)!, program).outputHelp();
    return out;
  };
  return { program, run, help };
}

const cli = cliOf(COMMANDS);

describe("the chat commands in the CLI", () => {
  it("has each command with its description, and each named action as a subcommand", () => {
    expect(cli.program.commands.map((c) => [c.name(), c.summary()])).toEqual(COMMANDS.map((c) => [c.name, c.description]));
    const news = cli.program.commands.find((c) => c.name() === "news")!;
    expect(news.commands.map((c) => [c.name(), c.summary()])).toEqual(findCommand("news")!.actions.map((a) => [a.name, a.description]));
  });

  it("takes an action's words as arguments and its other fields as options, as the definitions say", async () => {
    expect(await cli.run("story", "new", "york", "--limit", "3")).toEqual({ command: "story", options: { topic: "new york", limit: 3 } });
    expect(await cli.run("digest", "--hours", "48", "--json")).toEqual({ command: "digest", options: { hours: 48 } });
    expect(await cli.run("sources", "add", "https://example.com/rss", "--name", "The Guardian", "--every", "30", "--keep")).toEqual({
      command: "sources",
      options: { action: "add", target: "https://example.com/rss", name: "The Guardian", every: 30, keep: true },
    });
    expect(await cli.run("news", "schedule", "07:30", "Europe/London", "--channel", "slack:C1")).toEqual({
      command: "news",
      options: { action: "schedule", time: "07:30", timezone: "Europe/London" },
      channel: "slack:C1",
    });
    // A command with actions runs its first when none is named.
    expect(await cli.run("news")).toEqual({ command: "news", options: { action: "list" } });
    expect(await cli.run("sources")).toEqual({ command: "sources", options: { action: "list" } });
    await expect(cli.run("story", "syria", "--limit", "many")).rejects.toThrow(CommanderError);
    await expect(cli.run("sources", "remove")).rejects.toThrow(/missing required argument 'id'/);
  });

  it("writes help from the field descriptions, with the definitions' examples as command lines", () => {
    const story = cli.help("story");
    expect(story).toMatch(/^Usage: newsbot story \[options\] <topic\.\.\.>/);
    expect(story).toMatch(/topic\s+a place, person, organisation or any words, e\.g\. syria/);
    expect(story).toMatch(/--limit <n>\s+how many stories \(1-10\)/);
    expect(story).toContain("npm run newsbot -- story climate policy --limit 3");
    const add = cli.help("sources", "add");
    expect(add).toMatch(/^Usage: newsbot sources add \[options\] <feed url>/);
    expect(add).toContain("If that first poll fails, newsbot says why and does not keep the feed");
    expect(add).toMatch(/--keep\s+follow it even if its first poll fails/);
    expect(add).toContain("npm run newsbot -- sources add https://www.theguardian.com/world/rss --name 'The Guardian'");
    expect(cli.help("news", "schedule")).toMatch(/^Usage: newsbot news schedule \[options\] <HH:MM> \[timezone\]/);
  });

  it("makes an action added to a definition a subcommand with its arguments, options and help", async () => {
    const list = defineAction({ name: "list", description: "The forecasts", options: z.object({}), run: async () => ({ title: "", cards: [] }) });
    const forecast = defineAction({
      name: "forecast",
      description: "The forecast for a place",
      options: z.object({
        place: z.string().describe("Where"),
        days: z.number().int().max(7).optional().describe("How many days ahead"),
        metric: z.boolean().optional().describe("In °C"),
      }),
      words: [{ field: "place", rest: true }],
      examples: [{ place: "New York", days: 3 }],
      run: async () => ({ title: "", cards: [] }),
    });
    const weather = cliOf([defineCommand({ name: "weather", description: "The weather", actions: [list, forecast] })]);
    expect(await weather.run("weather", "forecast", "New", "York", "--days", "3", "--metric")).toEqual({
      command: "weather",
      options: { action: "forecast", place: "New York", days: 3, metric: true },
    });
    const help = weather.help("weather", "forecast");
    expect(help).toMatch(/^Usage: newsbot weather forecast \[options\] <place\.\.\.>/);
    expect(help).toMatch(/--days <n>\s+how many days ahead/);
    expect(help).toContain("npm run newsbot -- weather forecast New York --days 3");
  });
});
