// What a decoded document is before any parser sees it: XML (and its root element), JSON, HTML or
// neither; whether its DOCTYPE declares entities; whether its root element is ever closed. Every scan
// here is a forward indexOf, so it stays linear on hostile input.

export type Sniffed =
  | {
      kind: "xml";
      /** The root element's name as written (`rss`, `feed`, `rdf:RDF`). */
      root: string;
      /** Its local name in lower case (`rss`, `feed`, `rdf`). */
      local: string;
      /** Where the root start tag begins. */
      rootStart: number;
      /** The DOCTYPE's internal subset declares entities (`<!ENTITY`). */
      declaresEntities: boolean;
      /** The DOCTYPE names html (`<!DOCTYPE html>`). */
      htmlDoctype: boolean;
    }
  | { kind: "json" }
  /** A `<?…?>`, comment or DOCTYPE before the root element is never closed. */
  | { kind: "unclosed-prolog" }
  | { kind: "other" };

const FEED_ROOTS = new Set(["rss", "feed", "rdf"]);
/** The JSON Feed marker; its spec requires `version` and writers put it first. */
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//i;
/** looksLikeFeed reads no further than this; a JSON Feed's version sits at the top. */
const SNIFF_CHARS = 64 * 1024;
const ROOT_TAG = /<([A-Za-z_][\w.:-]*)/y;
const DOCTYPE_NAME = /<!doctype\s+([^\s[>]+)/iy;

export function sniffDocument(text: string): Sniffed {
  let i = 0;
  let htmlDoctype = false;
  let doctypeStart = -1;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return { kind: "unclosed-prolog" };
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return { kind: "unclosed-prolog" };
      i = end + 3;
    } else if (startsWithIgnoreCase(text, "<!doctype", i)) {
      doctypeStart = i;
      DOCTYPE_NAME.lastIndex = i;
      htmlDoctype = DOCTYPE_NAME.exec(text)?.[1]?.toLowerCase() === "html";
      const close = text.indexOf(">", i);
      const subsetStart = text.indexOf("[", i);
      if (subsetStart !== -1 && (close === -1 || subsetStart < close)) {
        // An internal subset: declarations up to "]" and ">" (read for entities below, once the
        // root element is found, so a "]" inside a declaration cannot hide one).
        const subsetEnd = text.indexOf("]", subsetStart);
        if (subsetEnd === -1) return { kind: "unclosed-prolog" };
        const end = text.indexOf(">", subsetEnd);
        if (end === -1) return { kind: "unclosed-prolog" };
        i = end + 1;
      } else {
        if (close === -1) return { kind: "unclosed-prolog" };
        i = close + 1;
      }
    } else if (doctypeStart !== -1 && (text.startsWith("<!", i) || text[i] === "]")) {
      // Left over from a DOCTYPE whose subset held a "]" (in a comment or a quoted value): skip
      // declaration by declaration; they stay inside the span checked for entities below.
      const end = text.indexOf(">", i + 1);
      if (end === -1) return { kind: "unclosed-prolog" };
      i = end + 1;
    } else break;
  }
  const first = text[i];
  if (first === "{" || first === "[") return { kind: "json" };
  ROOT_TAG.lastIndex = i;
  const root = ROOT_TAG.exec(text)?.[1];
  if (!root) return { kind: "other" };
  // Entities can only be declared in the DOCTYPE, which sits between here and the root element.
  const declaresEntities = doctypeStart !== -1 && /<!ENTITY/i.test(text.slice(doctypeStart, i));
  const local = (root.includes(":") ? root.slice(root.lastIndexOf(":") + 1) : root).toLowerCase();
  return { kind: "xml", root, local, rootStart: i, declaresEntities, htmlDoctype };
}

/** Cheap sniff used by ingest: an RSS, Atom or RDF root element, or a JSON Feed. */
export function looksLikeFeed(text: string): boolean {
  const head = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  const sniffed = sniffDocument(head.replace(/^\uFEFF/, ""));
  if (sniffed.kind === "xml") return FEED_ROOTS.has(sniffed.local) && !sniffed.htmlDoctype;
  if (sniffed.kind === "json") return JSON_FEED_VERSION.test(head);
  return false;
}

export function isFeedRoot(local: string): boolean {
  return FEED_ROOTS.has(local);
}

/** Whether `</root>` (or a self-closing root tag) appears: a feed cut off mid-download has neither. */
export function rootIsClosed(text: string, root: string, rootStart: number): boolean {
  const tagEnd = text.indexOf(">", rootStart);
  if (tagEnd === -1) return false;
  if (text[tagEnd - 1] === "/") return true;
  const close = text.lastIndexOf(`</${root}`);
  if (close <= tagEnd) return false;
  return /^\s*>/.test(text.slice(close + root.length + 2, close + root.length + 64));
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xfeff;
}

function startsWithIgnoreCase(text: string, prefix: string, at: number): boolean {
  return text.slice(at, at + prefix.length).toLowerCase() === prefix;
}
