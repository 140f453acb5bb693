// Slack as a platform: SLACK_BOT_TOKEN connects it (Socket Mode with SLACK_APP_TOKEN, else HTTP on
// PORT with SLACK_SIGNING_SECRET), and `{ "platform": "slack", "channel": "C0123" }` targets a
// channel. Bolt loads only when the token is set, so the terminal starts without it.
import { z } from "zod";
import { channelTargetKind } from "../../core/delivery/targets.js";
import { declarePlatform } from "../platform.js";

export const slack = declarePlatform({
  name: "slack",
  settings: z.object({
    // Credentials come from the environment only and never reach a log.
    SLACK_BOT_TOKEN: z.string().trim().min(1).optional(),
    SLACK_APP_TOKEN: z.string().trim().min(1).optional(),
    SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
    SLACK_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  }),
  target: channelTargetKind("slack", "C0123456"),
  connect: (chat, env, log) =>
    env.SLACK_BOT_TOKEN
      ? import("./start.js").then(({ startSlack }) =>
          startSlack(
            chat,
            { botToken: env.SLACK_BOT_TOKEN!, appToken: env.SLACK_APP_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, apiUrl: env.SLACK_API_URL, port: env.PORT, admins: env.NEWSBOT_ADMINS },
            log,
          ),
        )
      : undefined,
  notConnected: 'this newsbot is not connected to Slack (set SLACK_BOT_TOKEN), or use a webhook target with format "slack"',
});
