// Enrichment off the main thread. Enriching an article (entities, summary) costs about as much CPU
// as placing it in its story and storing it, and the two need not wait for each other: worker
// threads enrich the next batches while the main thread clusters and stores this one. Enrichment is
// pure and deterministic, so the articles are the same whoever enriches them, and ingest takes them
// in order: the stories are those one thread would make. Each article comes with its clustering
// features (enrichForIngest): the main thread's clusterer takes them instead of making them.
//
// A batch goes to a thread in chunks, each with a flag in shared memory that the thread or the main
// thread claims. When ingest needs a batch, the main thread enriches the chunks nobody has claimed,
// from the end while the thread works from the start, so it never waits on a thread that is still
// starting or busy; with no thread at all (one that cannot start), it is the single-thread pipeline.
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { ArticleInput } from "./article.js";
import { enrichForIngest } from "./enrich.js";
import type { DedupeKeys, NewArticle } from "./storage/index.js";

/** One article to enrich: what enrich() takes. */
export interface EnrichJob {
  input: ArticleInput;
  storedAt: Date;
  keys: DedupeKeys;
}

export const UNCLAIMED = 0;
export const CLAIMED_BY_THREAD = 1;
const CLAIMED_HERE = 2;

export interface EnrichRequest {
  id: number;
  chunks: EnrichJob[][];
  /** A flag per chunk (Int32Array): UNCLAIMED, CLAIMED_BY_THREAD or claimed by the main thread. */
  claims: SharedArrayBuffer;
}

export type EnrichAnswer = { id: number; chunk: number; articles: NewArticle[] } | { id: number; chunk: number; error: string };

/** Articles per chunk: ~40 ms of a thread's work, small enough to share a batch out evenly. */
const CHUNK = 20;
/** An idle thread ends after this long; the next big ingest starts another (about a second of work). */
const IDLE_MS = 30_000;
/** Threads at most: the main thread's share (clustering, storing) bounds ingest beyond this. */
const MAX_THREADS = 3;

interface Waiting {
  resolve: (articles: NewArticle[]) => void;
  reject: (error: Error) => void;
}

/** One worker thread, started on first use and ended when idle. */
class EnrichThread {
  constructor(private readonly entry: URL) {}

  #worker: Worker | undefined;
  /** Per batch sent and not finished, the chunks the thread has still to answer. */
  readonly #batches = new Map<number, Map<number, Waiting>>();
  #nextId = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #answered = false;
  /** Set when the thread failed before answering once: it cannot run here (no loader, no memory). */
  broken = false;

  get load(): number {
    return this.#batches.size;
  }

  /** Sends the chunks; the answer holds a promise per chunk, settled if the thread enriches it. */
  send(chunks: EnrichJob[][], claims: SharedArrayBuffer): { id: number; answers: Array<Promise<NewArticle[]>> } {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker ?? this.#start();
    // Referenced while it owes answers: a CLI run waits for them.
    worker.ref();
    const id = this.#nextId++;
    const waiting = new Map<number, Waiting>();
    const answers = chunks.map((_, chunk) => new Promise<NewArticle[]>((resolve, reject) => waiting.set(chunk, { resolve, reject })));
    // Nobody need await a chunk the main thread claims: its promise is left unsettled.
    for (const answer of answers) answer.catch(() => undefined);
    this.#batches.set(id, waiting);
    const request: EnrichRequest = { id, chunks, claims };
    worker.postMessage(request);
    return { id, answers };
  }

  /** The main thread has the batch whole: the thread owes nothing more for it. */
  done(id: number): void {
    this.#batches.delete(id);
    if (this.#batches.size === 0 && this.#worker) this.#idle(this.#worker);
  }

  #start(): Worker {
    const worker = new Worker(this.entry);
    worker.on("message", (answer: EnrichAnswer) => {
      this.#answered = true;
      const waiting = this.#batches.get(answer.id)?.get(answer.chunk);
      this.#batches.get(answer.id)?.delete(answer.chunk);
      if ("error" in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.articles);
    });
    worker.on("error", (error) => this.#fail(worker, error));
    worker.on("exit", (code) => this.#fail(worker, new Error(`the enrichment thread stopped with code ${code}`)));
    this.#worker = worker;
    this.#answered = false;
    return worker;
  }

  #idle(worker: Worker): void {
    worker.unref();
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => void this.close(), IDLE_MS).unref();
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    if (!this.#answered) this.broken = true;
    for (const waiting of this.#batches.values()) for (const { reject } of waiting.values()) reject(error);
    this.#batches.clear();
  }

  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** Enrichment shared between worker threads and the main thread. */
export class EnrichPool {
  readonly #threads: EnrichThread[];
  /** Articles enriched by the threads and by the main thread, for benchmarks and tests. */
  readonly enriched = { byThreads: 0, here: 0 };

  /** `entry`: the thread's script (tests give one that fails). */
  constructor(threads: number = defaultThreads(), entry = new URL("./enrich-worker.mjs", import.meta.url)) {
    this.#threads = Array.from({ length: threads }, () => new EnrichThread(entry));
  }

  /** Hands a batch to the least busy thread; `articles()` of the answer gives it back enriched, in order. */
  submit(jobs: EnrichJob[]): EnrichingBatch {
    const chunks: EnrichJob[][] = [];
    for (let i = 0; i < jobs.length; i += CHUNK) chunks.push(jobs.slice(i, i + CHUNK));
    const claims = new SharedArrayBuffer(chunks.length * Int32Array.BYTES_PER_ELEMENT);
    const thread = this.#threads.filter((t) => !t.broken).sort((a, b) => a.load - b.load)[0];
    let sent: { id: number; answers: Array<Promise<NewArticle[]>> } | undefined;
    try {
      sent = thread?.send(chunks, claims);
    } catch {
      // A thread that cannot even be created (no worker support): the main thread does it all.
      if (thread) thread.broken = true;
    }
    return new EnrichingBatch(chunks, new Int32Array(claims), sent?.answers ?? [], this.enriched, () => {
      if (thread && sent) thread.done(sent.id);
    });
  }

  /** How many batches ingest should keep submitted ahead of the one it stores: one per thread. */
  get threads(): number {
    return this.#threads.length;
  }

  /** Ends the threads (an idle thread also ends by itself, and never keeps the process alive). */
  async close(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.close()));
  }
}

/** A batch being enriched. */
export interface Enriching {
  /** The batch enriched, in order; `between()` is awaited before each article enriched on the main thread. */
  articles(between: () => Promise<void>): Promise<NewArticle[]>;
  /** Not wanted after all (ingest failed): the threads skip what they have not started. */
  discard(): void;
}

/** A submitted batch, taken back in order. */
export class EnrichingBatch implements Enriching {
  constructor(
    private readonly chunks: EnrichJob[][],
    private readonly claims: Int32Array,
    private readonly answers: Array<Promise<NewArticle[]>>,
    private readonly counts: { byThreads: number; here: number },
    private readonly finished: () => void,
  ) {}

  /** The batch enriched, in order. Chunks no thread has claimed are enriched here, last first, with
   * `between()` awaited before each article (ingest gives other work its turns there). */
  async articles(between: () => Promise<void>): Promise<NewArticle[]> {
    try {
      const here = new Map<number, NewArticle[]>();
      for (let chunk = this.chunks.length - 1; chunk >= 0; chunk--) {
        if (Atomics.compareExchange(this.claims, chunk, UNCLAIMED, CLAIMED_HERE) !== UNCLAIMED) continue;
        here.set(chunk, await enrichHere(this.chunks[chunk]!, between));
        this.counts.here += this.chunks[chunk]!.length;
      }
      const articles: NewArticle[] = [];
      for (const [chunk, jobs] of this.chunks.entries()) {
        // A chunk the thread claimed but could not answer (it failed) is enriched here after all.
        let done = here.get(chunk);
        if (!done) {
          const answer = await this.answers[chunk]?.catch(() => undefined);
          if (answer) this.counts.byThreads += answer.length;
          else this.counts.here += jobs.length;
          done = answer ?? (await enrichHere(jobs, between));
        }
        articles.push(...done);
      }
      return articles;
    } finally {
      this.finished();
    }
  }

  discard(): void {
    for (let chunk = 0; chunk < this.chunks.length; chunk++) Atomics.compareExchange(this.claims, chunk, UNCLAIMED, CLAIMED_HERE);
    this.finished();
  }
}

/** A batch enriched on the main thread alone, when articles() is called. */
export function enrichingHere(jobs: EnrichJob[]): Enriching {
  return { articles: (between) => enrichHere(jobs, between), discard: () => undefined };
}

async function enrichHere(jobs: EnrichJob[], between: () => Promise<void>): Promise<NewArticle[]> {
  const articles: NewArticle[] = [];
  for (const job of jobs) {
    await between();
    articles.push(enrichForIngest(job.input, job.storedAt, job.keys));
  }
  return articles;
}

/** One thread per core beyond the main thread's, at least one, at most MAX_THREADS. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, os.availableParallelism() - 1));
}

let shared: EnrichPool | undefined;

/** The process's pool, made on first use (its threads start when first given work). */
export function sharedEnrichPool(): EnrichPool {
  shared ??= new EnrichPool();
  return shared;
}
