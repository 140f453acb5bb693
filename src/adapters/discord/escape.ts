// Article text into Discord markdown. Every markup character is backslash-escaped (Discord shows
// "\x" as "x" for any punctuation), which also turns <@123>, <@!123>, <@&123> and <#123> into
// plain text; @everyone and @here get a zero-width space after the @. allowed_mentions on every
// message is the real guard against pings; this keeps the text from even looking like one.
import { stripControl } from "../text-limits.js";

/** Markup anywhere in a line: emphasis, code, spoilers, quotes, masked links, mentions. */
const INLINE = /[\\*_~`|<>[\]()]/g;

/** Markup only at the start of a line: headings (#, -#), lists (-, +, 1.). */
const LINE_START = /^([ \t]*)([#\-+]|\d+\.)/gm;

/** A role's mention (an alert's, the only one newsbot writes); the message's allowed_mentions must name the role. */
export function roleMention(id: string): string {
  return `<@&${id}>`;
}

export function escapeMarkdown(text: string): string {
  return stripControl(text)
    .replace(INLINE, "\\$&")
    .replace(LINE_START, (_, indent: string, marker: string) =>
      marker.endsWith(".") ? `${indent}${marker.slice(0, -1)}\\.` : `${indent}\\${marker}`,
    )
    .replace(/@(?=everyone|here)/gi, "@\u200b");
}
