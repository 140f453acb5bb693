// Renders cards as terminal text: colour and bold when the output is a TTY, plain text when piped.
import pc from "picocolors";
import { missingSummary, readingTime, type Card, type Reply, type SourceCard, type StoryCard } from "../../core/card.js";
import { count } from "../../core/text.js";
import { ENTITY_GROUPS, entityNames, stripControl } from "../text-limits.js";
import { formatTime as formatTimeIn, zoneName } from "./time.js";

export interface RenderOptions {
  color: boolean;
  /** Column to wrap at. */
  width: number;
  /** IANA zone times are shown in; the machine's own by default. */
  timeZone?: string;
}

/** Escape sequences and other control characters in article text must not drive the terminal. */
export const plain = stripControl;

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

/** Sources named on a card's line; the rest are counted. */
const MAX_SOURCES_SHOWN = 4;

export function formatTime(iso: string, o: RenderOptions): string {
  return formatTimeIn(iso, o.timeZone);
}

function renderSource(card: SourceCard, o: RenderOptions, c: ReturnType<typeof pc.createColors>): string {
  const status = card.status === "paused" ? c.red("paused") : c.green("active");
  const origin = card.origin === "file" ? " · from the sources file" : "";
  const lines = [`${c.bold(`[${card.sourceId}] ${plain(card.name)}`)} · ${status} · ${count(card.articles, "article")}${origin}`, c.dim(`    ${plain(card.url)}`)];
  const times = [
    card.lastPolledAt ? `last polled ${formatTime(card.lastPolledAt, o)}` : "not polled yet",
    card.nextPollAt ? `next ${formatTime(card.nextPollAt, o)}` : "",
  ].filter(Boolean);
  lines.push(c.dim(`    ${times.join(" · ")}`));
  if (card.problem) lines.push(wrap(plain(card.problem), o.width, "    ! "));
  return lines.join("\n");
}

function renderStory(card: StoryCard, index: number, o: RenderOptions, c: ReturnType<typeof pc.createColors>): string {
  const lines = [c.bold(`${index}. ${plain(card.headline)}`)];
  lines.push(card.summary ? wrap(plain(card.summary), o.width, "   ") : c.dim(wrap(missingSummary(card), o.width, "   ")));
  for (const { kind, label } of ENTITY_GROUPS) {
    const names = entityNames(card, kind).map(plain);
    if (names.length) lines.push(`   ${c.cyan(label + ":")} ${names.join(", ")}`);
  }
  const when = formatTime(card.publishedAt, o);
  const zone = zoneName(o.timeZone);
  const named = card.sources.slice(0, MAX_SOURCES_SHOWN).map((s) => plain(s.name));
  if (card.sources.length > MAX_SOURCES_SHOWN) named.push(`+${card.sources.length - MAX_SOURCES_SHOWN} more`);
  const sources = named.length && card.sourceCount > 1 ? [`${named.join(", ")} (${card.sourceCount} sources)`] : named;
  lines.push(c.dim(`   ${[...sources, `${when} ${zone}`, ...readingTime(card), `story ${card.storyId}`].join(" · ")}`));
  if (card.url) lines.push(c.dim(`   ${plain(card.url)}`));
  if (card.articleCount > 1) {
    lines.push(`   ${c.cyan("Timeline:")}`);
    for (const entry of card.timeline) {
      const who = entry.source ? `${plain(entry.source)}: ` : "";
      lines.push(`     ${c.dim(formatTime(entry.at, o))}  ${who}${plain(entry.headline)}`);
    }
  }
  return lines.join("\n");
}

function renderCard(card: Card, index: number, o: RenderOptions, c: ReturnType<typeof pc.createColors>): string {
  switch (card.type) {
    case "story":
      return renderStory(card, index, o, c);
    case "source":
      return renderSource(card, o, c);
    case "notice": {
      const suggestions = card.suggestions.map((s) => `   • ${plain(s)}`);
      return [wrap(plain(card.text), o.width, ""), ...suggestions].join("\n");
    }
    case "help":
      return card.commands.map((cmd) => `  ${c.bold(cmd.usage.padEnd(18))} ${cmd.description}`).join("\n");
  }
}

export function renderReply(reply: Reply, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  let storyNumber = 0;
  const cards = reply.cards.map((card) => renderCard(card, card.type === "story" ? ++storyNumber : 0, options, c));
  return [c.bold(c.underline(plain(reply.title))), ...cards].join("\n\n") + "\n";
}
