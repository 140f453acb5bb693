import { describe, expect, it } from "vitest";
import { discordMessages, type DiscordEmbed, type DiscordMessage } from "../../../src/adapters/discord/render.js";
import { escapeMarkdown } from "../../../src/adapters/discord/escape.js";
import type { StoryCard } from "../../../src/core/card.js";
import { otherCardsFixture, oversizeCardsFixture, storyCardFixture } from "../../fakes/cards.js";

/** The shared fixture, with an organisation too. */
function story(overrides: Partial<StoryCard> = {}): StoryCard {
  return storyCardFixture({
    entities: [
      { kind: "place", name: "Syria", mentions: 2 },
      { kind: "person", name: "Ayman Sousan", mentions: 1 },
      { kind: "organisation", name: "UN", mentions: 1 },
    ],
    ...overrides,
  });
}

/** Characters Discord counts toward the 6,000 limit, computed independently of the renderer. */
function counted(embed: DiscordEmbed): number {
  const parts = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
  return parts.reduce((n, part) => n + (part ?? "").length, 0);
}

/** Asserts each message and embed limit, measured from the output. */
function expectWithinLimits(messages: DiscordMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content !== undefined || message.embeds.length > 0).toBe(true);
    if (message.content !== undefined) {
      expect(message.content.length).toBeGreaterThan(0);
      expect(message.content.length).toBeLessThanOrEqual(2000);
    }
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    expect(message.embeds.reduce((n, e) => n + counted(e), 0)).toBeLessThanOrEqual(6000);
    for (const embed of message.embeds) {
      expect(embed.title ?? embed.description).toBeTruthy();
      expect((embed.title ?? "").length).toBeLessThanOrEqual(256);
      expect((embed.description ?? "").length).toBeLessThanOrEqual(4096);
      expect((embed.footer?.text ?? "").length).toBeLessThanOrEqual(2048);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeGreaterThan(0);
        expect(field.name.length).toBeLessThanOrEqual(256);
        expect(field.value.length).toBeGreaterThan(0);
        expect(field.value.length).toBeLessThanOrEqual(1024);
      }
      if (embed.url) expect(embed.url).toMatch(/^https?:\/\//);
      if (embed.timestamp) expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp);
    }
  }
}

/** The targets of every `[label](url)` masked link in a text. */
function links(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]!);
}

const embedText = (e: DiscordEmbed): string =>
  [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].filter(Boolean).join("\n");
const allText = (messages: DiscordMessage[]): string =>
  messages.flatMap((m) => [m.content ?? "", ...m.embeds.map(embedText)]).join("\n");

describe("escapeMarkdown", () => {
  it.each([
    ["<@123>", "\\<@123\\>"],
    ["<@!123>", "\\<@!123\\>"],
    ["<@&123>", "\\<@&123\\>"],
    ["<#123>", "\\<#123\\>"],
  ])("renders the mention %s as text", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it("puts a zero-width space after the @ of @everyone and @here", () => {
    expect(escapeMarkdown("@everyone and @here")).toBe("@\u200beveryone and @\u200bhere");
    expect(escapeMarkdown("@Everyone")).toBe("@\u200bEveryone");
  });

  it("escapes inline markdown", () => {
    expect(escapeMarkdown("**b** _i_ ~~s~~ `c` ||spoiler|| [a](http://x) a\\b")).toBe(
      "\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|spoiler\\|\\| \\[a\\]\\(http://x\\) a\\\\b",
    );
  });

  it("escapes quote, heading and list markers at the start of a line", () => {
    expect(escapeMarkdown("> quote\n# Heading\n-# small\n- item\n  + item\n12. item\nmid-line # and - stay")).toBe(
      "\\> quote\n\\# Heading\n\\-# small\n\\- item\n  \\+ item\n12\\. item\nmid-line # and - stay",
    );
  });

  it("strips control characters but keeps newlines", () => {
    expect(escapeMarkdown("a\u001b[31mb\u0000\nc")).toBe("a\\[31mb\nc");
  });
});

describe("discordMessages", () => {
  it("renders a story as one embed: linked title, summary, entity and source fields, footer, timestamp", () => {
    const card = story({ sourceCount: 2, articleCount: 3, sources: [{ name: "A (B)", url: "https://a.example/x (1)" }, { name: "Plain" }] });
    const messages = discordMessages({ title: "Your briefing", cards: [card] }, { discussion: (id) => `https://discord.example/t/${id}` });
    expectWithinLimits(messages);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.content).toBe("**Your briefing**");
    expect(messages[0]!.embeds).toHaveLength(1);
    const embed = messages[0]!.embeds[0]!;
    expect(embed.title).toBe("Talks resume in Damascus");
    expect(embed.url).toBe("https://example.com/a");
    expect(embed.description).toBe(card.summary);
    expect(embed.timestamp).toBe("2026-11-27T06:00:00.000Z");
    expect(embed.footer?.text).toMatch(/^2 sources · 3 reports/);
    expect(embed.fields).toEqual([
      { name: "People", value: "Ayman Sousan", inline: true },
      { name: "Places", value: "Syria", inline: true },
      { name: "Organisations", value: "UN", inline: true },
      { name: "Sources", value: "[A \\(B\\)](https://a.example/x%20%281%29), Plain" },
      { name: "Discussion", value: "[Join the discussion](https://discord.example/t/7)" },
    ]);
  });

  it("counts only reports when no report names its outlet (files ingested without a source)", () => {
    const card = story({ sources: [], sourceCount: 0, articleCount: 53 });
    const footer = discordMessages({ title: "Your briefing", cards: [card] })[0]!.embeds[0]!.footer?.text;
    expect(footer).toBe("53 reports · 3 min read · story 7");
    expect(discordMessages({ title: "", cards: [story({ sourceCount: 1, articleCount: 1 })] })[0]!.embeds[0]!.footer?.text).toMatch(/^1 source · 1 report · /);
  });

  it("escapes every mention form in article text", () => {
    const hostile = "<@123> <@!123> <@&123> <#123> @everyone @here [x](https://evil.example)";
    const card = story({
      headline: hostile,
      summary: hostile,
      entities: [{ kind: "person", name: hostile, mentions: 1 }],
      sources: [{ name: hostile }],
    });
    const messages = discordMessages({ title: hostile, cards: [card] });
    expectWithinLimits(messages);
    const text = allText(messages);
    expect(text).not.toMatch(/(?<!\\)<[@#]/);
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(links(text)).toEqual([]);
  });

  it("links only http(s) URLs", () => {
    const card = story({
      url: "javascript:alert(1)",
      sources: [
        { name: "Script", url: "javascript:alert(1)" },
        { name: "Ftp", url: "ftp://files.example/a" },
        { name: "Relative", url: "/news/a" },
        { name: "Fine", url: "http://fine.example/" },
      ],
    });
    const messages = discordMessages({ title: "t", cards: [card] }, { discussion: () => "data:text/html,hi" });
    expectWithinLimits(messages);
    const embed = messages[0]!.embeds[0]!;
    expect(embed.url).toBeUndefined();
    expect(links(allText(messages))).toEqual(["http://fine.example/"]);
    expect(embed.fields?.map((f) => f.name)).not.toContain("Discussion");
  });

  it("fits an oversize story into every limit without dropping it", () => {
    const card = story({
      headline: "H".repeat(300),
      summary: "The summary goes on. ".repeat(100_000),
      entities: Array.from({ length: 500 }, (_, i) => ({
        kind: (["person", "place", "organisation"] as const)[i % 3]!,
        name: `Entity_${i} <@${i}>`,
        mentions: 1,
      })),
      sources: Array.from({ length: 300 }, (_, i) => ({ name: `Outlet ${i}`, url: `https://outlet${i}.example/a (b)?id=${i}` })),
      sourceCount: 300,
      articleCount: 900,
      storyId: "s".repeat(5000),
    });
    expect(card.summary.length).toBeGreaterThanOrEqual(2_000_000);
    const messages = discordMessages({ title: "x".repeat(5000), cards: [card] }, { discussion: () => "https://discord.example/t" });
    expectWithinLimits(messages);
    expect(messages).toHaveLength(1);
    const embed = messages[0]!.embeds[0]!;
    expect(embed.title).toBe(`${"H".repeat(255)}…`);
    expect(embed.description?.endsWith("…")).toBe(true);
    expect(embed.description!.length).toBeGreaterThan(1000);
    expect(embed.footer?.text).toMatch(/^300 sources · 900 reports/);
    const sources = embed.fields?.find((f) => f.name === "Sources")?.value ?? "";
    expect(sources).toMatch(/\+\d+ more$/);
    // Cut lists keep whole links, with nothing in a target that would end it early.
    for (const target of links(sources)) expect(target).toMatch(/^https:\/\/[^\s()]+$/);
    expect(embed.fields?.find((f) => f.name === "Discussion")?.value).toBe("[Join the discussion](https://discord.example/t)");
  });

  it("cuts at a code point boundary, never inside a surrogate pair", () => {
    const messages = discordMessages({ title: "t", cards: [story({ headline: "😀".repeat(200), summary: "😀".repeat(5000) })] });
    expectWithinLimits(messages);
    for (const text of [messages[0]!.embeds[0]!.title!, messages[0]!.embeds[0]!.description!]) {
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it("splits 60 stories across messages in order, title first, mentions off everywhere", () => {
    const cards = Array.from({ length: 60 }, (_, i) => story({ storyId: String(i), headline: `Story ${i}` }));
    const messages = discordMessages({ title: "Sixty stories", cards });
    expectWithinLimits(messages);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    expect(messages[0]!.content).toBe("**Sixty stories**");
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(cards.map((c) => c.headline));
  });

  it("splits large stories by the 6,000-character total before the 10-embed cap", () => {
    const big = (i: number): StoryCard =>
      story({ storyId: String(i), headline: `Big ${i}`, summary: "word ".repeat(2000), sources: Array.from({ length: 80 }, (_, j) => ({ name: `Outlet ${j}` })) });
    const messages = discordMessages({ title: "t", cards: Array.from({ length: 12 }, (_, i) => big(i)) });
    expectWithinLimits(messages);
    expect(messages.every((m) => m.embeds.length < 10)).toBe(true);
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(Array.from({ length: 12 }, (_, i) => `Big ${i}`));
  });

  it("renders notice, help and source cards", () => {
    const cards = otherCardsFixture({ notice: "*that*", problem: "<@1>" });
    const messages = discordMessages({ title: "Misc", cards });
    expectWithinLimits(messages);
    const [notice, help, source] = messages[0]!.embeds;
    expect(notice?.description).toBe("No story matches \\*that\\*.\n\n• /story syria\n• /digest");
    expect(help?.description).toBe("`/story <topic>` — Find a story\n`/help` — This list");
    expect(source?.title).toBe("Example News");
    expect(source?.url).toBe("https://news.example/feed.xml");
    expect(source?.description).toContain("paused · 12 articles · from the sources file");
    expect(source?.description).toContain("last polled <t:1795759200:f>");
    expect(source?.description).toContain("⚠️ HTTP 404 \\<@1\\>");
  });

  it("fits oversize notice, help and source cards", () => {
    const cards = oversizeCardsFixture(5000);
    const messages = discordMessages({ title: "t", cards });
    expectWithinLimits(messages);
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(3);
  });

  it("posts an empty reply as one message with its title", () => {
    expect(discordMessages({ title: "Nothing new", cards: [] })).toEqual([
      { content: "**Nothing new**", embeds: [], allowed_mentions: { parse: [] } },
    ]);
    expectWithinLimits(discordMessages({ title: "", cards: [] }));
  });
});
