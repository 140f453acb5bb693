// Slack as a platform: SLACK_BOT_TOKEN connects it (Socket Mode with SLACK_APP_TOKEN, else HTTP on
// PORT with SLACK_SIGNING_SECRET), and `{ "platform": "slack", "channel": "C0123" }` targets a
// channel. Bolt loads only when the token is set, so the terminal starts without it.
import { z } from "zod";
import { channelTargetKind } from "../../core/delivery/targets.js";
import { declarePlatform } from "../platform.js";
import { userGroupMention } from "./escape.js";

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
  target: {
    ...channelTargetKind("slack", "C0123456"),
    // An alert pings a user group: <!subteam^S0123ABC> in a message. The manager types its id, or
    // pastes the mention as Slack writes it (<!subteam^S0123ABC|@oncall>).
    mentions: {
      noun: "a Slack user group",
      example: "S0123ABCD (the group's ID: its profile's ⋮ menu, Copy group ID)",
      read: (typed) => /^(?:<!subteam\^(S[A-Z0-9]{2,20})(?:\|[^>]*)?>|(S[A-Z0-9]{2,20}))$/.exec(typed.trim())?.slice(1).find(Boolean),
      show: userGroupMention,
    },
  },
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
