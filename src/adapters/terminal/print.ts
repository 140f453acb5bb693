// A reply printed for a person, apart from the conversation (terminal.ts): a CLI command that prints
// its answer does not load node:readline.
import type { Writable } from "node:stream";
import type { Reply } from "../../core/card.js";
import { renderReply } from "./render.js";

export type Output = Writable & { isTTY?: boolean; columns?: number };

/** Prints a reply for a person: colour on a TTY (unless NO_COLOR), plain when piped. */
export function printReply(reply: Reply, output: Output): void {
  const color = Boolean(output.isTTY) && !process.env.NO_COLOR;
  const width = Math.min(output.columns ?? 100, 100);
  output.write(renderReply(reply, { color, width }) + "\n");
}
