// The sources desk: what users ask about followed feeds (list, add, remove, resume), answered with
// cards. The CLI and the /sources command both come here, so chat and terminal behave alike.
import { notice, refusal, type Reply, type SourceCard } from "../card.js";
import { count } from "../text.js";
import type { Storage } from "../storage/index.js";
import type { Poller, PollReport } from "./poller.js";
import { DEFAULT_SOURCES_FILE, SourceDefinition, sourceName, type Source } from "./source.js";

export function sourceCard(source: Source): SourceCard {
  return {
    type: "source",
    sourceId: String(source.id),
    name: sourceName(source),
    url: source.url,
    status: source.pausedReason ? "paused" : "active",
    origin: source.origin,
    articles: source.articlesAdded,
    lastPolledAt: source.lastPolledAt?.toISOString(),
    nextPollAt: source.pausedReason ? undefined : source.nextPollAt?.toISOString(),
    problem: source.pausedReason ?? source.lastError,
  };
}

/** One line on what a poll did, for the answer to add and resume and for `poll`. */
export function describePoll(report: PollReport): string {
  const name = sourceName(report.source);
  switch (report.outcome) {
    case "stored": {
      const extra = [
        report.copies ? `${count(report.copies, "copy", "copies")} of stored articles from another source` : "",
        report.duplicates ? `${report.duplicates} already stored` : "",
        report.fullText ? `${report.fullText} full text fetched` : "",
        report.rejected.length ? `${report.rejected.length} rejected` : "",
        report.leftOut ? `${count(report.leftOut, "older item")} left out, over NEWSBOT_MAX_ITEMS_PER_POLL` : "",
      ].filter(Boolean);
      return `${name}: ${count(report.added, "new article")}${extra.length ? ` (${extra.join(", ")})` : ""}.`;
    }
    case "not-modified":
      return `${name}: unchanged since the last poll.`;
    case "failed":
      // A 404 or a page that is not a feed will not pass by waiting: no promise that a retry helps.
      return report.permanent ? `${name}: failed: ${report.reason}` : `${name}: failed, will retry later: ${report.reason}`;
    case "paused":
      return `${name}: paused: ${report.source.pausedReason}`;
  }
}

export class SourceDesk {
  /** Set by the running bot and the CLI; without one, sources are added and polled later. */
  poller: Poller | undefined;

  constructor(
    private readonly store: Pick<Storage, "sources">,
    private readonly now: () => Date,
    /** Where file-defined sources live, named when a user tries to remove one. */
    private readonly sourcesFile = DEFAULT_SOURCES_FILE,
  ) {}

  async list(): Promise<Reply> {
    const sources = await this.store.sources.list();
    if (sources.length === 0) {
      return { title: "No sources yet", cards: [notice("newsbot follows no feeds yet. Add one:", ["sources add <feed url>"])] };
    }
    const paused = sources.filter((s) => s.pausedReason).length;
    return {
      title: `${count(sources.length, "source")}${paused ? `, ${paused} paused` : ""}`,
      cards: sources.map(sourceCard),
    };
  }

  /**
   * Follows a feed and polls it at once. When that first poll fails the feed is not kept: the
   * address is most often not a feed at all (a page, a 404). `keep` follows it anyway.
   */
  async add(definition: SourceDefinition, { keep = false }: { keep?: boolean } = {}): Promise<Reply> {
    const { source, added } = await this.store.sources.add(definition, "user", this.now());
    if (!added) return { title: "Already following", cards: [notice(`newsbot already follows ${source.url} (source ${source.id}).`), sourceCard(source)] };
    if (!this.poller) return this.pollLater("Following", source);
    const report = await this.poller.pollOne(source);
    if (!keep && (report.outcome === "failed" || report.outcome === "paused")) {
      await this.store.sources.remove(source.id);
      return refusal(
        `Not following ${sourceName(report.source)}`,
        `Its first poll failed, so newsbot did not keep it: ${report.reason} To follow it anyway, add it with --keep.`,
        [`sources add ${source.url} --keep`],
      );
    }
    return this.polled("Following", report);
  }

  /** Finds a source by its id or its URL. */
  private async find(idOrUrl: string): Promise<Source | undefined> {
    const sources = await this.store.sources.list();
    return sources.find((s) => String(s.id) === idOrUrl.trim() || s.url === idOrUrl.trim());
  }

  private unknown(idOrUrl: string): Reply {
    return refusal("No such source", `No source is ${JSON.stringify(idOrUrl)}. These are the sources:`, ["sources list"]);
  }

  async remove(idOrUrl: string): Promise<Reply> {
    const source = await this.find(idOrUrl);
    if (!source) return this.unknown(idOrUrl);
    if (source.origin === "file") {
      return refusal("Listed in the sources file", `${sourceName(source)} is listed in ${this.sourcesFile}; remove it from that file and restart newsbot.`);
    }
    await this.store.sources.remove(source.id);
    return {
      title: `Stopped following ${sourceName(source)}`,
      cards: [notice(`Source ${source.id} removed; its ${count(source.articlesAdded, "article")} stay stored.`)],
    };
  }

  /** A file source is the file's to change: say where, rather than change it behind the file's back. */
  private fileOwned(source: Source, change: string): Reply {
    return refusal("Listed in the sources file", `${sourceName(source)} is listed in ${this.sourcesFile}; ${change} there and restart newsbot.`);
  }

  /** Gives a source another name on cards; its state, count and articles stay. */
  async rename(idOrUrl: string, name: string): Promise<Reply> {
    const source = await this.find(idOrUrl);
    if (!source) return this.unknown(idOrUrl);
    if (source.origin === "file") return this.fileOwned(source, 'change its "name"');
    const checked = SourceDefinition.shape.name.safeParse(name);
    if (!checked.success || !checked.data) return refusal("Which name?", "A name is 1 to 200 characters.");
    const renamed = (await this.store.sources.update(source.id, { name: checked.data })) ?? source;
    return { title: `Renamed ${sourceName(source)} to ${sourceName(renamed)}`, cards: [sourceCard(renamed)] };
  }

  /** Follows a source at a new address, keeping its id, name, state and count; polled next round. */
  async move(idOrUrl: string, url: string): Promise<Reply> {
    const source = await this.find(idOrUrl);
    if (!source) return this.unknown(idOrUrl);
    if (source.origin === "file") return this.fileOwned(source, 'give its entry the new "url" and "movedFrom": the old one');
    const checked = SourceDefinition.shape.url.safeParse(url.trim());
    if (!checked.success) return refusal("Not a feed address", `Cannot move ${sourceName(source)} to ${JSON.stringify(url)}: it ${checked.error.issues[0]!.message}.`);
    const taken = (await this.store.sources.list()).find((s) => s.url === checked.data);
    if (taken) return refusal("Already following that address", `Source ${taken.id} (${sourceName(taken)}) is at ${taken.url}.`, ["sources list"]);
    // The validators and body hash were the old address's.
    const moved = (await this.store.sources.update(source.id, { url: checked.data, etag: null, lastModified: null, bodyHash: null, nextPollAt: this.now() })) ?? source;
    return { title: `Moved ${sourceName(moved)}`, cards: [notice(`Source ${moved.id} is now polled at ${moved.url}, from the next round.`), sourceCard(moved)] };
  }

  /** Follows the feeds of an OPML file (titles as names, folders as categories); polled next round. */
  async importOpml(text: string): Promise<Reply> {
    // The OPML reader (feedsmith) loads when used: other commands should not wait for it.
    const { readOpml } = await import("./opml.js");
    let read;
    try {
      read = readOpml(text);
    } catch (error) {
      return refusal("Nothing imported", `The file is ${(error as Error).message}.`);
    }
    const added: string[] = [];
    const already: string[] = [];
    for (const feed of read.feeds) {
      const { source, added: isNew } = await this.store.sources.add(feed, "user", this.now());
      (isNew ? added : already).push(`${sourceName(source)} (source ${source.id}) ${source.url}`);
    }
    const unread = read.unread.map((u) => `${u.outline}: ${u.reason}`);
    return {
      title: `Imported ${count(added.length, "feed")}`,
      cards: [
        notice(`Added ${count(added.length, "feed")}${added.length ? "; each is polled on the next round:" : "."}`, added),
        notice(`Already followed: ${already.length}.`, already),
        notice(`Could not read: ${unread.length}.`, unread),
      ],
      ...(read.feeds.length === 0 && unread.length ? { failed: true as const } : {}),
    };
  }

  /** Every followed feed as an OPML file. */
  async exportOpml(): Promise<string> {
    const { writeOpml } = await import("./opml.js");
    return writeOpml(await this.store.sources.list());
  }

  async resume(idOrUrl: string): Promise<Reply> {
    const found = await this.find(idOrUrl);
    if (!found) return this.unknown(idOrUrl);
    const source = (await this.store.sources.update(found.id, { pausedReason: null, failures: 0, lastError: null, nextPollAt: this.now() })) ?? found;
    // Polled right away, so the user sees at once whether it works.
    return this.poller ? this.polled("Resumed", await this.poller.pollOne(source)) : this.pollLater("Resumed", source);
  }

  private pollLater(done: "Following" | "Resumed", source: Source): Reply {
    return { title: `${done} ${sourceName(source)}`, cards: [notice("It will be polled when the bot next runs."), sourceCard(source)] };
  }

  private polled(done: "Following" | "Resumed", report: PollReport): Reply {
    // Named after the poll, which may have learnt the feed's title.
    return { title: `${done} ${sourceName(report.source)}`, cards: [notice(describePoll(report)), sourceCard(report.source)] };
  }
}
