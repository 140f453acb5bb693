// Bolt, the WebClient and the Socket Mode client log through this: warnings and errors go to our pino
// log, anything below is dropped (their debug output includes request bodies). Whatever looks like a
// Slack token is blanked first, so no credential reaches a log even if a library prints one.
import { LogLevel, type Logger } from "@slack/bolt";
import type { Log } from "../../log.js";

/** Bot, user, app-level and configuration tokens. */
const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

export function redactTokens(text: string): string {
  return text.replace(TOKEN, "[redacted]");
}

function line(parts: unknown[]): string {
  const text = parts
    .map((part) => {
      if (part instanceof Error) return part.message;
      if (typeof part === "string") return part;
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(" ");
  return redactTokens(text);
}

export function boltLogger(log: Log): Logger {
  let name = "slack";
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log.warn({ from: name }, line(parts)),
    error: (...parts: unknown[]) => log.error({ from: name }, line(parts)),
    // Bolt sets its level on the logger it is given; newsbot's own level (NEWSBOT_LOG_LEVEL) rules.
    setLevel: () => {},
    // WARN keeps the libraries from building debug strings they would only throw away.
    getLevel: () => LogLevel.WARN,
    setName: (value: string) => {
      name = value;
    },
  };
}
