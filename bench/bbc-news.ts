// Reads a folder in BBC-News-Summary layout (News Articles/<category>/NNN.txt beside
// Summaries/<category>/NNN.txt) into articles with their reference summaries.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import chardet from "chardet";
import iconv from "iconv-lite";

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
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  return join(resolve(process.env.NEWSBOT_DATA ?? join(repoRoot, "..", "shared", "data")), "bbc-news-summary");
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 when the bytes are valid UTF-8; otherwise what chardet guesses, cp1252 by default
 * (the usual culprit in this data: a £ or a curly quote saved as one byte). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    const guess = chardet.detect(bytes) ?? "";
    // ISO-8859-1 guesses are read as its superset cp1252, which has the curly quotes at 0x91-0x94.
    const usable = iconv.encodingExists(guess) && !/^(?:UTF-8|ISO-8859-1)$/i.test(guess);
    const encoding = usable ? guess : "windows-1252";
    return iconv.decode(Buffer.from(bytes), encoding);
  }
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
      const text = decodeText(readFileSync(join(articleRoot, category, file)));
      const [title = "", ...rest] = text.replace(/\r\n?/g, "\n").split("\n");
      articles.push({
        id: `${category}/${file.replace(/\.txt$/, "")}`,
        number: Number.parseInt(file, 10),
        title: title.trim(),
        body: rest.join("\n").trim(),
        reference: decodeText(readFileSync(summaryPath)),
      });
    }
  }
  return articles;
}
