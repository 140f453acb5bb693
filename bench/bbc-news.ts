// Reads a folder in BBC-News-Summary layout (News Articles/<category>/NNN.txt beside
// Summaries/<category>/NNN.txt) into articles with their reference summaries, and the published
// systems' summaries of the same articles when the folder has a systems.jsonl (cnndm-frank does).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { decodeText } from "../src/core/charset/decode.js";
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

/** The fixed split, by file number in pairs: 001-002 tune, 003-004 held out, 005-006 tune, ...
 * Half of a numbered folder either way: of the BBC dev set (odd numbers only) 001, 005, 009, ...
 * tune; of cnndm-frank (001-136) 001, 002, 005, 006, ... The held-out files are never learned from. */
export function splitOf(article: { number: number }): "tune" | "holdout" {
  return (article.number - 1) % 4 < 2 ? "tune" : "holdout";
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

/** One line of systems.jsonl: the article's id ("cnndm/001") and each system's summary of it. */
const SystemsLine = z.object({ id: z.string() }).catchall(z.string());

/** Summaries by system name, then by article id; empty when the folder has no systems.jsonl. */
export function loadPublishedSystems(dir: string): Map<string, Map<string, string>> {
  const systems = new Map<string, Map<string, string>>();
  const path = join(dir, "systems.jsonl");
  if (!existsSync(path)) return systems;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const { id, ...summaries } = SystemsLine.parse(JSON.parse(line));
    for (const [system, summary] of Object.entries(summaries)) {
      const byArticle = systems.get(system) ?? new Map<string, string>();
      byArticle.set(id, summary);
      systems.set(system, byArticle);
    }
  }
  return systems;
}
