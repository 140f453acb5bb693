// The storage contracts: narrow interfaces the core defines and every engine (src/store/*)
// implements. The contract suite (test/store/contract) is how an engine proves it keeps them.
import type { AlertStore } from "./alerts.js";
import type { ArticleStore } from "./articles.js";
import type { ChannelStore } from "./channels.js";
import type { DeliveryLog } from "./delivery-log.js";
import type { Leadership } from "./leadership.js";
import type { SeenRequests } from "./seen-requests.js";
import type { SourceStore } from "./sources.js";
import type { ThreadStore } from "./threads.js";
import type { UnitOfWork } from "./unit-of-work.js";

export type * from "./alerts.js";
export type * from "./articles.js";
export type * from "./channels.js";
export type * from "./delivery-log.js";
export type * from "./leadership.js";
export type * from "./seen-requests.js";
export type * from "./sources.js";
export type * from "./story-index.js";
export type * from "./threads.js";
export type * from "./unit-of-work.js";

/** One database, as the core sees it. The story index is reached only through a unit of work. */
export interface Storage extends UnitOfWork {
  readonly articles: ArticleStore;
  /** The followed feeds. */
  readonly sources: SourceStore;
  /** The outbox and digest progress. */
  readonly deliveries: DeliveryLog;
  /** Channels' own /news setup. */
  readonly channels: ChannelStore;
  /** Stories' discussion threads in chat channels. */
  readonly threads: ThreadStore;
  /** Channels' alerts, and the stories alerted. */
  readonly alerts: AlertStore;
  /** Signed platform requests already run (Slack HTTP mode's replay guard). */
  readonly seenRequests: SeenRequests;
  /** The leadership called `name`: held by one process at a time among those sharing the database. */
  leadership(name: string): Leadership;
  close(): Promise<void>;
}
