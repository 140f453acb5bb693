// A bot's worth of read-only work, in a process of its own, for bench/store.ts: opens the newsroom on
// NEWSBOT_DB as `npm start` does, answers /story for each topic given (and /digest when given more
// than one), and prints its peak resident memory as JSON. With --load-index it first loads the story
// index, as every command did before only ingest loaded it: the baseline.
// Plain JavaScript on the compiled build (`npm run build`), as `npm start` runs it: under tsx the
// process would hold its loader too (about 35 MB).
//   node bench/serve.js [--load-index] topic...
import process from "node:process";
import { parseArgs } from "node:util";
import { openNewsroom } from "../dist/src/app.js";
import { findCommand, runCommand } from "../dist/commands/index.js";
import { LOCAL_OPERATOR } from "../dist/commands/command.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "load-index": { type: "boolean", default: false } } });
const { newsroom, store } = await openNewsroom();
try {
  if (values["load-index"]) {
    // A stored article offered again: the unit of work loads the index, then finds it a duplicate.
    const [stored] = await store.articles.byIds([1]);
    if (stored) await newsroom.ingest.addArticles([stored]);
  }
  for (const topic of positionals) await runCommand(findCommand("story"), { topic }, newsroom, LOCAL_OPERATOR);
  if (positionals.length > 1) await runCommand(findCommand("digest"), {}, newsroom, LOCAL_OPERATOR);
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
