// Reads a folder in BBC-News-Summary layout (News Articles/<category>/NNN.txt beside
// Summaries/<category>/NNN.txt) into articles with their reference summaries.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText } from "../src/core/ingest/decode.js";
import { dataDir } from "./data.js";

export interface BenchArticle {
  /** "business/001" */
  id: string;
  /** The file number, which decides the split. */
  number: number;
  title: string;
  body: string;
  /** The reference summary: sentences of the body, run together. */
  reference: string;
}

/** $NEWSBOT_DATA/bbc-news-summary, or ../shared/data/bbc-news-summary beside the repository. */
export function defaultDataDir(): string {
  return join(dataDir(), "bbc-news-summary");
}

/** The fixed split: files numbered 1 mod 4 (001, 005, ...) tune the summarizer; the rest are
 * held out and never learned from. */
export function splitOf(article: { number: number }): "tune" | "holdout" {
  return article.number % 4 === 1 ? "tune" : "holdout";
}

/** Whitespace-free, straight-quoted text: the references run sentences together with no space,
 * so "is sentence S in the reference" is a substring test on these keys. */
export function containmentKey(text: string): string {
  return text.replace(/[‘’`´]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, "");
}

/** The text of a file, decoded as ingest decodes it (a £ or a curly quote saved as one cp1252 byte is common here). */
function readText(path: string): string {
  const decoded = decodeText(readFileSync(path));
  if (!decoded.ok) throw new Error(`${path}: ${decoded.reason}`);
  return decoded.text;
}

/** Which folders are missing, or an empty list when `dir` has the expected layout. */
export function missingFolders(dir: string): string[] {
  return ["News Articles/", "Summaries/"].filter((name) => !existsSync(join(dir, name)));
}

export function loadBbcNews(dir: string): BenchArticle[] {
  const articles: BenchArticle[] = [];
  const articleRoot = join(dir, "News Articles");
  for (const category of readdirSync(articleRoot).sort()) {
    const files = readdirSync(join(articleRoot, category)).filter((name) => name.endsWith(".txt")).sort();
    for (const file of files) {
      const summaryPath = join(dir, "Summaries", category, file);
      if (!existsSync(summaryPath)) continue;
      const text = readText(join(articleRoot, category, file));
      const [title = "", ...rest] = text.replace(/\r\n?/g, "\n").split("\n");
      articles.push({
        id: `${category}/${file.replace(/\.txt$/, "")}`,
        number: Number.parseInt(file, 10),
        title: title.trim(),
        body: rest.join("\n").trim(),
        reference: readText(summaryPath),
      });
    }
  }
  return articles;
}
