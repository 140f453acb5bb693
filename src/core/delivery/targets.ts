// Where a briefing can go. Each platform declares its kind of target (src/adapters/index.ts registers
// them when newsbot starts); the core names none of them, and asks a target's kind for what it needs:
// the target's schema in a digest file, its stable key, what of it the outbox may keep, and the chat
// channel it is, if any.
import { z } from "zod";
import type { MentionKind } from "../alerts/alert.js";
import type { ChannelRef } from "./channel.js";

/** A target as a digest file writes it: its platform, then that platform's own fields. */
export type Target = { platform: string } & Record<string, unknown>;
/** A target without its secrets: what the outbox stores and `explain` shows. */
export type TargetRef = Target;

export interface TargetKind {
  platform: string;
  /** The target as a digest file writes it (a strict object whose `platform` is this kind's name). */
  schema: z.ZodType<Target>;
  /** A stable name for the outbox and logs; "platform:channel" for a chat channel. */
  key(target: Target): string;
  /** Without its secrets (a webhook keeps its format, not its URL); the target itself by default. */
  ref?(target: Target): TargetRef;
  /** The chat channel it is: its /news setup (a pause) and its story threads. */
  channel?(target: Target): ChannelRef;
  /** The target of a channel's own briefing (set up with /news there). */
  forChannel?(channel: ChannelRef): Target;
  /** The groups an alert in one of its channels may ping; none when the platform pings nobody. */
  mentions?: MentionKind;
}

const kinds = new Map<string, TargetKind>();

/** Declares a kind of target; a second declaration of the same platform replaces the first. */
export function registerTargetKind(kind: TargetKind): void {
  kinds.set(kind.platform, kind);
}

function kindOf(platform: string): TargetKind {
  const kind = kinds.get(platform);
  if (!kind) throw new Error(`no platform "${platform}" is known to this newsbot`);
  return kind;
}

/** The kind of target of a chat platform: { platform, channel }, keyed "platform:channel". The
 * channel is an id of letters and digits, such as `example`. */
export function channelTargetKind(platform: string, example?: string): TargetKind {
  const channelOf = (target: Target): ChannelRef => ({ platform, channel: String(target.channel) });
  const channel = z.string().trim().regex(/^[A-Za-z0-9]{1,40}$/, `expected a channel id${example ? ` such as ${example}` : " of letters and digits"}`);
  return {
    platform,
    schema: z.strictObject({ platform: z.literal(platform), channel }),
    key: (target) => `${platform}:${String(target.channel)}`,
    channel: channelOf,
    forChannel: ({ channel }) => ({ platform, channel }),
  };
}

export const Target: z.ZodType<Target> = z.unknown().transform((value, ctx) => {
  const platform = typeof value === "object" && value !== null ? (value as { platform?: unknown }).platform : undefined;
  const kind = typeof platform === "string" ? kinds.get(platform) : undefined;
  if (!kind) {
    const names = [...kinds.keys()].map((name) => `"${name}"`);
    const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "a known platform");
    ctx.addIssue({ code: "custom", message: `expected a platform of ${list}`, path: ["platform"], input: value });
    return z.NEVER;
  }
  const parsed = kind.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: value });
  return z.NEVER;
});

/** What the outbox keeps of a target: whatever its kind left in it, read back as it was written. */
export const TargetRef = z.looseObject({ platform: z.string() });

export function targetRef(target: Target | TargetRef): TargetRef {
  return kindOf(target.platform).ref?.(target) ?? target;
}

/** A stable name for a target, for the outbox and logs (never a secret: see each kind's key). */
export function targetKey(target: Target): string {
  return kindOf(target.platform).key(target);
}

/** The chat channel a target is, for its /news pause and story threads; none for a webhook. */
export function channelOf(target: Target | TargetRef): ChannelRef | undefined {
  return kinds.get(target.platform)?.channel?.(target);
}

/** What an alert in a channel of this platform may ping, if anything. */
export function mentionKindOf(platform: string): MentionKind | undefined {
  return kinds.get(platform)?.mentions;
}

/** Where a channel's own briefing goes. */
export function targetOf(channel: ChannelRef): Target {
  const forChannel = kindOf(channel.platform).forChannel;
  if (!forChannel) throw new Error(`a ${channel.platform} target is not a channel`);
  return forChannel(channel);
}
