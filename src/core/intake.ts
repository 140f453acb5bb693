// Intake: files in, stored articles out. Reads every file (a bad one is rejected with its reason,
// never stopping the others), enriches the articles and stores them in batches.
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ArticleInput } from "./article.js";
import { dedupeKeys, enrich } from "./enrich.js";
import { listArticleFiles, readArticleFile, type Rejection } from "./ingest/index.js";
import type { NewArticle, Store } from "../store/store.js";

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
/** Longest run of enrichment before its articles are stored and other work gets a turn: the bot
 * stays responsive (Slack gives a command 3 seconds) while a big feed is stored. */
const SLICE_MS = 20;
/** Most articles stored per transaction, so that small, quickly enriched articles still store in short slices. */
const MAX_SLICE = 50;

/**
 * Stores already-parsed articles; the building block of file ingest, polling and benchmarks. Articles
 * stored already are recognised before the costly enrichment, so re-reading a folder is cheap. The
 * work goes in short slices with a turn of the event loop between them, so chat commands are
 * answered while a big batch is stored.
 */
export async function ingestArticles(
  inputs: ArticleInput[],
  store: Store,
  now: () => Date = () => new Date(),
): Promise<Omit<IngestReport, "skipped" | "rejected">> {
  const report = { added: 0, copies: 0, duplicates: 0 };
  let next = 0;
  while (next < inputs.length) {
    if (next > 0) await nextTurn();
    const started = performance.now();
    const fresh: NewArticle[] = [];
    do {
      const input = inputs[next++]!;
      const keys = dedupeKeys(input);
      const [known] = await store.findDuplicates([keys]);
      if (known) report.duplicates++;
      else fresh.push(enrich(input, now(), keys));
    } while (next < inputs.length && fresh.length < MAX_SLICE && performance.now() - started < SLICE_MS);
    for (const outcome of await store.addArticles(fresh)) {
      if (outcome.status === "added") report.added++;
      else if (outcome.status === "copy") report.copies++;
      else report.duplicates++;
    }
  }
  return report;
}

export async function ingestFiles(paths: string[], store: Store, options: IngestOptions = {}): Promise<IngestReport> {
  const { files, skipped, rejected } = await listArticleFiles(paths);
  const report: IngestReport = { added: 0, copies: 0, duplicates: 0, skipped, rejected: [...rejected] };
  let pending: ArticleInput[] = [];
  const flush = async () => {
    const stored = await ingestArticles(pending, store, options.now);
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
