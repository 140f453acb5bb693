// Where benchmarks find the shared public data: NEWSBOT_DATA, or ../shared/data beside the repo.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ArticleInput } from "../src/core/article.js";
import { listArticleFiles, readArticleFile } from "../src/core/article-files/index.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function dataDir(): string {
  return path.resolve(process.env.NEWSBOT_DATA ?? path.join(REPO, "..", "shared", "data"));
}

/** The folder given on the command line, or the default one under the data folder; exits clearly when absent. */
export function requireDir(given: string | undefined, fallback: string, what: string): string {
  const dir = path.resolve(given ?? path.join(dataDir(), fallback));
  if (!fs.existsSync(dir)) {
    process.stderr.write(
      `${what} not found at ${dir}.\nPass the folder as an argument, or set NEWSBOT_DATA to the folder that holds ${fallback}/.\n`,
    );
    process.exit(2);
  }
  return dir;
}

/** Prints rows as an aligned text table: the first `labelColumns` columns left-aligned, figures right-aligned. */
export function printTable(headers: string[], rows: Array<Array<string | number>>, labelColumns = 1): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i < labelColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Every article of a headline-first folder, read as `ingest` reads it (charset, cleaning). */
export async function readCorpus(folder: string, source?: string): Promise<ArticleInput[]> {
  const { files } = await listArticleFiles([folder]);
  const articles: ArticleInput[] = [];
  for (const file of files) articles.push(...(await readArticleFile(file, { source })).articles);
  if (articles.length === 0) throw new Error(`no articles under ${folder}`);
  return articles;
}
