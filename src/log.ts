// The process log: pino, to stderr so that stdout stays the user's (cards, JSON). Anything that
// looks like a credential is redacted before it is written. pino is loaded with the first line the
// level lets through, so a command that logs nothing (at the default level, most) starts without it.
import { createRequire } from "node:module";
import type { LogFn, Logger } from "pino";

const require = createRequire(import.meta.url);

const REDACTED = [
  "token",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "headers.authorization",
  "*.headers.authorization",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_APP_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "*.DISCORD_TOKEN",
];

/** pino's level numbers, to tell without loading pino whether a line is written at all. */
const LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

type Method = "debug" | "info" | "warn" | "error";
export type Log = Pick<Logger, Method>;

export function createLog(level: string): Log {
  // An unknown level is pino's to refuse, at the first line.
  const threshold = LEVELS[level] ?? 0;
  let logger: Logger | undefined;
  const open = (): Logger => {
    const { pino } = require("pino") as typeof import("pino");
    return pino({ name: "newsbot", level, redact: { paths: REDACTED, censor: "[redacted]" } }, pino.destination(2));
  };
  const method = (name: Method): LogFn =>
    ((...args: Parameters<LogFn>) => {
      if (LEVELS[name]! < threshold) return;
      logger ??= open();
      logger[name](...args);
    }) as LogFn;
  return { debug: method("debug"), info: method("info"), warn: method("warn"), error: method("error") };
}
