// Block Kit payloads for a reply: plain JSON with no Slack SDK, so the webhook courier and the Bolt
// adapter post the same thing. Slack rejects an oversize block rather than cutting it, so every
// text is escaped and fitted to its limit here, and a long reply becomes several messages. Buttons
// come only when the caller asks for them (the Bolt adapter does; webhooks cannot answer a click).
import { count } from "../../core/text.js";
import { missingSummary, readingTime, type Card, type HelpCard, type NoticeCard, type Reply, type SourceCard, type StoryCard } from "../../core/card.js";
import {
  ELLIPSIS,
  ENTITY_GROUPS,
  MAX_NAME,
  MAX_URL,
  entityNames,
  fitEscaped,
  formatTime,
  httpUrl,
  joinWithin,
  oneLine,
  unixSeconds,
} from "../text-limits.js";
import { escapeMrkdwn, escapePlain, userGroupMention } from "./escape.js";

/** Slack's documented Block Kit limits. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  messageText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}
export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}
export interface ImageElement {
  type: "image";
  image_url: string;
  alt_text: string;
}
export interface HeaderBlock {
  type: "header";
  text: PlainText;
}
export interface SectionBlock {
  type: "section";
  text?: MrkdwnText;
  fields?: MrkdwnText[];
  accessory?: ImageElement;
}
export interface ContextBlock {
  type: "context";
  elements: Array<MrkdwnText | ImageElement>;
}
export interface DividerBlock {
  type: "divider";
}
export interface ButtonElement {
  type: "button";
  text: PlainText;
  action_id: string;
  /** Small: an id or a topic, never a whole card. */
  value?: string;
  style?: "primary" | "danger";
}
export interface ActionsBlock {
  type: "actions";
  elements: ButtonElement[];
}
export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

export interface SlackMessage {
  /** Notification and fallback text: the reply's title. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions {
  /** IANA zone for the fallback time shown by clients that cannot localise `<!date>`; UTC by default. */
  timeZone?: string;
  /** The URL of a story's discussion thread, when there is one. */
  discussion?: (storyId: string) => string | undefined;
  /** Buttons under a story card (none unless given: a webhook message cannot answer a click). */
  buttons?: (card: StoryCard) => ButtonElement[];
  /** Buttons for the whole reply, after its last card. */
  replyButtons?: ButtonElement[];
}

/** Shown when a reply has no title. */
const DEFAULT_TEXT = "newsbot";

const mrkdwn = (text: string): MrkdwnText => ({ type: "mrkdwn", text });
const section = (text: string): SectionBlock => ({ type: "section", text: mrkdwn(text || ELLIPSIS) });
const header = (text: string): HeaderBlock => ({ type: "header", text: { type: "plain_text", text: text || ELLIPSIS, emoji: true } });

/** A button; its label is ours or a short name, fitted to Slack's 75 characters. */
export function button(label: string, actionId: string, value?: string, style?: ButtonElement["style"]): ButtonElement {
  const text = fitEscaped(oneLine(label), SLACK_LIMITS.buttonText, escapePlain) || ELLIPSIS;
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, ...(value === undefined ? {} : { value }), ...(style ? { style } : {}) };
}

/** The buttons Slack would accept, at most 25; one with an oversize id or value is left out, not cut
 * (a cut value would name the wrong thing). */
function actionsBlock(buttons: readonly ButtonElement[]): ActionsBlock[] {
  const elements = buttons
    .filter((b) => b.action_id.length <= SLACK_LIMITS.actionId && (b.value ?? "").length <= SLACK_LIMITS.buttonValue)
    .slice(0, SLACK_LIMITS.actionsElements);
  return elements.length ? [{ type: "actions", elements }] : [];
}

/** `text` (raw) as mrkdwn within `max`. */
const fit = (text: string, max: number): string => fitEscaped(text, max, escapeMrkdwn);
const fitName = (name: string): string => fit(oneLine(name), MAX_NAME);

/** An http(s) URL as a link target: Slack decodes &amp; inside a link, and httpUrl has already
 * percent-encoded the | < > that would end one. */
function slackHref(url: string | null | undefined): string | undefined {
  const href = httpUrl(url)?.replace(/&/g, "&amp;");
  return href && href.length <= MAX_URL ? href : undefined;
}

/** `<url|label>` for an http(s) URL, else just the label (already escaped). */
function link(url: string | null | undefined, label: string): string {
  const href = slackHref(url);
  return href ? `<${href}|${label || href}>` : label;
}

/** Shown in each reader's own zone and format; the fallback is for clients that cannot. */
function slackDate(iso: string, timeZone: string | undefined): string {
  const seconds = unixSeconds(iso);
  const fallback = fit(formatTime(iso, timeZone), 100);
  return seconds === undefined ? fallback : `<!date^${seconds}^{date_short_pretty} {time}|${fallback}>`;
}

function storyBlocks(card: StoryCard, options: SlackRenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [header(fitEscaped(oneLine(card.headline), SLACK_LIMITS.headerText, escapePlain))];
  const summary = fit(card.summary.trim(), SLACK_LIMITS.sectionText);
  blocks.push(section(summary || noSummary(card)));

  const fields = ENTITY_GROUPS.flatMap(({ kind, label }) => {
    const names = entityNames(card, kind).map(fitName);
    const head = `*${label}*\n`;
    return names.length ? [mrkdwn(head + joinWithin(names, ", ", SLACK_LIMITS.fieldText - head.length))] : [];
  });
  if (fields.length) blocks.push({ type: "section", fields });

  const sources = card.sources.map((s) => link(s.url, fitName(s.name)));
  if (sources.length) {
    const head = "*Sources:* ";
    blocks.push(section(head + joinWithin(sources, ", ", SLACK_LIMITS.sectionText - head.length)));
  }

  // Every part is bounded (two links of at most MAX_URL, short names), so the line stays
  // well under the context limit without cutting a link.
  const meta = [slackDate(card.publishedAt, options.timeZone)];
  if (card.sourceCount > 1) meta.push(count(card.sourceCount, "source"));
  if (card.articleCount > 1) meta.push(count(card.articleCount, "report"));
  meta.push(...readingTime(card));
  const read = slackHref(card.url);
  if (read) meta.push(`<${read}|Read the story>`);
  const discussion = slackHref(options.discussion?.(card.storyId));
  if (discussion) meta.push(`<${discussion}|Discussion>`);
  meta.push(`story ${fitName(card.storyId)}`);
  blocks.push({ type: "context", elements: [mrkdwn(meta.join(" · "))] });
  blocks.push(...actionsBlock(options.buttons?.(card) ?? []));
  return blocks;
}

/** The line in place of a headline-only story's summary, with the way to the article itself. */
function noSummary(card: StoryCard): string {
  const href = slackHref(card.url);
  return `_${missingSummary(card)}_${href ? ` <${href}|Read it at the source>` : ""}`;
}

function noticeBlocks(card: NoticeCard): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const text = fit(card.text.trim(), SLACK_LIMITS.sectionText);
  if (text || !card.suggestions.length) blocks.push(section(text));
  const bullets = card.suggestions.map((s) => `• ${fit(oneLine(s), 300)}`);
  if (bullets.length) blocks.push(section(joinWithin(bullets, "\n", SLACK_LIMITS.sectionText)));
  return blocks;
}

function helpBlocks(card: HelpCard): SlackBlock[] {
  // A backtick would end the code span early; a modifier letter grave looks the same.
  const lines = card.commands.map(
    (c) => `\`${fit(oneLine(c.usage).replace(/`/g, "ˋ"), 200)}\` — ${fit(oneLine(c.description), 500)}`,
  );
  return [section(lines.length ? joinWithin(lines, "\n", SLACK_LIMITS.sectionText) : "No commands.")];
}

function sourceBlocks(card: SourceCard, options: SlackRenderOptions): SlackBlock[] {
  const origin = card.origin === "file" ? " · from the sources file" : "";
  const times = [
    card.lastPolledAt ? `last polled ${slackDate(card.lastPolledAt, options.timeZone)}` : "not polled yet",
    card.nextPollAt ? `next ${slackDate(card.nextPollAt, options.timeZone)}` : "",
  ].filter(Boolean);
  const lines = [
    `*${fit(oneLine(card.name), 200)}* · ${card.status} · ${count(card.articles, "article")}${origin} · \`${fitName(card.sourceId)}\``,
    link(card.url, fit(oneLine(card.url), 200)),
    times.join(" · "),
  ];
  if (card.problem) lines.push(`:warning: ${fit(card.problem.trim(), 800)}`);
  return [section(lines.join("\n"))];
}

function cardBlocks(card: Card, options: SlackRenderOptions): SlackBlock[] {
  switch (card.type) {
    case "story":
      return storyBlocks(card, options);
    case "notice":
      return noticeBlocks(card);
    case "help":
      return helpBlocks(card);
    case "source":
      return sourceBlocks(card, options);
  }
}

/** The reply's title: a header when it fits one, else a bold section rather than cut it. */
function titleBlocks(title: string): SlackBlock[] {
  if (!title) return [];
  const plain = escapePlain(title);
  if (plain.length <= SLACK_LIMITS.headerText) return [header(plain)];
  return [section(`*${fit(title, SLACK_LIMITS.sectionText - 2)}*`)];
}

/** Notification text; later messages say which part of the reply they are. */
function notification(title: string, index: number, count: number): string {
  const suffix = index > 0 ? ` (${index + 1}/${count})` : "";
  const text = fit(title, SLACK_LIMITS.messageText - suffix.length) || DEFAULT_TEXT;
  return text + suffix;
}

/**
 * A reply as one or more Slack messages: the first starts with the title, each card's blocks
 * stay together in one message, and a new message starts when the next card would pass 50 blocks.
 */
export function slackMessages(reply: Reply, options: SlackRenderOptions = {}): SlackMessage[] {
  const title = oneLine(reply.title);
  const pages: SlackBlock[][] = [titleBlocks(title)];
  const groups = reply.cards.map((card) => cardBlocks(card, options));
  const closing = actionsBlock(options.replyButtons ?? []);
  if (closing.length) groups.push(closing);
  for (const blocks of groups) {
    const page = pages[pages.length - 1]!;
    if (page.length && page.length + blocks.length > SLACK_LIMITS.blocksPerMessage) pages.push(blocks);
    else page.push(...blocks);
  }
  return pages.map((blocks, i) => {
    const text = notification(title, i, pages.length);
    // Only an untitled, empty reply gets here with no blocks; Slack wants at least one.
    return { text, blocks: blocks.length ? blocks : [section(text)] };
  });
}

/**
 * One story as one message (a digest posts each story on its own, so its thread is the story's
 * discussion): the notification text is the headline, and `lead` (newsbot's own words, such as
 * "Update: 2 new reports") goes first. An alert's user group is mentioned before the lead, outside
 * the escaped text: the one ping newsbot makes. A story card is a handful of blocks, far below 50.
 */
export function storyMessage(card: StoryCard, options: SlackRenderOptions & { lead?: string; mentionGroup?: string } = {}): SlackMessage {
  const mention = options.mentionGroup ? `${userGroupMention(options.mentionGroup)} ` : "";
  const room = mention.length;
  const lead = options.lead ? [section(mention + fit(options.lead, SLACK_LIMITS.sectionText - room))] : [];
  const text = [options.lead, oneLine(card.headline)].filter(Boolean).join(": ");
  return { text: mention + (fit(text, SLACK_LIMITS.messageText - room) || DEFAULT_TEXT), blocks: [...lead, ...storyBlocks(card, options)] };
}
