// Raw scraped text: articles run together, each opening with a header block such as
//   Title / Caption / Caption / TT / Title / Caption / Caption
// (title, doubled photo caption, a stray credit marker, all repeated once) before the body.
import { toBody } from "./paragraphs.js";
import type { IngestDefaults, ParsedArticles } from "./types.js";
import { validateArticle } from "../validate-article.js";

/** A header's lines span at most this many non-blank lines after the title. */
const HEADER_WINDOW = 8;
/** Stray photo-credit markers: "TT", "AP", "AFP". */
const MARKER = /^[A-Z]{1,4}$/;
/** Longer lines are paragraphs, not titles. */
const MAX_TITLE_LINE = 300;

interface Header {
  /** Indexes into the non-blank lines: the title, and the first line after the header. */
  start: number;
  end: number;
  title: string;
  caption?: string;
  /** Repeated title plus a caption or marker, or a doubled caption plus a marker: unambiguous.
   * A lone repeated line is not enough: plain articles sometimes repeat a paragraph. */
  strong: boolean;
}

/** Non-blank lines with their position in the full line list (bodies need the blank lines back). */
interface Content {
  lines: string[];
  lineNumbers: number[];
}

function contentOf(lines: readonly string[]): Content {
  const content: Content = { lines: [], lineNumbers: [] };
  lines.forEach((line, index) => {
    if (line !== "") {
      content.lines.push(line);
      content.lineNumbers.push(index);
    }
  });
  return content;
}

/** A caption is doubled, or comes back after the repeated title / marker. */
function isCaptionAt(lines: readonly string[], j: number, title: string): boolean {
  const line = lines[j];
  if (lines[j + 1] === line) return true;
  let k = j + 1;
  while (k < lines.length && k - j <= HEADER_WINDOW && (lines[k] === title || MARKER.test(lines[k] ?? ""))) k++;
  return k > j + 1 && lines[k] === line;
}

function matchHeader(lines: readonly string[], start: number): Header | undefined {
  const title = lines[start];
  if (title === undefined || title.length > MAX_TITLE_LINE || MARKER.test(title)) return undefined;
  let caption: string | undefined;
  let titleRepeated = false;
  let marker = false;
  let doubled = false;
  let j = start + 1;
  while (j < lines.length && j - start <= HEADER_WINDOW) {
    const line = lines[j] ?? "";
    if (line === title) titleRepeated = true;
    else if (MARKER.test(line)) marker = true;
    else if (caption === undefined && isCaptionAt(lines, j, title)) caption = line;
    else if (line !== caption) break;
    if (line === caption && lines[j - 1] === caption) doubled = true;
    j++;
  }
  const strong = (titleRepeated && (caption !== undefined || marker)) || (doubled && marker);
  // A title followed by a doubled caption and nothing else is only a weak sign (see findHeaders).
  if (!strong && !doubled) return undefined;
  return { start, end: j, title, caption, strong };
}

/** Every article header; a weak one (title + doubled caption only) counts only at the top of the file. */
function findHeaders(lines: readonly string[]): Header[] {
  const headers: Header[] = [];
  let i = 0;
  while (i < lines.length) {
    const header = matchHeader(lines, i);
    if (header && (header.strong || i === 0)) {
      headers.push(header);
      i = header.end;
    } else i++;
  }
  return headers;
}

/** Whether cleaned lines look like raw scraped text. */
export function looksScraped(lines: readonly string[]): boolean {
  return findHeaders(contentOf(lines).lines).length > 0;
}

export function parseScraped(lines: readonly string[], path: string, defaults: IngestDefaults = {}): ParsedArticles {
  const content = contentOf(lines);
  const headers = findHeaders(content.lines);
  const result: ParsedArticles = { articles: [], rejected: [] };
  const lineAt = (contentIndex: number) => content.lineNumbers[contentIndex] ?? lines.length;

  const first = headers[0];
  if (first && first.start > 0) {
    result.rejected.push({
      path: `${path}:1`,
      reason: `Lines 1-${lineAt(first.start)} come before the first headline and belong to no article, so they were skipped.`,
    });
  }
  headers.forEach((header, n) => {
    const bodyLines = lines.slice(lineAt(header.end), lineAt(headers[n + 1]?.start ?? content.lines.length));
    const where = `${path}:${lineAt(header.start) + 1}`;
    const body = toBody(bodyLines);
    if (body === "") {
      result.rejected.push({ path: where, reason: `Article "${header.title}" has a headline but no body text below it.` });
      return;
    }
    const validated = validateArticle({ title: header.title, body, imageCaption: header.caption }, where, defaults);
    if (validated.ok) result.articles.push(validated.article);
    else result.rejected.push(validated.rejection);
  });
  return result;
}
