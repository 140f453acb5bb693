// How newsbot stops on an error nothing else handled: shared by `npm start` and the CLI, and
// outside src/app.ts so that the CLI reaches it without loading the newsroom.

/** One clear line for anything that escapes, never a stack trace (unless debugging). */
export function reportFatal(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`newsbot: ${message}\n`);
  if (process.env.NEWSBOT_LOG_LEVEL === "debug" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
