// The terminal adapter: prints a reply, and reads slash commands line by line from stdin. With a
// TTY it shows a prompt; with piped input it answers each line; with stdin closed it just returns.
import readline from "node:readline";
import type { Readable } from "node:stream";
import { runCommandLine } from "../../../commands/index.js";
import { LOCAL_OPERATOR } from "../../../commands/command.js";
import type { Reply } from "../../core/card.js";
import type { Newsroom } from "../../core/newsroom.js";
import { printReply, type Output } from "./print.js";

export interface TerminalIO {
  input: Readable & { isTTY?: boolean };
  output: Output;
}

export class Terminal {
  constructor(
    private readonly newsroom: Newsroom,
    private readonly io: TerminalIO = { input: process.stdin, output: process.stdout },
  ) {}

  print(reply: Reply): void {
    printReply(reply, this.io.output);
  }

  /** Answers commands until the input ends or the user types /quit. */
  async converse(): Promise<void> {
    const interactive = Boolean(this.io.input.isTTY && this.io.output.isTTY);
    const lines = readline.createInterface({
      input: this.io.input,
      output: interactive ? this.io.output : undefined,
      terminal: interactive,
      prompt: "newsbot> ",
    });
    if (interactive) {
      this.io.output.write("Type /story <topic>, /digest or /help. /quit or Ctrl-D leaves.\n");
      lines.prompt();
    }
    for await (const line of lines) {
      const text = line.trim();
      if (/^\/?(quit|exit)$/i.test(text)) break;
      if (text) this.print(await runCommandLine(text, this.newsroom, LOCAL_OPERATOR));
      if (interactive) lines.prompt();
    }
    lines.close();
  }
}
