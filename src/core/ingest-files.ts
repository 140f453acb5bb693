// Ingesting files: files in, stored articles out. Reads every file in any format article-files/
// knows (a bad one is rejected with its reason, never stopping the others), then ingests the articles
// in batches (ingest.ts).
import type { ArticleInput } from "./article.js";
import { listArticleFiles, readArticleFile, type Rejection } from "./article-files/index.js";
import { ingestArticles, type IngestCounts } from "./ingest.js";
import type { Ingest } from "./storage/ingest.js";

export interface IngestReport extends IngestCounts {
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
