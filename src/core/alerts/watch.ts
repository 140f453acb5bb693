// The alert watch: after every polling round, the stories it touched (and only those) are checked
// against every channel's alerts. A story on an alert's topic, taken by its filter, that enough
// outlets reported within its hours is claimed once per channel: posted at once through the outbox
// (so a crash or a second replica never sends it twice), or held back when the channel had its
// alerts for the hour, for its next briefing to name.
import { createHash } from "node:crypto";
import type { Article } from "../article.js";
import { applyFilter, parseFilter, sourceNames } from "../filter/filter.js";
import type { Newsroom } from "../newsroom.js";
import { outletOf } from "../outlet.js";
import { isCentral, storyRelevance, topicMentions } from "../relevance.js";
import { newsTime } from "../stories.js";
import { channelName } from "../delivery/channel.js";
import type { Delivery, DigestPayload } from "../delivery/outbox.js";
import { targetKey, targetOf, targetRef } from "../delivery/targets.js";
import { alertLead, DEFAULT_ALERTS_PER_HOUR, type AlertNote, type AlertRule } from "./alert.js";

const HOUR_MS = 3_600_000;
/** A story's latest articles read to judge it: plenty for a story breaking within hours. */
const STORY_ARTICLES = 50;

export interface AlertWatchOptions {
  /** Alerts posted to one channel per hour at most. */
  perHour?: number;
  now?: () => Date;
  /** Told of each story held back over a channel's budget. */
  onHeld?: (rule: AlertRule, storyId: number) => void;
}

/** The outbox key of a story's alert in a channel: the same on every replica and after any restart. */
export function alertKey(targetKey: string, storyId: number): string {
  return createHash("sha256").update(`alert\n${targetKey}\n${storyId}`).digest("hex").slice(0, 32);
}

/** Outlets that reported the story (articles and their copies) at or after `since`. */
export function outletsSince(articles: readonly Article[], since: Date): number {
  const outlets = new Set<string>();
  for (const report of articles.flatMap((a) => [a, ...a.copies])) {
    const outlet = outletOf(report);
    if (outlet && newsTime(report) >= since) outlets.add(outlet);
  }
  return outlets.size;
}

export class AlertWatch {
  private readonly perHour: number;
  private readonly now: () => Date;

  constructor(
    private readonly newsroom: Newsroom,
    /** Where recorded alerts are sent from: the delivery queue. */
    private readonly send: (delivery: Delivery) => void,
    private readonly options: AlertWatchOptions = {},
  ) {
    this.perHour = options.perHour ?? DEFAULT_ALERTS_PER_HOUR;
    this.now = options.now ?? newsroom.now;
  }

  /** Checks the stories a polling round stored articles in; returns the alerts recorded to send. */
  async storiesTouched(storyIds: Iterable<number>): Promise<Delivery[]> {
    const ids = [...new Set(storyIds)];
    if (ids.length === 0) return [];
    const store = this.newsroom.store;
    const rules = await store.alerts.list();
    if (rules.length === 0) return [];
    const now = this.now();
    // Cheap first: a story fewer outlets covered in all than any alert needs is passed over unread.
    const coverage = await store.articles.coverage(ids);
    const fewest = Math.min(...rules.map((r) => r.minOutlets));
    const candidates = ids.filter((id) => (coverage.get(id)?.outlets ?? 0) >= fewest);
    if (candidates.length === 0) return [];
    const stories = await store.articles.ofStories(candidates, STORY_ARTICLES);
    const topics = [...new Map(rules.map((r) => [r.topic.toLowerCase(), r.topic])).values()];
    const mentions = await topicMentions(store.articles, topics, [...stories.values()].flat().map((a) => a.id));
    const names = rules.some((r) => r.filter) ? sourceNames(await store.sources.list()) : new Map<number, string[]>();
    const recorded: Delivery[] = [];
    for (const id of candidates) {
      const articles = stories.get(id) ?? [];
      if (articles.length === 0) continue;
      const central = new Set(storyRelevance(articles, mentions).topics.filter(isCentral).map((t) => t.topic.toLowerCase()));
      const alerted = new Set<string>();
      for (const rule of rules) {
        const channel = channelName(rule);
        if (alerted.has(channel) || !central.has(rule.topic.toLowerCase())) continue;
        const outlets = outletsSince(articles, new Date(now.getTime() - rule.withinHours * HOUR_MS));
        if (outlets < rule.minOutlets) continue;
        if (rule.filter && !applyFilter(parseFilter(rule.filter), { articles, outlets: coverage.get(id)!.outlets }, { sourceNames: names }).taken) continue;
        alerted.add(channel);
        const delivery = await this.raise(rule, { id, articles }, { topic: rule.topic, outlets, withinHours: rule.withinHours, ...(rule.mention ? { mention: rule.mention } : {}) }, coverage.get(id)!.reports, now);
        if (delivery) recorded.push(delivery);
      }
    }
    return recorded;
  }

  /** Claims the story's alert in the rule's channel, and records and queues it when it is to be posted. */
  private async raise(rule: AlertRule, story: { id: number; articles: Article[] }, note: AlertNote, reports: number, now: Date): Promise<Delivery | undefined> {
    const store = this.newsroom.store;
    const [card] = await this.newsroom.storyCards([story]);
    const claim = await store.alerts.claim(
      { platform: rule.platform, channel: rule.channel, storyId: story.id, topic: rule.topic, headline: card!.headline, raisedAt: now },
      { max: this.perHour, since: new Date(now.getTime() - HOUR_MS) },
    );
    if (claim === "hold") this.options.onHeld?.(rule, story.id);
    if (claim !== "post") return undefined;
    const target = targetOf(rule);
    const key = targetKey(target);
    const digest = `alerts:${channelName(rule)}`;
    const payload: DigestPayload = { digest, slot: now.toISOString(), late: false, title: alertLead(note), cards: [card!], alert: note };
    const [delivery] = await store.deliveries.record(
      digest,
      now,
      [{ target: targetRef(target), targetKey: key, idempotencyKey: alertKey(key, story.id), late: false, status: "pending", payload, stories: [{ storyId: story.id, reports }] }],
      now,
    );
    // Recorded by another replica first (the key is taken): that one sends it.
    if (!delivery || delivery.idempotencyKey !== alertKey(key, story.id)) return undefined;
    this.send(delivery);
    return delivery;
  }
}
