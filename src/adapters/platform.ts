// What a platform declares to newsbot (the registry in index.ts lists them): its name, the
// environment settings it reads, its kind of digest target, and how it connects or delivers. Nothing
// outside a platform's folder names it: configuration, start-up and delivery read these declarations.
import type { z } from "zod";
import type { Reply } from "../core/card.js";
import type { Chat } from "../core/chat/chat.js";
import type { Courier } from "../core/delivery/courier.js";
import type { DigestDefinition } from "../core/delivery/definition.js";
import type { Delivery } from "../core/delivery/outbox.js";
import type { TargetKind } from "../core/delivery/targets.js";
import type { Log } from "../log.js";

/** What a chat platform's adapter gives the rest of newsbot once it is connected. */
export interface ChatAdapter {
  /** Delivers digests to this platform's channel targets (an opening, then a message per story with its thread). */
  readonly courier: Courier;
  /** Disconnects; answers in flight finish first. */
  stop(): Promise<void>;
}

/** What a platform that delivers without a connection (the terminal, webhooks) is given. */
export interface DeliveryContext {
  /** Where terminal output goes, when a terminal is attached. */
  print?: (reply: Reply) => void;
  /** The operator's digest files: a webhook's URL (a secret) is kept only there. */
  fileDigests: readonly DigestDefinition[];
}

export interface PlatformDeclaration<Settings extends z.ZodObject = z.ZodObject> {
  name: string;
  /** The environment variables it reads, validated with the rest of the configuration. */
  settings: Settings;
  /** Its digest targets, as a digest file writes them. */
  target: TargetKind;
  /** Connects when the environment asks for it (its credentials are set); undefined when it does not. */
  connect?(chat: Chat, settings: z.infer<Settings> & { NEWSBOT_ADMINS: readonly string[] }, log: Log): Promise<ChatAdapter> | undefined;
  /** Why a target cannot be delivered to while the platform is not connected. */
  notConnected?: string;
  /** The courier of a platform that needs no connection. */
  courier?(delivery: Delivery, context: DeliveryContext): Courier;
  /** Its targets keep newsbot running to deliver even with no chat platform connected. */
  runsUnattended?: boolean;
}

/** Keeps each declaration's settings type while the registry holds them all. */
export function declarePlatform<Settings extends z.ZodObject>(platform: PlatformDeclaration<Settings>): PlatformDeclaration<Settings> {
  return platform;
}
