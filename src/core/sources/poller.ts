// Polling: fetch each followed feed when it is due, store its new items, and keep the source's
// state honest. Polite by construction: conditional GETs, the fetcher's per-host queue, the feed's
// own <ttl> / Cache-Control honoured, backoff after failures, and a source that keeps failing is
// paused with its reason rather than retried forever or dropped.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ArticleInput } from "../article.js";
import type { Rejection } from "../validate-article.js";
import type { FeedItem } from "../feeds/parse.js";
import { parseFeedOffThread } from "../feeds/parse-thread.js";
import type { Fetcher } from "../fetch/fetcher.js";
import { fetchFullText } from "../fetch/full-text.js";
import { Ingest } from "../storage/ingest.js";
import type { Storage } from "../storage/index.js";
import { IntervalMinutes, MAX_INTERVAL_MINUTES, type Source, type SourceRequest, type SourceUpdate } from "./source.js";

const MINUTE_MS = 60_000;
/** How long a due source is claimed for its poll: a replica that dies mid-poll leaves it due again
 * after this. Longer than a poll takes (a feed and up to 20 pages, each within the fetcher's timeout). */
const POLL_CLAIM_MS = 15 * MINUTE_MS;

export const PollPolicy = z.object({
  /** How often a source is polled unless it sets its own interval. */
  intervalMinutes: IntervalMinutes.default(10),
  /** Failed polls in a row after which a source is paused. */
  maxFailures: z.number().int().min(1).default(5),
  /** Teaser items whose pages are fetched per poll of one source: the rest keep their teaser. */
  maxFullTextPerPoll: z.number().int().min(0).default(20),
  /** Items read per poll of one source, the newest: a 100,000-item feed must not swamp the store. */
  maxItemsPerPoll: z.number().int().min(1).default(200),
});
export type PollPolicy = z.infer<typeof PollPolicy>;

export interface PollReport {
  source: Source;
  outcome: "stored" | "not-modified" | "failed" | "paused";
  added: number;
  /** Near-duplicates of stored articles, kept as more sources of them. */
  copies: number;
  /** The stories the poll stored articles or copies in (alerts check these, and only these). */
  stories: number[];
  duplicates: number;
  /** Items of the feed that were not articles, with why. */
  rejected: Rejection[];
  /** Teaser items whose full text was fetched from their page. */
  fullText: number;
  /** Older items beyond the policy's maxItemsPerPoll, not read. */
  leftOut: number;
  /** For failed and paused: what went wrong, in a sentence. */
  reason?: string;
  /** For failed: waiting will not help (the address answered 4xx, or is not a feed), though the poller still retries. */
  permanent?: boolean;
}

export interface PollerOptions {
  policy?: Partial<PollPolicy>;
  now?: () => Date;
  /** By source id: the headers and User-Agent the sources file gives a feed (never stored). */
  requests?: ReadonlyMap<number, SourceRequest>;
  /** Where new articles are stored in their stories: share the process's one, so that the story
   * index is loaded once. By default the poller makes its own. */
  ingest?: Ingest;
  /** Told about every poll: the running bot logs them. */
  onReport?: (report: PollReport) => void;
  /** Told when a background round fails as a whole (the store could not list the sources): the
   * bot logs it and tries again next tick, rather than crashing on an unhandled rejection. */
  onRoundFailure?: (error: unknown) => void;
}

/** Minutes until the next poll after a success: the source's interval, or longer when the feed asks. */
export function nextInterval(intervalMinutes: number, feedAsksMinutes: number | undefined): number {
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(intervalMinutes, feedAsksMinutes ?? 0));
}

/** Minutes until the retry after the n-th failure in a row: doubling from the interval, capped at a day. */
export function backoffMinutes(intervalMinutes: number, failures: number, retryAfterSeconds?: number): number {
  const doubled = intervalMinutes * 2 ** Math.max(0, failures - 1);
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(doubled, Math.ceil((retryAfterSeconds ?? 0) / 60)));
}

export class Poller {
  readonly policy: PollPolicy;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly ingest: Ingest;

  constructor(
    private readonly store: Pick<Storage, "sources" | "articles" | "ingest">,
    private readonly fetcher: Fetcher,
    private readonly options: PollerOptions = {},
  ) {
    this.policy = PollPolicy.parse(options.policy ?? {});
    this.now = options.now ?? (() => new Date());
    this.ingest = options.ingest ?? new Ingest(store);
  }

  /** Polls the given sources (default: every source not paused) now, whether due or not. */
  async pollAll(sources?: Source[]): Promise<PollReport[]> {
    const chosen = sources ?? (await this.store.sources.list()).filter((s) => !s.pausedReason);
    // All at once: the fetcher queues requests to the same host behind each other.
    return Promise.all(chosen.map((source) => this.pollOne(source)));
  }

  /** Polls the sources whose time has come, claimed in the store: replicas polling the same
   * database each take different ones, so a due source is fetched once per round. */
  async pollDue(): Promise<PollReport[]> {
    const now = this.now();
    return this.pollAll(await this.store.sources.claimDue(now, new Date(now.getTime() + POLL_CLAIM_MS)));
  }

  /** One poll of one source. Never throws: whatever goes wrong is recorded on the source. */
  async pollOne(source: Source): Promise<PollReport> {
    let report: PollReport;
    try {
      report = await this.fetchAndStore(source);
    } catch (error) {
      const reason = `newsbot failed while polling (${error instanceof Error ? error.message : String(error)}); please report this as a bug`;
      report = await this.recordFailure(source, reason);
    }
    this.options.onReport?.(report);
    return report;
  }

  private interval(source: Source): number {
    return source.intervalMinutes ?? this.policy.intervalMinutes;
  }

  private async fetchAndStore(source: Source): Promise<PollReport> {
    const polledAt = this.now();
    const result = await this.fetcher.get(source.url, {
      validators: { etag: source.etag, lastModified: source.lastModified },
      request: this.options.requests?.get(source.id),
    });
    if (result.status === "failed") {
      const { permanent, retryAfterSeconds } = result;
      return this.recordFailure(source, result.reason, { gone: permanent && result.httpStatus === 410, permanent, retryAfterSeconds });
    }
    const feedAsks = result.maxAgeSeconds === undefined ? undefined : result.maxAgeSeconds / 60;
    // A server without validators sends the whole feed every time: the same bytes are no news.
    const bodyHash = result.status === "fetched" ? createHash("sha256").update(result.bytes).digest("hex") : undefined;
    if (result.status === "not-modified" || bodyHash === source.bodyHash) {
      const updated = await this.save(source, {
        lastPolledAt: polledAt,
        lastSuccessAt: polledAt,
        nextPollAt: new Date(polledAt.getTime() + nextInterval(this.interval(source), feedAsks) * MINUTE_MS),
        failures: 0,
        lastError: null,
      });
      return { source: updated, outcome: "not-modified", added: 0, copies: 0, stories: [], duplicates: 0, rejected: [], fullText: 0, leftOut: 0 };
    }

    const feed = await parseFeedOffThread(result.bytes, {
      url: result.url,
      contentType: result.contentType,
      source: source.name,
      maxItems: this.policy.maxItemsPerPoll,
    });
    if (!feed.ok) return this.recordFailure(source, feed.reason, { permanent: true });

    const { articles, fullText } = await this.withFullText(feed.items);
    const stories = new Set<number>();
    const recording = {
      findDuplicates: this.ingest.findDuplicates.bind(this.ingest),
      addArticles: async (fresh: Parameters<Ingest["addArticles"]>[0]) => {
        const outcomes = await this.ingest.addArticles(fresh);
        for (const outcome of outcomes) if (outcome.status !== "duplicate") stories.add(outcome.storyId);
        return outcomes;
      },
    };
    // Ingest (enrichment: the entity and summary models) loads with the first poll that stores
    // something, so a command that only reads does not wait for it.
    const { ingestArticles } = await import("../ingest.js");
    const stored = await ingestArticles(articles, recording, this.now);
    const asks = Math.max(feedAsks ?? 0, feed.ttlMinutes ?? 0) || undefined;
    const moved = result.movedPermanentlyTo;
    const movedFreely = moved !== undefined && !(await this.store.sources.list()).some((s) => s.url === moved);
    const updated = await this.save(source, {
      feedTitle: feed.title ?? null,
      etag: result.etag ?? null,
      lastModified: result.lastModified ?? null,
      bodyHash,
      lastPolledAt: polledAt,
      lastSuccessAt: polledAt,
      nextPollAt: new Date(polledAt.getTime() + nextInterval(this.interval(source), asks) * MINUTE_MS),
      failures: 0,
      lastError: null,
      articlesAdded: stored.added,
      // A feed that moved for good is followed at its new address.
      ...(movedFreely ? { url: moved } : {}),
    });
    return { source: updated, outcome: "stored", ...stored, stories: [...stories], rejected: feed.rejected, fullText, leftOut: feed.leftOut };
  }

  /**
   * Teaser items get the text of their page, within the fetcher's politeness limits. Only items not
   * stored yet are fetched, so a feed's teasers cost one page fetch each, once.
   */
  private async withFullText(items: FeedItem[]): Promise<{ articles: ArticleInput[]; fullText: number }> {
    const { dedupeKeys } = await import("../enrich.js");
    const known = await this.store.articles.findDuplicates(items.map((item) => dedupeKeys(item.article)));
    let budget = this.policy.maxFullTextPerPoll;
    let fullText = 0;
    const articles = await Promise.all(
      items.map(async (item, i) => {
        const { article } = item;
        if (!item.teaser || known[i] || !article.url || budget <= 0) return article;
        budget--;
        const page = await fetchFullText(this.fetcher, article.url);
        if (!page.ok) return article;
        fullText++;
        const imageCaption = article.imageCaption ?? page.page.imageCaption;
        return { ...article, body: page.page.text, publishedAt: article.publishedAt ?? page.page.publishedAt, ...(imageCaption !== undefined && { imageCaption }) };
      }),
    );
    return { articles, fullText };
  }

  private async recordFailure(
    source: Source,
    reason: string,
    { gone = false, permanent = false, retryAfterSeconds }: { gone?: boolean; permanent?: boolean; retryAfterSeconds?: number } = {},
  ): Promise<PollReport> {
    const polledAt = this.now();
    const failures = source.failures + 1;
    const pause = gone || failures >= this.policy.maxFailures;
    const update: SourceUpdate = { lastPolledAt: polledAt, failures, lastError: reason };
    if (pause) {
      const why = gone ? "the feed is gone" : `${failures} polls in a row failed`;
      update.pausedReason = `${reason} (paused: ${why}; \`sources resume ${source.id}\` tries again)`;
      update.nextPollAt = null;
    } else {
      const wait = backoffMinutes(this.interval(source), failures, retryAfterSeconds);
      update.nextPollAt = new Date(polledAt.getTime() + wait * MINUTE_MS);
    }
    const updated = await this.save(source, update);
    return { source: updated, outcome: pause ? "paused" : "failed", added: 0, copies: 0, stories: [], duplicates: 0, rejected: [], fullText: 0, leftOut: 0, reason, permanent };
  }

  private async save(source: Source, update: SourceUpdate): Promise<Source> {
    return (await this.store.sources.update(source.id, update)) ?? source;
  }

  /** Polls due sources every `tickMs` until stop(), one round at a time; `onRound` hears each round's reports. */
  start(tickMs = 30_000, onRound?: (reports: PollReport[]) => void): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.inFlight = this.pollDue()
        .then(onRound)
        .catch((error: unknown) => this.options.onRoundFailure?.(error))
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, tickMs).unref();
        });
    };
    tick();
  }

  /** Stops polling; resolves once the round in flight has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight.catch(() => undefined);
  }
}
