// Ingest: parsed articles in, stored articles out. Enriches each new article (its summary, entities
// and duplicate keys) and hands them to storage's Ingest (which assigns stories) in batches, giving
// other work a turn as it goes. Reading files is ingest-files.ts; polling feeds is sources/poller.ts.
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ArticleInput } from "./article.js";
import { dedupeKeys } from "./enrich.js";
import { enrichingHere, sharedEnrichPool, type Enriching, type EnrichJob, type EnrichPool } from "./enrich-pool.js";
import type { Ingest } from "./storage/ingest.js";

export interface IngestCounts {
  added: number;
  /** Near-duplicates of stored articles, kept as more sources of those articles. */
  copies: number;
  duplicates: number;
}

/** Longest run of work before other work (a chat command: Slack gives it 3 seconds) gets a turn. */
const SLICE_MS = 20;
/** Articles stored per transaction: enough to amortise the story index's save (every changed term's
 * document frequency; at 50 a batch, ingest ran 15% slower), few enough that a unit holds the
 * ingest lock for a fraction of a second (100-200 ms on the benchmark's articles), not seconds. */
const STORE_BATCH = 100;

export interface IngestOptions {
  /** Threads that enrich the next batches while this one is stored: by default the process's pool
   * when there is more than one batch (a poll's few articles are enriched here, without starting a
   * thread), none with `false`. */
  pool?: EnrichPool | false;
}

/**
 * Stores already-parsed articles; the building block of file ingest, polling and benchmarks. Articles
 * stored already are recognised before the costly enrichment, so re-reading a folder is cheap. The
 * articles are stored STORE_BATCH at a time; while one batch is placed in stories and stored, worker
 * threads enrich the next ones (enrich-pool.ts; the same articles, taken in the same order, as one
 * thread would make). The main thread yields a turn of the event loop every SLICE_MS of enrichment
 * it does itself, so chat commands are answered while a big batch is stored.
 */
export async function ingestArticles(
  inputs: ArticleInput[],
  ingest: Pick<Ingest, "findDuplicates" | "addArticles">,
  now: () => Date = () => new Date(),
  options: IngestOptions = {},
): Promise<IngestCounts> {
  const report = { added: 0, copies: 0, duplicates: 0 };
  const pool = options.pool ?? (inputs.length > STORE_BATCH ? sharedEnrichPool() : undefined);
  let sliceStarted = performance.now();
  const yieldWhenDue = async () => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await nextTurn();
    sliceStarted = performance.now();
  };
  /** A batch's articles not stored yet, handed to enrichment. A later batch is looked up before the
   * earlier ones are stored: its copies of them are found when it is stored (counted alike). */
  const submit = async (batch: ArticleInput[]): Promise<Enriching> => {
    const keys = batch.map(dedupeKeys);
    const known = await ingest.findDuplicates(keys);
    const jobs: EnrichJob[] = [];
    for (const [i, input] of batch.entries()) {
      if (known[i]) report.duplicates++;
      else jobs.push({ input, storedAt: now(), keys: keys[i]! });
    }
    return pool && jobs.length > 0 ? pool.submit(jobs) : enrichingHere(jobs);
  };
  // Batches submitted ahead of the one being stored: one per thread keeps each busy.
  const ahead = pool ? pool.threads + 1 : 1;
  const submitted: Enriching[] = [];
  let next = 0;
  try {
    while (next < inputs.length || submitted.length > 0) {
      while (submitted.length < ahead && next < inputs.length) {
        submitted.push(await submit(inputs.slice(next, next + STORE_BATCH)));
        next += STORE_BATCH;
      }
      const fresh = await submitted[0]!.articles(yieldWhenDue);
      submitted.shift();
      await yieldWhenDue();
      for (const outcome of await ingest.addArticles(fresh)) {
        if (outcome.status === "added") report.added++;
        else if (outcome.status === "copy") report.copies++;
        else report.duplicates++;
      }
    }
  } finally {
    for (const enriching of submitted) enriching.discard();
  }
  return report;
}
