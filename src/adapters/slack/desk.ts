// What every Slack listener works with: the newsroom, the log, who manages which channel, and the
// work in flight. And the one way a Slack user becomes a command's Caller.
import type { Caller } from "../../../commands/command.js";
import type { Newsroom } from "../../core/newsroom.js";
import type { Log } from "../../log.js";
import type { InFlight } from "./in-flight.js";
import type { ChannelManagers } from "./managers.js";

export interface SlackDesk {
  newsroom: Newsroom;
  log: Log;
  managers: ChannelManagers;
  inFlight: InFlight;
}

/** The person who typed or clicked, in the channel they did it in. */
export async function callerOf(desk: SlackDesk, user: string, channel: string): Promise<Caller> {
  const [canManage, isAdmin] = await Promise.all([desk.managers.canManage(user, channel), desk.managers.isAdmin(user)]);
  return { canManage, isAdmin, channel: { platform: "slack", channel } };
}
