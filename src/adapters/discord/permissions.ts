// Who may change newsbot's setup from Discord, and what newsbot itself needs in a channel.
import { PermissionFlagsBits, PermissionsBitField, type BaseInteraction } from "discord.js";

/**
 * A member with Manage Channels may change a channel's own setup (/news, the Unsubscribe button).
 * Discord hides /news from other members by default, but a server can grant it wider, and buttons
 * carry no permissions at all, so every change is checked again here. In a DM there is no one else:
 * the user manages their own DM.
 */
export function canManage(interaction: BaseInteraction): boolean {
  if (!interaction.inGuild()) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/**
 * The sources are shared by every channel, and every server newsbot is in, so changing them needs
 * one of newsbot's admins: a user listed in NEWSBOT_ADMINS, or a member with Manage Server where
 * they ask. No one is an admin by owning a DM.
 */
export function isAdmin(interaction: BaseInteraction, admins: ReadonlySet<string>): boolean {
  if (admins.has(interaction.user.id)) return true;
  return interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
}

/** Share posts a card for everyone to see; newsbot does that only for someone who may post there
 * themselves, so a button cannot speak in a channel its clicker cannot. */
export function canPost(interaction: BaseInteraction): boolean {
  if (!interaction.inGuild()) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.SendMessages) ?? false;
}

/**
 * What the bot needs where it posts briefings: see the channel, post, embed cards, start a thread
 * per story and post updates into it. Answers to slash commands go through the interaction and need
 * none of these; nothing newsbot does needs Read Message History, mentions or managing anything.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.EmbedLinks,
]).freeze();

/** The URL that adds newsbot to a server with exactly those permissions and its slash commands. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: "bot applications.commands", permissions: BOT_PERMISSIONS.bitfield.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
