// Who may change what in Slack. A channel's news setup: a workspace admin or owner (users.info), or
// the person who created the channel (conversations.info). What every channel shares (the sources):
// a workspace admin or owner, or a user listed in NEWSBOT_ADMINS. Answers are kept for a minute, so a
// burst of commands and clicks costs two lookups.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Log } from "../../log.js";
import { slackFailure } from "./errors.js";

const CACHE_MS = 60_000;

const UserInfo = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional() }).loose(),
});
const ConversationInfo = z.object({
  channel: z.object({ creator: z.string().optional() }).loose(),
});

interface Remembered<T> {
  value: Promise<T>;
  until: number;
}

export class ChannelManagers {
  private readonly admins = new Map<string, Remembered<boolean>>();
  /** Per channel: who created it. */
  private readonly creators = new Map<string, Remembered<string | undefined>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Log,
    /** NEWSBOT_ADMINS: Slack user ids who are newsbot's admins without being workspace admins. */
    private readonly botAdmins: ReadonlySet<string> = new Set(),
    private readonly now: () => number = Date.now,
  ) {}

  async canManage(user: string, channel: string): Promise<boolean> {
    const [admin, creator] = await Promise.all([this.isWorkspaceAdmin(user), this.creatorOf(channel)]);
    return admin || creator === user;
  }

  /** One of newsbot's admins: listed in NEWSBOT_ADMINS, or a workspace admin or owner. */
  async isAdmin(user: string): Promise<boolean> {
    return this.botAdmins.has(user) || this.isWorkspaceAdmin(user);
  }

  private isWorkspaceAdmin(user: string): Promise<boolean> {
    return this.remember(this.admins, user, async () => {
      const { user: info } = UserInfo.parse(await this.client.users.info({ user }));
      return Boolean(info.is_admin || info.is_owner || info.is_primary_owner);
    }, false);
  }

  private creatorOf(channel: string): Promise<string | undefined> {
    return this.remember(this.creators, channel, async () => {
      const { channel: info } = ConversationInfo.parse(await this.client.conversations.info({ channel }));
      return info.creator;
    }, undefined);
  }

  /** A lookup that fails (a missing scope, a channel the bot cannot see) answers `fallback` ("no"),
   * and is asked again next time rather than remembered. */
  private remember<T>(cache: Map<string, Remembered<T>>, key: string, lookup: () => Promise<T>, fallback: T): Promise<T> {
    const now = this.now();
    const known = cache.get(key);
    if (known && known.until > now) return known.value;
    for (const [k, entry] of cache) if (entry.until <= now) cache.delete(k);
    const value = lookup().catch((error: unknown) => {
      cache.delete(key);
      this.log.warn({ key, error: slackFailure(error).reason }, "could not tell whether a Slack user may change newsbot's setup; taken as no");
      return fallback;
    });
    cache.set(key, { value, until: now + CACHE_MS });
    return value;
  }
}
