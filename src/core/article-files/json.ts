// JSON articles: an array of records, a single record, or JSON Lines (one record per line).
import { cleanLine, cleanText } from "../clean-text.js";
import { toBody } from "./paragraphs.js";
import type { IngestDefaults, ParsedArticles } from "./types.js";
import { validateArticle } from "../validate-article.js";

/** Starts like a JSON object or array of records/values, not like prose ("[Updated] Title"). */
const JSON_START = /^[\s\uFEFF]*(\{\s*["}]|\[\s*[[{"\]])/;

export function looksLikeJson(text: string): boolean {
  return JSON_START.test(text);
}

export function parseJsonArticles(text: string, path: string, defaults: IngestDefaults = {}): ParsedArticles {
  const source = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    if (isJsonLines(source)) return parseJsonLines(source, path, defaults);
    const { line, column, message } = locateError(error, source);
    return {
      articles: [],
      rejected: [{ path: `${path}:${line}`, reason: `Malformed JSON at line ${line}, column ${column}: ${message}; fix the syntax, or write one record per line (JSON Lines).` }],
    };
  }

  const result: ParsedArticles = { articles: [], rejected: [] };
  if (Array.isArray(value)) {
    if (value.length === 0) result.rejected.push({ path, reason: "JSON array is empty; there are no articles in it." });
    const lines = arrayElementLines(source);
    value.forEach((record, index) => addRecord(result, record, `${path}:${lines[index] ?? index}`, defaults));
  } else if (isObject(value)) {
    addRecord(result, value, `${path}:${lineOf(source, source.search(/\S/))}`, defaults);
  } else {
    result.rejected.push({
      path,
      reason: `JSON file holds ${describe(value)}; it must hold an article object, an array of them, or one object per line (JSON Lines).`,
    });
  }
  return result;
}

function parseJsonLines(source: string, path: string, defaults: IngestDefaults): ParsedArticles {
  const result: ParsedArticles = { articles: [], rejected: [] };
  source.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${path}:${index + 1}`;
    try {
      addRecord(result, JSON.parse(line), where, defaults);
    } catch (error) {
      const { column, message } = locateError(error, line);
      result.rejected.push({ path: where, reason: `Malformed JSON on this line at column ${column}: ${message}.` });
    }
  });
  return result;
}

/** JSON Lines when the first non-blank line is a complete object on its own. */
function isJsonLines(source: string): boolean {
  const first = source.split(/\r\n|\n|\r/).find((line) => line.trim() !== "");
  if (first === undefined) return false;
  try {
    return isObject(JSON.parse(first));
  } catch {
    return false;
  }
}

function addRecord(result: ParsedArticles, record: unknown, where: string, defaults: IngestDefaults): void {
  if (!isObject(record)) {
    result.rejected.push({ path: where, reason: `Record is ${describe(record)}, not an object with "title" and "body".` });
    return;
  }
  const validated = validateArticle(cleanFields(record), where, defaults);
  if (validated.ok) result.articles.push(validated.article);
  else result.rejected.push(validated.rejection);
}

/** The same cleaning the text formats get; non-strings are left for the schema to report. */
function cleanFields(record: Record<string, unknown>): Record<string, unknown> {
  const fields = { ...record };
  for (const key of ["title", "source", "imageCaption"] as const) {
    const value = fields[key];
    if (typeof value === "string") fields[key] = cleanLine(value);
  }
  if (typeof fields.body === "string") fields.body = toBody(cleanText(fields.body).split("\n"));
  if (typeof fields.url === "string") fields.url = fields.url.trim();
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The 1-based line where each element of a top-level array starts (char codes: fast on 10 MB). */
function arrayElementLines(source: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expecting = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\n") line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") continue;
    if (depth === 1 && expecting && ch !== "]") {
      lines.push(line);
      expecting = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expecting = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expecting = true;
  }
  return lines;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** V8 says "... in JSON at position 42", or quotes the 10 characters before the bad token, or says
 * nothing (at the end of the input); users want line:column. */
function locateError(error: unknown, source: string): { line: number; column: number; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const quoted = /^(Unexpected token '(.+?)'), (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(raw);
  let position = source.length;
  let message = raw.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
  const at = /at position (\d+)/.exec(raw);
  if (at) position = Number(at[1]);
  else if (quoted) {
    message = quoted[1] ?? message;
    const context = quoted[4] ?? "";
    position = quoted[3] ? source.indexOf(context) + 10 : source.indexOf(quoted[2] ?? "");
    if (position < 0) position = 0;
  }
  const line = lineOf(source, position);
  const column = Math.max(1, position - source.lastIndexOf("\n", position - 1));
  return { line, column, message: message || "invalid JSON" };
}
