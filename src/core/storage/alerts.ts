// Alerts: the topics each chat channel follows for alerts, and every story alerted or held back.
import type { AlertRule, RaisedAlert } from "../alerts/alert.js";
import type { ChannelRef } from "../delivery/channel.js";

/** How many alerts a channel may be posted within a stretch of time. */
export interface AlertBudget {
  max: number;
  since: Date;
}

export interface AlertStore {
  /** Every channel's alerts, by platform, channel and topic. */
  list(): Promise<AlertRule[]>;
  /** One channel's alerts, by topic. */
  forChannel(ref: ChannelRef): Promise<AlertRule[]>;
  /** Adds an alert, replacing the channel's alert on the same topic (whatever its case). */
  save(rule: AlertRule): Promise<void>;
  /** Removes the channel's alert on the topic (whatever its case); false when there was none. */
  remove(ref: ChannelRef, topic: string): Promise<boolean>;
  /**
   * Records that a story is alerted in a channel, once: "post" when the channel was posted fewer
   * than `budget.max` alerts since `budget.since`, else "hold" (it waits for the next briefing);
   * undefined when the story was alerted or held there before. One atomic step per channel, so two
   * replicas never both claim a story nor both take the budget's last place.
   */
  claim(alert: RaisedAlert, budget: AlertBudget): Promise<"post" | "hold" | undefined>;
  /** The stories held back in a channel in [since, until), oldest first. */
  held(ref: ChannelRef, since: Date, until: Date): Promise<RaisedAlert[]>;
}
