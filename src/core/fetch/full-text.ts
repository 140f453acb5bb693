// Full text for a teaser: fetch the article's page (through the same polite Fetcher, so the same
// per-host queue and limits) and extract the article from it.
import type { ExtractedPage } from "./extract.js";
import type { Fetcher } from "./fetcher.js";

/** What a browser asks for when opening a page. */
export const PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

export type FullText = { ok: true; page: ExtractedPage } | { ok: false; reason: string };

export async function fetchFullText(fetcher: Fetcher, url: string): Promise<FullText> {
  const result = await fetcher.get(url, { accept: PAGE_ACCEPT });
  if (result.status === "failed") return { ok: false, reason: result.reason };
  if (result.status === "not-modified") {
    // Only a conditional request can get this, and this one is not; a confused server.
    return { ok: false, reason: `${result.url} answered "not modified" without sending the page.` };
  }

  const mediaType = result.contentType?.split(";")[0]?.trim().toLowerCase();
  const isHtml = mediaType ? HTML_TYPES.has(mediaType) : looksLikeHtml(result.bytes);
  if (!isHtml) {
    const what = mediaType ? ` (it is ${mediaType})` : "";
    return { ok: false, reason: `${result.url} is not an HTML page${what}, so it has no article to extract.` };
  }

  // Loaded on first use: linkedom and Readability take a while to load, which only polling needs.
  const { extractArticle } = await import("./extract.js");
  const page = extractArticle(result.bytes, result.url, result.contentType);
  if (!page) return { ok: false, reason: `Found no article text on ${result.url}.` };
  return { ok: true, page };
}

/** For servers that send no Content-Type: does the body start like an HTML document? */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512))
    .toString("latin1")
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "")
    .replace(/^(?:\s|<!--[\s\S]*?-->)+/, "")
    .toLowerCase();
  return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head");
}
