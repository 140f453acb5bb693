// Discord as a platform: DISCORD_TOKEN connects the bot through the gateway, and
// `{ "platform": "discord", "channel": "123456789012345678" }` targets a channel. discord.js loads
// only when the token is set, so the terminal starts without it.
import { z } from "zod";
import { channelTargetKind } from "../../core/delivery/targets.js";
import { declarePlatform } from "../platform.js";
import { roleMention } from "./escape.js";

export const discord = declarePlatform({
  name: "discord",
  settings: z.object({
    DISCORD_TOKEN: z.string().trim().min(1).optional(),
    DISCORD_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  }),
  target: {
    ...channelTargetKind("discord", "123456789012345678"),
    // An alert pings a role: <@&ROLE> in a message whose allowed_mentions name that role alone. Typing
    // @role in a slash command's text option sends <@&ROLE>; its id alone is taken too.
    mentions: {
      noun: "a Discord role",
      example: "@role (or the role's id)",
      read: (typed) => /^(?:<@&(\d{17,20})>|(\d{17,20}))$/.exec(typed.trim())?.slice(1).find(Boolean),
      show: roleMention,
    },
  },
  connect: (chat, env, log) =>
    env.DISCORD_TOKEN
      ? import("./start.js").then(({ startDiscord }) => startDiscord(chat, { token: env.DISCORD_TOKEN!, apiUrl: env.DISCORD_API_URL, admins: env.NEWSBOT_ADMINS }, log))
      : undefined,
  notConnected: 'this newsbot is not connected to Discord (set DISCORD_TOKEN), or use a webhook target with format "discord"',
});
