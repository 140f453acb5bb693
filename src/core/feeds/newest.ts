// A poll reads only the newest items of a feed (NEWSBOT_MAX_ITEMS_PER_POLL). Picking them after
// feedsmith has built every item costs memory in proportion to the whole feed (150 MB for 100,000
// tiny items), so a feed with more items than that is cut down first: a streaming scan finds each
// item's place and date, and feedsmith reads a document of the feed's header, the newest items (as
// written, in feed order) and its end. JSON Feed is cut down the same way, on its parsed items array.
import { Parser } from "htmlparser2";

/** A feed document cut down to its newest items, and where each kept item stands in the whole feed. */
export interface NewestItems<Document> {
  document: Document;
  /** The kept items' indexes in the whole feed, in feed order. */
  numbers: number[];
  /** Items not kept. */
  leftOut: number;
}

/** The item's child elements whose text is its date, best first, by local name (the order entries.ts reads them). */
const DATE_ELEMENTS: Record<string, string[]> = {
  rss: ["pubdate", "date", "issued", "created", "published", "updated", "modified"],
  rdf: ["date", "issued", "created", "modified"],
  feed: ["published", "date", "issued", "updated", "modified"],
};

/** The first candidate that parses as a date: ISO 8601, RFC 822, or RFC 822 with a non-English day name. */
export function firstDate(candidates: ReadonlyArray<string | undefined>): Date | undefined {
  for (const raw of candidates) {
    const value = raw?.trim();
    if (!value) continue;
    let date = new Date(value);
    if (Number.isNaN(date.getTime())) date = new Date(value.replace(/^[^\d\s,]+,\s*/u, ""));
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

/** What an item's date candidates rank by: its time, or below every date when it has none. */
export function rankingTime(candidates: ReadonlyArray<string | undefined>): number {
  return firstDate(candidates)?.getTime() ?? Number.NEGATIVE_INFINITY;
}

/**
 * The indexes of the newest `max` items, in feed order. Dated items rank by date, newest first;
 * undated ones after them in feed order (feeds list their newest items first).
 */
export function pickNewest(times: readonly number[], max: number): number[] {
  const order = times.map((_, i) => i);
  order.sort((a, b) => (times[a] === times[b] ? a - b : times[b]! - times[a]!));
  return order.slice(0, max).sort((a, b) => a - b);
}

/** A JSON Feed (already parsed) with only its newest `max` items; undefined when it has no more than that. */
export function newestJsonItems(feed: object, max: number): NewestItems<object> | undefined {
  const items: unknown = (feed as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length <= max) return undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const times = items.map((item: unknown) => {
    const { date_published, date_modified } = (item ?? {}) as Record<string, unknown>;
    return rankingTime([text(date_published), text(date_modified)]);
  });
  const numbers = pickNewest(times, max);
  return { document: { ...feed, items: numbers.map((i) => items[i]) }, numbers, leftOut: items.length - max };
}

interface OpenElement {
  /** Lower-case qualified name. */
  name: string;
  /** Where its start tag begins. */
  start: number;
}

/**
 * An RSS 2.0, RDF or Atom document (`local` is its root element's lower-case local name) with only
 * its newest `max` items, each kept as written. Undefined when it has no more items than that, or
 * when the scan cannot be sure where its items are (broken nesting, several channels): parseFeed
 * then reads the whole document, which also gives malformed XML its usual refusal.
 */
export function newestXmlItems(text: string, local: string, max: number): NewestItems<string> | undefined {
  const dateNames = DATE_ELEMENTS[local];
  if (!dateNames) return undefined;
  // RSS items sit in <rss><channel>, RDF items and Atom entries right in the root element.
  const itemDepth = local === "rss" ? 3 : 2;
  const open: OpenElement[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const times: number[] = [];
  let inItem = false;
  let dates: Array<string | undefined> = [];
  let dateIndex = -1;
  let channels = 0;
  let broken = false;
  let toc: [number, number] | undefined;

  const isItem = (depth: number) => {
    if (depth !== itemDepth) return false;
    const name = open[depth - 1]!.name;
    if (local === "rss") return name === "item" && open[1]!.name === "channel";
    // Atom entries share the root's prefix (<feed>/<entry>, <atom:feed>/<atom:entry>); RDF items
    // take whatever prefix their namespace is bound to.
    if (local === "feed") return name === `${open[0]!.name.slice(0, -"feed".length)}entry`;
    return localName(name) === "item";
  };

  const parser = new Parser(
    {
      onopentag(tag) {
        const depth = open.push({ name: tag.toLowerCase(), start: parser.startIndex });
        if (depth === 2 && open[1]!.name === "channel") channels++;
        if (isItem(depth)) {
          inItem = true;
          dates = [];
        } else if (inItem && depth === itemDepth + 1) {
          const k = dateNames.indexOf(localName(open[depth - 1]!.name));
          if (k !== -1 && dates[k] === undefined) {
            dateIndex = k;
            dates[k] = "";
          }
        }
      },
      ontext(chunk) {
        if (dateIndex !== -1) dates[dateIndex] += chunk;
      },
      onclosetag(_tag, implied) {
        const depth = open.length;
        const end = parser.endIndex + 1;
        // htmlparser2 closes a self-closing tag as implied too; that one starts where its element does.
        if (implied && parser.startIndex !== open[depth - 1]!.start) broken = true;
        if (depth === itemDepth + 1) dateIndex = -1;
        if (inItem && isItem(depth)) {
          inItem = false;
          starts.push(open[depth - 1]!.start);
          ends.push(end);
          times.push(rankingTime(dates));
        } else if (local === "rdf" && depth === 3 && localName(open[2]!.name) === "items" && localName(open[1]!.name) === "channel") {
          toc = [open[2]!.start, end];
        }
        open.pop();
      },
    },
    { xmlMode: true },
  );
  parser.end(text);

  if (broken || channels > 1 || starts.length <= max) return undefined;
  const numbers = pickNewest(times, max);
  const cuts: Array<[number, number]> = [];
  let next = 0;
  starts.forEach((start, i) => {
    if (numbers[next] === i) next++;
    else cuts.push([start, ends[i]!]);
  });
  // RDF's table of contents lists every item's address; without it feedsmith reads the items in feed order.
  if (toc) cuts.push(toc);
  cuts.sort(([a], [b]) => a - b);
  return { document: cutOut(text, cuts), numbers, leftOut: starts.length - max };
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(":") + 1);
}

/** `text` without the given ranges (sorted, not overlapping); white space between two cuts goes too. */
function cutOut(text: string, cuts: ReadonlyArray<[number, number]>): string {
  const kept: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    if (at === 0 || !isBlank(text, at, from)) kept.push(text.slice(at, from));
    at = to;
  }
  kept.push(text.slice(at));
  return kept.join("");
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return true;
}
