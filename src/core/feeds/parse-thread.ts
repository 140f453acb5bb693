// Feed parsing off the main thread. Parsing is synchronous (feedsmith, then each item's HTML to
// text) and takes tens to hundreds of milliseconds for a news feed, seconds for a 5 MB one; on the
// main thread that would hold up chat commands, which Slack gives 3 seconds. One worker thread parses
// the feeds of a poll round in turn and ends when idle, so it costs no memory between rounds.
import { Worker } from "node:worker_threads";
import type { ParsedFeed, ParseFeedOptions } from "./parse.js";
import type { ParseRequest } from "./parse-worker.js";

/** An idle worker ends after this long; the next parse starts another (about a second of work). */
const IDLE_MS = 30_000;
/** The parser's heap: a 5 MB feed of 100,000 tiny items (the fetcher's size cap) needs about 30 MB
 * when a poll reads its newest 200, about 90 MB read whole (NEWSBOT_MAX_ITEMS_PER_POLL raised that
 * far). A small young generation keeps the garbage a big parse makes from growing the process's memory. */
const HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

interface ParseAnswer {
  id: number;
  feed: ParsedFeed;
}

class ParserThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, (feed: ParsedFeed) => void>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  parse(bytes: Uint8Array, options: ParseFeedOptions): Promise<ParsedFeed> {
    clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.start();
    // Referenced while it owes an answer, so a CLI run does not exit before its feed is parsed.
    worker.ref();
    const request: ParseRequest = { id: this.nextId++, bytes, options };
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL("./parse-worker.mjs", import.meta.url), { resourceLimits: HEAP_LIMITS });
    worker.on("message", ({ id, feed }: ParseAnswer) => {
      this.waiting.get(id)?.(feed);
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.idle(worker);
    });
    // parseFeed never throws, so this is the thread itself failing: the feeds it was parsing fail,
    // and the next parse starts a new thread.
    worker.on("error", (error: Error & { code?: string }) =>
      this.fail(
        worker,
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `Feed needs more memory to parse than newsbot allows (${HEAP_LIMITS.maxOldGenerationSizeMb} MB); follow a smaller feed (one section or category) instead.`
          : `Feed could not be parsed (${error.message}); please report this as a newsbot bug.`,
      ),
    );
    worker.on("exit", (code) => this.fail(worker, `Feed could not be parsed (the parser thread stopped with code ${code}); please report this as a newsbot bug.`));
    this.worker = worker;
    return worker;
  }

  private idle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker) this.worker = undefined;
      void worker.terminate();
    }, IDLE_MS).unref();
  }

  private fail(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const feed: ParsedFeed = { ok: false, reason };
    for (const resolve of this.waiting.values()) resolve(feed);
    this.waiting.clear();
  }
}

const thread = new ParserThread();

/** parseFeed, run on the parser thread: the same answer, without holding up the main thread. */
export function parseFeedOffThread(bytes: Uint8Array, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  return thread.parse(bytes, options);
}
