// Text hygiene and length limits shared by the renderers (Slack blocks, Discord embeds, the terminal).
// Lengths are measured in UTF-16 code units (String#length), never fewer than the characters
// Slack or Discord count, so a text that passes here passes there.
import type { EntityKind } from "../core/article.js";
import type { StoryCard } from "../core/card.js";
import { stripInvisible } from "../core/invisible.js";

export const ELLIPSIS = "…";

/** Longest URL turned into a link; longer ones (tracking junk, data stuffed in queries) stay unlinked. */
export const MAX_URL = 1000;

/** Longest entity, source or suggestion name shown before it is cut. */
export const MAX_NAME = 100;

/** Escape sequences and other control characters in feed text, and direction controls and
 * zero-width characters (a headline displayed reversed); newlines and tabs are kept. */
export function stripControl(text: string): string {
  return stripInvisible(text.replace(/\p{Cc}/gu, (c) => (c === "\n" || c === "\t" ? c : "")));
}

/** For titles and names: one line, runs of whitespace as one space. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s+/g, " ").trim();
}

/** The first `units` code units, one fewer when the cut would split a surrogate pair. */
function cutAt(text: string, units: number): string {
  let end = Math.max(0, Math.min(units, text.length));
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** `text` cut to at most `max` code units, with "…" when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return cutAt(text, max);
  return cutAt(text, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/**
 * `escape(text)` within `max` code units. The raw text is cut before escaping, so an entity
 * (&amp;) or a backslash escape is never cut in half; `escape` may only lengthen text once
 * control characters are gone, so each retry with a shorter cut gets closer.
 */
export function fitEscaped(text: string, max: number, escape: (text: string) => string): string {
  const clean = stripControl(text);
  if (clean.length <= max) {
    const whole = escape(clean);
    if (whole.length <= max) return whole;
  }
  if (max < ELLIPSIS.length) return "";
  let budget = max - ELLIPSIS.length;
  for (;;) {
    const out = escape(cutAt(clean, budget).trimEnd()) + ELLIPSIS;
    if (out.length <= max || budget === 0) return truncate(out, max);
    budget = Math.max(0, budget - (out.length - max));
  }
}

const more = (hidden: number): string => `+${hidden} more`;

/** As many whole items as fit in `max`, in order, then "+N more" for the rest: a link or a
 * name is never cut in half. */
export function joinWithin(items: readonly string[], separator: string, max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, item] of items.entries()) {
    const added = (kept.length ? separator.length : 0) + item.length;
    const rest = items.length - i - 1;
    const reserved = rest ? separator.length + more(rest).length : 0;
    if (length + added + reserved > max) break;
    kept.push(item);
    length += added;
  }
  const hidden = items.length - kept.length;
  if (hidden) kept.push(more(hidden));
  // Only bites when not even "+N more" fits, i.e. with an absurdly small `max`.
  return truncate(kept.join(separator), max);
}

/**
 * An absolute http(s) URL, normalised, with the characters that end or break a link in chat
 * markup (| for Slack, parentheses and spaces for Discord, < > for both) percent-encoded.
 * Anything else (javascript:, relative paths, garbage) is not a link.
 */
export function httpUrl(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const href = url.href.replace(/[|()<>"`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return href.length <= MAX_URL ? href : undefined;
}

/** Seconds since the epoch, or undefined for a date that does not parse. */
export function unixSeconds(iso: string): number | undefined {
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** "27 Nov 2026, 06:00 UTC", for readers whose client cannot localise a time itself. */
export function formatTime(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return oneLine(iso);
  const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  return `${time} ${timeZone}`;
}

export const ENTITY_GROUPS: ReadonlyArray<{ kind: EntityKind; label: string }> = [
  { kind: "person", label: "People" },
  { kind: "place", label: "Places" },
  { kind: "organisation", label: "Organisations" },
];

export function entityNames(card: StoryCard, kind: EntityKind): string[] {
  return card.entities.filter((e) => e.kind === kind).map((e) => e.name);
}
