import { describe, expect, it } from "vitest";
import { button, slackMessages, storyMessage, type SlackBlock, type SlackMessage } from "../../../src/adapters/slack/render.js";
import { escapeMrkdwn, escapePlain } from "../../../src/adapters/slack/escape.js";
import type { Reply } from "../../../src/core/card.js";
import { otherCardsFixture, oversizeCardsFixture, storyCardFixture } from "../../fakes/cards.js";

const story = storyCardFixture;

/** Every mrkdwn and plain_text string in a message, for content checks. */
function texts(block: SlackBlock): string[] {
  switch (block.type) {
    case "header":
      return [block.text.text];
    case "section":
      return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((f) => f.text)];
    case "context":
      return block.elements.flatMap((e) => (e.type === "mrkdwn" ? [e.text] : []));
    case "divider":
      return [];
    case "actions":
      return block.elements.map((e) => e.text.text);
  }
}

/** Asserts each Block Kit limit, measured from the output. */
function expectWithinLimits(messages: SlackMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      if (block.type === "header") {
        expect(block.text.type).toBe("plain_text");
        expect(block.text.text.length).toBeGreaterThan(0);
        expect(block.text.text.length).toBeLessThanOrEqual(150);
      } else if (block.type === "section") {
        expect(block.text ?? block.fields).toBeDefined();
        if (block.text) {
          expect(block.text.text.length).toBeGreaterThan(0);
          expect(block.text.text.length).toBeLessThanOrEqual(3000);
        }
        expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
      } else if (block.type === "context") {
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const e of block.elements) if (e.type === "mrkdwn") expect(e.text.length).toBeLessThanOrEqual(3000);
      } else if (block.type === "actions") {
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(25);
        for (const e of block.elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(75);
          expect(e.action_id.length).toBeLessThanOrEqual(255);
          expect((e.value ?? "").length).toBeLessThanOrEqual(2000);
        }
      }
    }
  }
}

/** The targets of every `<url|label>` link in a text. */
function links(text: string): string[] {
  return [...text.matchAll(/<([^|>]*)\|[^>]*>/g)].map((m) => m[1]!).filter((target) => !target.startsWith("!date^"));
}

const allText = (messages: SlackMessage[]): string => messages.flatMap((m) => [m.text, ...m.blocks.flatMap(texts)]).join("\n");

describe("escapeMrkdwn", () => {
  it.each([
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here>", "&lt;!here&gt;"],
    ["<!everyone>", "&lt;!everyone&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["<!subteam^S1>", "&lt;!subteam^S1&gt;"],
    ["<#C1>", "&lt;#C1&gt;"],
    ["<http://x|y>", "&lt;http://x|y&gt;"],
    ["Q&A", "Q&amp;A"],
  ])("renders %s as plain text", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("neutralizes bare broadcasts with a word joiner after the @", () => {
    expect(escapeMrkdwn("hey @channel, @here and @everyone")).toBe("hey @\u2060channel, @\u2060here and @\u2060everyone");
    expect(escapeMrkdwn("@HERE")).toBe("@\u2060HERE");
    expect(escapeMrkdwn("mail me@example.com")).toBe("mail me@example.com");
  });

  it("strips control characters but keeps newlines and tabs", () => {
    expect(escapeMrkdwn("a\u001b[2Jb\u0000c\u007f\nd\te")).toBe("a[2Jbc\nd\te");
  });
});

describe("escapePlain", () => {
  it("leaves markup characters alone but neutralizes broadcasts and control characters", () => {
    expect(escapePlain("<b> & @here\u0007")).toBe("<b> & @\u2060here");
  });
});

describe("slackMessages", () => {
  it("renders a story: header, summary, entities, linked sources, time, discussion", () => {
    const reply: Reply = {
      title: "Your briefing",
      cards: [story({ sourceCount: 3, articleCount: 4, sources: [{ name: "A|B", url: "https://a.example/x?q=1&r=2" }, { name: "Plain" }] })],
    };
    const messages = slackMessages(reply, { timeZone: "UTC", discussion: (id) => `https://chat.example/t/${id}` });
    expectWithinLimits(messages);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.text).toBe("Your briefing");
    expect(message!.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Your briefing", emoji: true } });
    expect(message!.blocks[1]).toEqual({ type: "header", text: { type: "plain_text", text: "Talks resume in Damascus", emoji: true } });
    const text = allText(messages);
    expect(text).toContain("Syrian officials met envoys");
    expect(text).toContain("*People*\nAyman Sousan");
    expect(text).toContain("*Places*\nSyria");
    expect(text).toContain("*Sources:* <https://a.example/x?q=1&amp;r=2|A|B>, Plain");
    expect(text).toContain("3 sources");
    expect(text).toContain("4 reports");
    expect(text).toContain("<!date^1795759200^{date_short_pretty} {time}|27 Nov 2026, 06:00 UTC>");
    expect(text).toContain("<https://example.com/a|Read the story>");
    expect(text).toContain("<https://chat.example/t/7|Discussion>");
  });

  it("says nothing about source count for a single source and has no discussion link without one", () => {
    const text = allText(slackMessages({ title: "t", cards: [story()] }));
    expect(text).not.toMatch(/\d sources/);
    expect(text).not.toContain("Discussion");
  });

  it("escapes every mention form in article text", () => {
    const hostile = "<!channel> <!here> <!everyone> <@U123> <!subteam^S1> <#C1> <http://evil|click> @channel @here @everyone";
    const card = story({
      headline: hostile,
      summary: hostile,
      entities: [{ kind: "person", name: hostile, mentions: 1 }],
      sources: [{ name: hostile, url: "https://ok.example/" }],
    });
    const messages = slackMessages({ title: hostile, cards: [card] });
    // Slack parses markup in mrkdwn (sections, context, the notification text), not in plain_text headers.
    const blocks = messages.flatMap((m) => m.blocks);
    const mrkdwn = [messages[0]!.text, ...blocks.filter((b) => b.type !== "header").flatMap(texts)].join("\n");
    expect(mrkdwn).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; &lt;#C1&gt; &lt;http://evil|click&gt;");
    // The only markup left is newsbot's own: links and the date.
    const markup = [...mrkdwn.matchAll(/<[^>]*>/g)].map((m) => m[0]);
    expect(markup.length).toBeGreaterThan(0);
    for (const m of markup) expect(m).toMatch(/^<(https:\/\/ok\.example\/\||https:\/\/example\.com\/a\||!date\^)/);
    expect(allText(messages)).not.toMatch(/@(channel|here|everyone)/i);
    const headers = blocks.filter((b) => b.type === "header");
    expect(headers).toHaveLength(2);
    for (const header of headers) expect(header.text.text).toContain("@\u2060channel @\u2060here @\u2060everyone");
  });

  it("links only http(s) URLs, and keeps | < > and spaces from breaking a link", () => {
    const card = story({
      url: "javascript:alert(1)",
      sources: [
        { name: "Script", url: "javascript:alert(1)" },
        { name: "Ftp", url: "ftp://files.example/a" },
        { name: "Relative", url: "/news/a" },
        { name: "Odd", url: "https://odd.example/a|b<c>d e" },
        { name: "Fine", url: "http://fine.example/" },
      ],
    });
    const messages = slackMessages({ title: "t", cards: [card] }, { discussion: () => "data:text/html,hi" });
    const targets = links(allText(messages));
    expect(targets).toEqual(["https://odd.example/a%7Cb%3Cc%3Ed%20e", "http://fine.example/"]);
    for (const target of targets) expect(target).toMatch(/^https?:\/\/[^\s|<>]+$/);
    const text = allText(messages);
    expect(text).toContain("Script, Ftp, Relative, <https://odd");
    expect(text).not.toContain("Read the story");
    expect(text).not.toContain("Discussion");
  });

  it("fits an oversize story into every limit without dropping it", () => {
    const card = story({
      headline: "H".repeat(300),
      summary: "The summary goes on. ".repeat(100_000),
      entities: Array.from({ length: 500 }, (_, i) => ({
        kind: (["person", "place", "organisation"] as const)[i % 3]!,
        name: `Entity number ${i} <@U${i}>`,
        mentions: 1,
      })),
      sources: Array.from({ length: 300 }, (_, i) => ({ name: `Outlet ${i}`, url: `https://outlet${i}.example/story?id=${i}&x=y` })),
      sourceCount: 300,
      articleCount: 900,
    });
    expect(card.summary.length).toBeGreaterThanOrEqual(2_000_000);
    const messages = slackMessages({ title: "Big", cards: [card] }, { discussion: () => "https://chat.example/t" });
    expectWithinLimits(messages);
    expect(messages).toHaveLength(1);
    const [title, head, summary] = messages[0]!.blocks;
    expect(title).toMatchObject({ type: "header", text: { text: "Big" } });
    expect(head).toMatchObject({ type: "header", text: { text: `${"H".repeat(149)}…` } });
    expect(summary?.type === "section" && summary.text?.text.endsWith("…")).toBe(true);
    const text = allText(messages);
    expect(text).toMatch(/\+\d+ more/);
    expect(text).toContain("300 sources");
    expect(text).toContain("<https://chat.example/t|Discussion>");
    // Cut lists keep whole links.
    for (const target of links(text)) expect(target).toMatch(/^https:\/\/[^\s|<>]+$/);
  });

  it("cuts at a code point boundary, never inside a surrogate pair", () => {
    const card = story({ headline: "😀".repeat(200), summary: "😀".repeat(5000) });
    const messages = slackMessages({ title: "t", cards: [card] });
    expectWithinLimits(messages);
    for (const text of messages[0]!.blocks.flatMap(texts)) expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("splits 60 stories across messages, in order, never splitting a card", () => {
    const cards = Array.from({ length: 60 }, (_, i) => story({ storyId: String(i), headline: `Story ${i}` }));
    const messages = slackMessages({ title: "Sixty stories", cards }, { discussion: (id) => `https://chat.example/${id}` });
    expectWithinLimits(messages);
    expect(messages.length).toBeGreaterThan(1);
    const first = messages[0]!.blocks[0];
    expect(first).toMatchObject({ type: "header", text: { text: "Sixty stories" } });
    expect(messages[0]!.text).toBe("Sixty stories");
    expect(messages[1]!.text).toBe(`Sixty stories (2/${messages.length})`);
    const headlines = messages.flatMap((m) => m.blocks.filter((b) => b.type === "header").map((b) => b.text.text));
    expect(headlines).toEqual(["Sixty stories", ...cards.map((c) => c.headline)]);
    for (const [i, message] of messages.entries()) {
      // Each story's header and its closing context block land in the same message.
      const headers = message.blocks.filter((b) => b.type === "header").length - (i === 0 ? 1 : 0);
      expect(message.blocks.filter((b) => b.type === "context")).toHaveLength(headers);
      expect(message.blocks.at(-1)!.type).toBe("context");
    }
  });

  it("renders notice, help and source cards", () => {
    const cards = otherCardsFixture({ notice: "<!here>", problem: "<@U1>" });
    const messages = slackMessages({ title: "Misc", cards }, { timeZone: "UTC" });
    expectWithinLimits(messages);
    const text = allText(messages);
    expect(text).toContain("No story matches &lt;!here&gt;.");
    expect(text).toContain("• /story syria\n• /digest");
    expect(text).toContain("`/story &lt;topic&gt;` — Find a story\n`/help` — This list");
    expect(text).toContain("*Example News* · paused · 12 articles · from the sources file");
    expect(text).toContain("<https://news.example/feed.xml|https://news.example/feed.xml>");
    expect(text).toContain("last polled <!date^1795759200^");
    expect(text).toContain(":warning: HTTP 404 &lt;@U1&gt;");
  });

  it("fits oversize notice, help and source cards", () => {
    const cards = oversizeCardsFixture(990);
    expectWithinLimits(slackMessages({ title: "t".repeat(5000), cards }));
  });

  it("posts an empty reply as one message with non-empty text", () => {
    expect(slackMessages({ title: "Nothing new", cards: [] })).toEqual([
      { text: "Nothing new", blocks: [{ type: "header", text: { type: "plain_text", text: "Nothing new", emoji: true } }] },
    ]);
    const untitled = slackMessages({ title: "", cards: [] });
    expectWithinLimits(untitled);
  });

  it("puts a title too long for a header in a section", () => {
    const messages = slackMessages({ title: "T".repeat(400), cards: [story()] });
    expectWithinLimits(messages);
    expect(messages[0]!.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: `*${"T".repeat(400)}*` } });
  });

  it("adds no buttons unless asked (webhook messages cannot answer a click)", () => {
    const messages = slackMessages({ title: "t", cards: [story()] });
    expect(messages.flatMap((m) => m.blocks).some((b) => b.type === "actions")).toBe(false);
  });

  it("puts the buttons asked for under each story card and the reply's own after the last card", () => {
    const cards = Array.from({ length: 9 }, (_, i) => story({ storyId: String(i), headline: `Story ${i}` }));
    const messages = slackMessages(
      { title: "Nine", cards },
      { buttons: (card) => [button("More like this", `more:${card.storyId}`, card.storyId)], replyButtons: [button("Share to channel", "share", "/story x", "primary")] },
    );
    expectWithinLimits(messages);
    const blocks = messages.flatMap((m) => m.blocks);
    const actions = blocks.filter((b) => b.type === "actions");
    expect(actions).toHaveLength(10);
    expect(actions.slice(0, 9).map((a) => a.elements[0]!.value)).toEqual(cards.map((c) => c.storyId));
    expect(messages.at(-1)!.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Share to channel", emoji: true }, action_id: "share", value: "/story x", style: "primary" }],
    });
  });

  it("leaves out a button whose value is too long for Slack, and fits a long label", () => {
    const messages = slackMessages(
      { title: "t", cards: [story()] },
      { buttons: () => [button("L".repeat(200), "ok", "1"), button("Too big", "big", "v".repeat(2001))] },
    );
    expectWithinLimits(messages);
    const actions = messages[0]!.blocks.filter((b) => b.type === "actions");
    expect(actions).toHaveLength(1);
    expect(actions[0]!.type === "actions" && actions[0]!.elements.map((e) => e.action_id)).toEqual(["ok"]);
  });

  it("renders one story as a message of its own, with a lead line and the headline as its text", () => {
    const message = storyMessage(story({ headline: "Talks <!here> resume" }), { lead: "Update: 2 new reports" });
    expectWithinLimits([message]);
    expect(message.text).toBe("Update: 2 new reports: Talks &lt;!here&gt; resume");
    expect(message.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "Update: 2 new reports" } });
    expect(message.blocks[1]).toMatchObject({ type: "header" });
  });
});
