// The Discord the fake server pretends to be: one bot, one guild with a text channel and a forum
// channel, four members (an admin with Manage Server, a manager with Manage Channels, a reader, one
// muted), and builders for the gateway payloads discord.js reads (READY, GUILD_CREATE,
// INTERACTION_CREATE), shaped as Discord's API v10 documents them.

export const APP_ID = "900000000000000001";
export const GUILD_ID = "910000000000000001";
export const TEXT_CHANNEL = "920000000000000001";
export const FORUM_CHANNEL = "920000000000000002";
/** A channel the bot may not see: posting there answers 403 Missing Access. */
export const SECRET_CHANNEL = "920000000000000003";
export const DM_CHANNEL = "920000000000000009";
export const MANAGER_ID = "930000000000000001";
export const READER_ID = "930000000000000002";
export const MUTED_ID = "930000000000000003";
export const ADMIN_ID = "930000000000000004";

/** Channel types (Discord's numbers): text, DM, public thread, forum. */
export const CHANNEL_TYPES = { text: 0, dm: 1, thread: 11, forum: 15 } as const;

/** Manage Server, Manage Channels and the everyday permissions, as the permission strings Discord sends. */
const VIEW_AND_SEND = (1024n | 2048n | 16384n | 65536n).toString();
export const PERMISSIONS = {
  /** May read the channel, not post in it. */
  muted: (1024n | 65536n).toString(),
  reader: VIEW_AND_SEND,
  manager: (BigInt(VIEW_AND_SEND) | 16n).toString(),
  /** Manage Server without Manage Channels. */
  admin: (BigInt(VIEW_AND_SEND) | 32n).toString(),
} as const;

export const BOT_USER = {
  id: APP_ID,
  username: "newsbot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
  verified: true,
  flags: 0,
  mfa_enabled: false,
};

export function user(id: string, username: string) {
  return { id, username, discriminator: "0", global_name: username, avatar: null };
}

export const APPLICATION = { id: APP_ID, name: "newsbot", description: "", flags: 0, bot_public: true, bot_require_code_grant: false, bot: BOT_USER };

export function guildChannel(id: string, type: number, name: string, parentId: string | null = null) {
  return {
    id,
    type,
    guild_id: GUILD_ID,
    name,
    position: 0,
    permission_overwrites: [],
    parent_id: parentId,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    ...(type === CHANNEL_TYPES.forum ? { available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 } : {}),
  };
}

export function threadChannel(id: string, parentId: string, name: string) {
  return {
    ...guildChannel(id, CHANNEL_TYPES.thread, name, parentId),
    owner_id: APP_ID,
    message_count: 0,
    member_count: 1,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
  };
}

export function readyPayload(wsUrl: string) {
  return {
    v: 10,
    user: BOT_USER,
    guilds: [{ id: GUILD_ID, unavailable: true }],
    session_id: "fake-session",
    resume_gateway_url: wsUrl,
    shard: [0, 1],
    application: { id: APP_ID, flags: 0 },
  };
}

export function guildCreatePayload() {
  return {
    id: GUILD_ID,
    name: "Newsroom",
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: MANAGER_ID,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: GUILD_ID, name: "@everyone", color: 0, hoist: false, icon: null, position: 0, permissions: PERMISSIONS.reader, managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "en-US",
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: "2026-11-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    channels: [guildChannel(TEXT_CHANNEL, CHANNEL_TYPES.text, "news"), guildChannel(FORUM_CHANNEL, CHANNEL_TYPES.forum, "stories")],
    threads: [],
    presences: [],
    stage_instances: [],
    stickers: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message object as Discord returns it for a create or an edit. */
export function messagePayload(fields: { id: string; channelId: string; body: Record<string, unknown>; author?: object }) {
  const { body } = fields;
  return {
    id: fields.id,
    channel_id: fields.channelId,
    type: 0,
    author: fields.author ?? BOT_USER,
    content: typeof body.content === "string" ? body.content : "",
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    attachments: [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: typeof body.flags === "number" ? body.flags : 0,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
  };
}

export interface Who {
  /** Which member typed it; in a DM there is no member, only the user. */
  as: "admin" | "manager" | "reader" | "muted" | "dm";
  channelId?: string;
}

let nextInteraction = 940000000000000000n;

/** The envelope every interaction shares: who, where, and the token the answer is posted with. */
function interactionBase(type: number, who: Who) {
  const id = (nextInteraction++).toString();
  const inDm = who.as === "dm";
  const channelId = who.channelId ?? (inDm ? DM_CHANNEL : TEXT_CHANNEL);
  const person = { admin: user(ADMIN_ID, "ada"), manager: user(MANAGER_ID, "mara"), muted: user(MUTED_ID, "mo"), reader: user(READER_ID, "rui"), dm: user(READER_ID, "rui") }[who.as];
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    locale: "en-US",
    app_permissions: "309237664768",
    entitlements: [],
    attachment_size_limit: 10485760,
    channel_id: channelId,
    ...(inDm
      ? {
          user: person,
          channel: { id: channelId, type: CHANNEL_TYPES.dm, recipients: [person], last_message_id: null, flags: 0 },
          context: 1,
          authorizing_integration_owners: { "0": GUILD_ID },
        }
      : {
          guild_id: GUILD_ID,
          guild_locale: "en-US",
          guild: { id: GUILD_ID, locale: "en-US", features: [] },
          channel: guildChannel(channelId, CHANNEL_TYPES.text, "news"),
          member: {
            user: person,
            roles: [],
            joined_at: "2026-11-01T00:00:00.000Z",
            deaf: false,
            mute: false,
            flags: 0,
            pending: false,
            nick: null,
            avatar: null,
            premium_since: null,
            communication_disabled_until: null,
            permissions: who.as === "dm" ? PERMISSIONS.reader : PERMISSIONS[who.as],
          },
          context: 0,
          authorizing_integration_owners: { "0": GUILD_ID },
        }),
  };
}

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

/** A slash command (type 2), or its autocomplete (type 4) when an option is focused. */
export function commandInteraction(name: string, options: CommandOption[], who: Who, type: 2 | 4 = 2) {
  return {
    ...interactionBase(type, who),
    data: { id: `95000000000000000${name.length}`, name, type: 1, options, ...(who.as === "dm" ? {} : { guild_id: GUILD_ID }) },
  };
}

/** A click (type 3) on a button of a message the bot posted. */
export function buttonInteraction(customId: string, message: Record<string, unknown>, who: Who) {
  return {
    ...interactionBase(3, who),
    data: { custom_id: customId, component_type: 2 },
    message,
  };
}
