// The process log: pino, to stderr so that stdout stays the user's (cards, JSON). Anything that
// looks like a credential is redacted before it is written.
import { pino } from "pino";

export function createLog(level: string) {
  return pino(
    {
      name: "newsbot",
      level,
      redact: {
        paths: [
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
        ],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}
export type Log = ReturnType<typeof createLog>;
