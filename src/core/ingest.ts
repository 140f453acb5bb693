// Ingest: parsed articles in, stored articles out. Enriches each new article (its summary, entities
// and duplicate keys) and hands them to storage's Ingest (which assigns stories) in batches, giving
// other work a turn as it goes. Reading files is ingest-files.ts; polling feeds is sources/poller.ts.
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ArticleInput } from "./article.js";
import { dedupeKeys, enrich } from "./enrich.js";
import type { NewArticle } from "./storage/index.js";
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

/**
 * Stores already-parsed articles; the building block of file ingest, polling and benchmarks. Articles
 * stored already are recognised before the costly enrichment, so re-reading a folder is cheap. The
 * enrichment yields a turn of the event loop every SLICE_MS and the articles are stored STORE_BATCH
 * at a time, so chat commands are answered while a big batch is stored.
 */
export async function ingestArticles(
  inputs: ArticleInput[],
  ingest: Pick<Ingest, "findDuplicates" | "addArticles">,
  now: () => Date = () => new Date(),
): Promise<IngestCounts> {
  const report = { added: 0, copies: 0, duplicates: 0 };
  let fresh: NewArticle[] = [];
  let sliceStarted = performance.now();
  const yieldWhenDue = async () => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await nextTurn();
    sliceStarted = performance.now();
  };
  const storeFresh = async () => {
    for (const outcome of await ingest.addArticles(fresh)) {
      if (outcome.status === "added") report.added++;
      else if (outcome.status === "copy") report.copies++;
      else report.duplicates++;
    }
    fresh = [];
  };
  for (let start = 0; start < inputs.length; start += STORE_BATCH) {
    const batch = inputs.slice(start, start + STORE_BATCH);
    const keys = batch.map(dedupeKeys);
    const known = await ingest.findDuplicates(keys);
    for (const [i, input] of batch.entries()) {
      await yieldWhenDue();
      if (known[i]) report.duplicates++;
      else fresh.push(enrich(input, now(), keys[i]));
    }
    await yieldWhenDue();
    await storeFresh();
  }
  return report;
}

