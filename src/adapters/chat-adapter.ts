// What a chat platform adapter gives the rest of newsbot once it is connected: a courier for the
// digests that target its channels, and a way to disconnect.
import type { Courier } from "../core/delivery/courier.js";

export interface ChatAdapter {
  /** Delivers digests to this platform's channel targets (header, then a message per story with its thread). */
  readonly courier: Courier;
  /** Disconnects; answers in flight finish first. */
  stop(): Promise<void>;
}
