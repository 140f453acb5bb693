// What /news alert, /news alerts and /news unalert do: a channel's alerts, each a topic (narrowed by
// a filter, if given) with its threshold and the group it pings, stored at once. The watch
// (./watch.ts) reads them after every polling round.
import { notice, refusal, type Reply } from "../card.js";
import { FilterText } from "../filter/filter.js";
import { parseTopicQuery } from "../search.js";
import type { Storage } from "../storage/index.js";
import type { ChannelRef } from "../delivery/channel.js";
import { mentionKindOf } from "../delivery/targets.js";
import { DEFAULT_ALERT_HOURS, DEFAULT_ALERT_OUTLETS, DEFAULT_ALERTS_PER_HOUR, type AlertRule } from "./alert.js";

export const MAX_CHANNEL_ALERTS = 20;

/** An alert as a manager asks for it: everything but the topic is optional. */
export interface AlertRequest {
  topic: string;
  /** A filter, and in chat text perhaps "mention <group>" after it. */
  filter?: string;
  mention?: string;
  outlets?: number;
  hours?: number;
}

/** "… mention @oncall" at the end of chat text: the group, and the filter before it. */
const TRAILING_MENTION = /(?:^|\s)mention\s+(\S+)\s*$/i;

export class AlertDesk {
  constructor(
    private readonly store: Pick<Storage, "alerts">,
    private readonly now: () => Date,
  ) {}

  async alert(ref: ChannelRef, request: AlertRequest): Promise<Reply> {
    const { topic } = request;
    if (parseTopicQuery(topic).words.length === 0) {
      return refusal("Which topic?", `"${topic}" has no word to look for. Try a name or a subject, for example /news alert syria.`);
    }
    let filterText = request.filter?.trim() ?? "";
    let typedMention = request.mention?.trim();
    const trailing = TRAILING_MENTION.exec(filterText);
    if (trailing && typedMention === undefined) {
      typedMention = trailing[1];
      filterText = filterText.slice(0, trailing.index).trim();
    }
    let filter: string | undefined;
    if (filterText) {
      const checked = FilterText.safeParse(filterText);
      if (!checked.success) return refusal("Cannot read that filter", `${checked.error.issues[0]!.message}.`, ["/news test <filter> tries one without changing anything"]);
      filter = checked.data;
    }
    let mention: string | undefined;
    if (typedMention) {
      const kind = mentionKindOf(ref.platform);
      if (!kind) return refusal("Nobody to mention here", `Alerts in this channel cannot mention anyone; leave out "mention ${typedMention}".`);
      mention = kind.read(typedMention);
      if (!mention) return refusal("Who to mention?", `"${typedMention}" is not ${kind.noun}. Type ${kind.example}; nobody else can be mentioned.`);
    }
    const existing = await this.store.alerts.forChannel(ref);
    const replacing = existing.some((r) => r.topic.toLowerCase() === topic.toLowerCase());
    if (!replacing && existing.length >= MAX_CHANNEL_ALERTS) {
      return refusal("Too many alerts", `A channel can have at most ${MAX_CHANNEL_ALERTS} alerts; remove one first with /news unalert <topic>.`, ["/news alerts"]);
    }
    const rule: AlertRule = {
      ...ref,
      topic,
      filter,
      mention,
      minOutlets: request.outlets ?? DEFAULT_ALERT_OUTLETS,
      withinHours: request.hours ?? DEFAULT_ALERT_HOURS,
      createdAt: this.now(),
    };
    await this.store.alerts.save(rule);
    return { title: replacing ? `Alert on "${topic}" changed` : `Alerting on "${topic}"`, cards: [notice(describeAlert(rule), [budgetLine()])] };
  }

  async list(ref: ChannelRef): Promise<Reply> {
    const rules = await this.store.alerts.forChannel(ref);
    if (rules.length === 0) return { title: "No alerts in this channel", cards: [notice("/news alert <topic> posts a story here as soon as enough outlets report it.", [budgetLine()])] };
    return { title: `Alerts in this channel: ${rules.length}`, cards: [notice(rules.map(describeAlert).join("\n"), [budgetLine()])] };
  }

  async unalert(ref: ChannelRef, topic: string): Promise<Reply> {
    if (await this.store.alerts.remove(ref, topic)) return { title: `No more alerts on "${topic}"`, cards: [notice("Its stories still come in this channel's briefing if it follows them.")] };
    return { title: `No alert on "${topic}"`, cards: [notice("This channel has no alert on that topic.", ["/news alerts"])] };
  }
}

/** One alert in a sentence; the group it pings by name and id, never as a mention. */
function describeAlert(rule: AlertRule): string {
  const within = rule.withinHours === 1 ? "an hour" : `${rule.withinHours} hours`;
  const filter = rule.filter ? ` that the filter ${rule.filter} takes` : "";
  const kind = mentionKindOf(rule.platform);
  const mention = rule.mention ? `, mentioning ${kind?.noun ?? "the group"} ${rule.mention}` : "";
  return `"${rule.topic}": a story${filter} reported by ${rule.minOutlets} outlets within ${within} is posted at once${mention}.`;
}

function budgetLine(): string {
  return `At most ${DEFAULT_ALERTS_PER_HOUR} alerts an hour per channel; the rest are named in the next briefing.`;
}
