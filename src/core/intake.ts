// Intake: files in, stored articles out. Reads every file (a bad one is rejected with its reason,
// never stopping the others), enriches the articles and stores them in batches.
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ArticleInput } from "./article.js";
import { dedupeKeys, enrich } from "./enrich.js";
import { listArticleFiles, readArticleFile, type Rejection } from "./ingest/index.js";
import type { NewArticle } from "./storage/index.js";
import type { Ingest } from "./storage/ingest.js";

export interface IngestReport {
  added: number;
  /** Near-duplicates of stored articles, kept as more sources of those articles. */
  copies: number;
  duplicates: number;
  /** Passed over on purpose, with why (symbolic links inside folders). */
  skipped: Rejection[];
  rejected: Rejection[];
}

export interface IngestOptions {
  /** The source name for articles whose format carries none. */
  source?: string;
  now?: () => Date;
  /** Called after each file: for progress bars. */
  onProgress?: (filesDone: number, filesTotal: number) => void;
}

/** Articles read from files before they are stored: large enough to amortise the work, small enough to show progress. */
const BATCH_SIZE = 250;
/** Longest run of work before other work (a chat command: Slack gives it 3 seconds) gets a turn. */
const SLICE_MS = 20;
/** Articles stored per transaction: enough to amortise the story index's save (every changed term's
 * document frequency; at 50 a batch, ingest ran 15% slower), few enough that one transaction holds
 * the event loop for tens of milliseconds, not hundreds. */
const STORE_BATCH = 100;

/**
 * Stores already-parsed articles; the building block of file ingest, polling and benchmarks. Articles
 * stored already are recognised before the costly enrichment, so re-reading a folder is cheap. The
 * enrichment yields a turn of the event loop every SLICE_MS and the articles are stored STORE_BATCH
 * at a time, so chat commands are answered while a big batch is stored.
 */
export async function ingestArticles(
  inputs: ArticleInput[],
  ingest: Ingest,
  now: () => Date = () => new Date(),
): Promise<Omit<IngestReport, "skipped" | "rejected">> {
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

export async function ingestFiles(paths: string[], ingest: Ingest, options: IngestOptions = {}): Promise<IngestReport> {
  const { files, skipped, rejected } = await listArticleFiles(paths);
  const report: IngestReport = { added: 0, copies: 0, duplicates: 0, skipped, rejected: [...rejected] };
  let pending: ArticleInput[] = [];
  const flush = async () => {
    const stored = await ingestArticles(pending, ingest, options.now);
    report.added += stored.added;
    report.copies += stored.copies;
    report.duplicates += stored.duplicates;
    pending = [];
  };
  for (const [index, file] of files.entries()) {
    const parsed = await readArticleFile(file, { source: options.source });
    report.rejected.push(...parsed.rejected);
    pending.push(...parsed.articles);
    if (pending.length >= BATCH_SIZE) await flush();
    options.onProgress?.(index + 1, files.length);
  }
  await flush();
  return report;
}
