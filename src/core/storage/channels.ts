// Channels: each chat channel's own /news setup.
import type { ChannelRef, ChannelSettings } from "../delivery/channel.js";

export interface ChannelStore {
  get(ref: ChannelRef): Promise<ChannelSettings | undefined>;
  /** Stores the channel's settings, replacing what it had. */
  save(settings: ChannelSettings): Promise<void>;
  /** Every channel with settings, by platform and channel. */
  list(): Promise<ChannelSettings[]>;
}
