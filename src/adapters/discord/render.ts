// Discord message payloads for a reply: plain JSON with no discord.js, so the webhook courier and
// a later bot adapter post the same thing. Discord rejects an oversize embed rather than cutting
// it, so every text is escaped and fitted here, and a long reply becomes several messages.
import { count, coverageWords } from "../../core/text.js";
import { missingSummary, readingTime, type Card, type HelpCard, type NoticeCard, type Reply, type SourceCard, type StoryCard } from "../../core/card.js";
import {
  ELLIPSIS,
  ENTITY_GROUPS,
  MAX_NAME,
  entityNames,
  fitEscaped,
  httpUrl,
  joinWithin,
  oneLine,
  truncate,
  unixSeconds,
} from "../text-limits.js";
import { escapeMarkdown } from "./escape.js";

/** Discord's documented message and embed limits. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer and author, across a message's embeds. */
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: DiscordEmbedField[];
  /** ISO 8601. */
  timestamp?: string;
  footer?: { text: string };
  color?: number;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  /** Always empty: nothing newsbot posts may ping anyone, whatever the article text says. */
  allowed_mentions: { parse: [] };
}

export interface DiscordRenderOptions {
  /** The URL of a story's discussion thread, when there is one. */
  discussion?: (storyId: string) => string | undefined;
}

const COLORS = { story: 0x2b6cb0, source: 0x38a169, paused: 0xc53030, notice: 0x718096, help: 0x718096 } as const;

/** Entity lists are capped below the field limit so a crowded card still leaves room for its summary. */
const ENTITY_FIELD = 512;
const FOOTER = 200;

const fit = (text: string, max: number): string => fitEscaped(text, max, escapeMarkdown);
const fitName = (name: string): string => fit(oneLine(name), MAX_NAME);

/** `[label](url)` for an http(s) URL (parentheses and spaces already percent-encoded), else the label. */
function link(url: string | null | undefined, label: string): string {
  const href = httpUrl(url);
  return href ? `[${label || href}](${href})` : label;
}

/** Shown in each reader's own zone by the Discord client. */
function discordDate(iso: string): string {
  const seconds = unixSeconds(iso);
  return seconds === undefined ? fit(oneLine(iso), 100) : `<t:${seconds}:f>`;
}

/** What Discord counts toward the 6,000-character limit for one embed. */
export function embedLength(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

function storyEmbed(card: StoryCard, options: DiscordRenderOptions): DiscordEmbed {
  const embed: DiscordEmbed = { title: fit(oneLine(card.headline), DISCORD_LIMITS.title) || ELLIPSIS, color: COLORS.story };
  const url = httpUrl(card.url);
  if (url) embed.url = url;

  const fields: DiscordEmbedField[] = [];
  for (const { kind, label } of ENTITY_GROUPS) {
    const names = entityNames(card, kind).map(fitName);
    if (names.length) fields.push({ name: label, value: joinWithin(names, ", ", ENTITY_FIELD), inline: true });
  }
  const sources = card.sources.map((s) => link(s.url, fitName(s.name)));
  if (sources.length) fields.push({ name: "Sources", value: joinWithin(sources, ", ", DISCORD_LIMITS.fieldValue) });
  const discussion = httpUrl(options.discussion?.(card.storyId));
  if (discussion) fields.push({ name: "Discussion", value: link(discussion, "Join the discussion") });
  if (fields.length) embed.fields = fields;

  const footer = [
    ...coverageWords(card.sourceCount, card.articleCount),
    ...readingTime(card),
    `story ${oneLine(card.storyId)}`,
  ];
  embed.footer = { text: truncate(footer.join(" · "), FOOTER) };
  if (unixSeconds(card.publishedAt) !== undefined) embed.timestamp = new Date(card.publishedAt).toISOString();

  // The summary gets whatever the rest leaves of the embed's share of the message limit.
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - embedLength(embed));
  embed.description = fit(card.summary.trim(), room) || noSummary(card);
  return embed;
}

/** The line in place of a headline-only story's summary, with the way to the article itself. */
function noSummary(card: StoryCard): string {
  const href = httpUrl(card.url);
  return `*${missingSummary(card)}*${href ? ` [Read it at the source](${href})` : ""}`;
}

function noticeEmbed(card: NoticeCard): DiscordEmbed {
  const bullets = card.suggestions.map((s) => `• ${fit(oneLine(s), 300)}`);
  const list = bullets.length ? joinWithin(bullets, "\n", 1024) : "";
  const text = fit(card.text.trim(), DISCORD_LIMITS.description - list.length - 2);
  return { description: [text, list].filter(Boolean).join("\n\n") || ELLIPSIS, color: COLORS.notice };
}

function helpEmbed(card: HelpCard): DiscordEmbed {
  // Code spans show usage literally; a backtick would end one early, a modifier grave looks alike.
  const lines = card.commands.map((c) => {
    const usage = truncate(oneLine(c.usage).replace(/`/g, "ˋ"), 200) || ELLIPSIS;
    return `\`${usage}\` — ${fit(oneLine(c.description), 500)}`;
  });
  const description = lines.length ? joinWithin(lines, "\n", DISCORD_LIMITS.description) : "No commands.";
  return { title: "Commands", description, color: COLORS.help };
}

function sourceEmbed(card: SourceCard): DiscordEmbed {
  const embed: DiscordEmbed = {
    title: fit(oneLine(card.name), DISCORD_LIMITS.title) || ELLIPSIS,
    color: card.status === "paused" ? COLORS.paused : COLORS.source,
  };
  const url = httpUrl(card.url);
  if (url) embed.url = url;
  const origin = card.origin === "file" ? " · from the sources file" : "";
  const times = [
    card.lastPolledAt ? `last polled ${discordDate(card.lastPolledAt)}` : "not polled yet",
    card.nextPollAt ? `next ${discordDate(card.nextPollAt)}` : "",
  ].filter(Boolean);
  const lines = [`${card.status} · ${count(card.articles, "article")}${origin}`, fit(oneLine(card.url), 300), times.join(" · ")];
  if (card.problem) lines.push(`⚠️ ${fit(card.problem.trim(), 1500)}`);
  embed.description = lines.join("\n");
  embed.footer = { text: truncate(`source ${oneLine(card.sourceId)}`, FOOTER) };
  return embed;
}

function cardEmbed(card: Card, options: DiscordRenderOptions): DiscordEmbed {
  switch (card.type) {
    case "story":
      return storyEmbed(card, options);
    case "notice":
      return noticeEmbed(card);
    case "help":
      return helpEmbed(card);
    case "source":
      return sourceEmbed(card);
  }
}

const message = (embeds: DiscordEmbed[], content?: string): DiscordMessage => ({
  ...(content ? { content } : {}),
  embeds,
  allowed_mentions: { parse: [] },
});

/**
 * A reply as one or more Discord messages: the first carries the title as its content, each card
 * is one embed, and a new message starts at 10 embeds or when the next would pass 6,000 characters.
 */
export function discordMessages(reply: Reply, options: DiscordRenderOptions = {}): DiscordMessage[] {
  const pages: DiscordEmbed[][] = [[]];
  let total = 0;
  for (const card of reply.cards) {
    const embed = cardEmbed(card, options);
    const length = embedLength(embed);
    const page = pages[pages.length - 1]!;
    if (page.length && (page.length >= DISCORD_LIMITS.embedsPerMessage || total + length > DISCORD_LIMITS.embedTotal)) {
      pages.push([embed]);
      total = length;
    } else {
      page.push(embed);
      total += length;
    }
  }
  const title = oneLine(reply.title);
  const content = title ? `**${fit(title, DISCORD_LIMITS.content - 4)}**` : undefined;
  // An untitled, empty reply still needs something to post.
  return pages.map((embeds, i) => message(embeds, i === 0 ? (content ?? (embeds.length ? undefined : ELLIPSIS)) : undefined));
}
