// Intake: files in, stored articles out. Reads every file (a bad one is rejected with its reason,
// never stopping the others), enriches the articles and stores them in batches.
import type { ArticleInput } from "./article.js";
import { dedupeKeys, enrich } from "./enrich.js";
import { listArticleFiles, readArticleFile, type Rejection } from "./ingest/index.js";
import type { Store } from "../store/store.js";

export interface IngestReport {
  added: number;
  /** Near-duplicates of stored articles, kept as more sources of those articles. */
  copies: number;
  duplicates: number;
  rejected: Rejection[];
}

export interface IngestOptions {
  /** The source name for articles whose format carries none. */
  source?: string;
  now?: () => Date;
  /** Called after each file: for progress bars. */
  onProgress?: (filesDone: number, filesTotal: number) => void;
}

/** Articles stored per transaction: large enough to amortise the commit, small enough to show progress. */
const BATCH_SIZE = 250;

/**
 * Stores already-parsed articles; the building block of file ingest and of benchmarks. Articles
 * stored already are recognised before the costly enrichment, so re-reading a folder is cheap.
 */
export async function ingestArticles(
  inputs: ArticleInput[],
  store: Store,
  now: () => Date = () => new Date(),
): Promise<Omit<IngestReport, "rejected">> {
  const report = { added: 0, copies: 0, duplicates: 0 };
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const batch = inputs.slice(start, start + BATCH_SIZE);
    const keys = batch.map(dedupeKeys);
    const known = await store.findDuplicates(keys);
    const fresh = batch.flatMap((input, i) => (known[i] ? [] : [enrich(input, now(), keys[i])]));
    report.duplicates += batch.length - fresh.length;
    for (const outcome of await store.addArticles(fresh)) {
      if (outcome.status === "added") report.added++;
      else if (outcome.status === "copy") report.copies++;
      else report.duplicates++;
    }
  }
  return report;
}

export async function ingestFiles(paths: string[], store: Store, options: IngestOptions = {}): Promise<IngestReport> {
  const { files, rejected } = await listArticleFiles(paths);
  const report: IngestReport = { added: 0, copies: 0, duplicates: 0, rejected: [...rejected] };
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
