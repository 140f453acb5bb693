// Direction controls and zero-width characters (issue 18: a headline displayed reversed): gone from
// ingested text and from everything rendered (Slack blocks, Discord embeds, the terminal, webhook
// JSON), while the joiners that Persian, Hindi and emoji sequences need stay.
import { describe, expect, it } from "vitest";
import { discordMessages } from "../../src/adapters/discord/render.js";
import { slackMessages } from "../../src/adapters/slack/render.js";
import { renderReply } from "../../src/adapters/terminal/render.js";
import type { Reply } from "../../src/core/card.js";
import type { Delivery } from "../../src/core/delivery/outbox.js";
import { WebhookCourier } from "../../src/adapters/webhook/courier.js";
import { parseArticleFile } from "../../src/core/article-files/parse.js";
import { stripInvisible } from "../../src/core/invisible.js";
import { storyCardFixture } from "../fakes/cards.js";

/** Every character the issue names: embeddings and overrides, isolates, marks, zero-width ones. */
const TRICKS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200E", "\u200F", "\u2060", "\uFEFF", "\u061C"];
const ANY_TRICK = /[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u2060\uFEFF\u061C]/u;

/** As reported: the override makes "Minister resigns" display as "sngiser retsiniM". */
const HOSTILE_HEADLINE = "Breaking: \u202EMinister resigns\u202C over \u2066budget\u2069 row\u200B\uFEFF";
const CLEAN_HEADLINE = "Breaking: Minister resigns over budget row";
const HOSTILE_SUMMARY = "The minister\u200F resigned on \u202DMonday\u202C.\u2060";
const CLEAN_SUMMARY = "The minister resigned on Monday.";

describe("stripInvisible", () => {
  it("removes each direction control and zero-width character", () => {
    for (const trick of TRICKS) expect(stripInvisible(`a${trick}b`), `U+${trick.codePointAt(0)!.toString(16)}`).toBe("ab");
  });

  it("keeps the joiners Persian, Hindi and emoji sequences need, and drops them anywhere else", () => {
    const persian = "می\u200Cخواهم"; // "I want": the non-joiner keeps the prefix apart
    const hindi = "क्\u200Dष"; // a half form, asked for with the joiner
    const emoji = ["👨\u200D👩\u200D👧", "👩🏽\u200D💻", "🏳️\u200D🌈"];
    expect(stripInvisible(persian)).toBe(persian);
    expect(stripInvisible(hindi)).toBe(hindi);
    for (const e of emoji) expect(stripInvisible(e)).toBe(e);
    expect(stripInvisible("ab\u200Dc\u200Cd \u200Dمی 👍\u200D")).toBe("abcd می 👍");
  });
});

describe("ingest", () => {
  it("stores titles and bodies without them, from text, JSON and feed files", () => {
    const text = parseArticleFile(Buffer.from(`${HOSTILE_HEADLINE}\n\n${HOSTILE_SUMMARY}\n`), "story.txt");
    const json = parseArticleFile(Buffer.from(JSON.stringify([{ title: HOSTILE_HEADLINE, body: HOSTILE_SUMMARY, source: "\u202EWire" }])), "story.json");
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>${HOSTILE_HEADLINE}</title><description>${HOSTILE_SUMMARY}</description><link>https://wire.example/a</link></item></channel></rss>`;
    const feed = parseArticleFile(Buffer.from(rss), "wire.xml");
    for (const parsed of [text, json, feed]) {
      expect(parsed.rejected).toEqual([]);
      expect(parsed.articles).toHaveLength(1);
      expect(parsed.articles[0]).toMatchObject({ title: CLEAN_HEADLINE, body: CLEAN_SUMMARY });
    }
    expect(json.articles[0]!.source).toBe("Wire");
  });
});

describe("rendering a headline and summary that carry them", () => {
  const reply: Reply = {
    title: "Your \u202Ebriefing",
    cards: [storyCardFixture({ headline: HOSTILE_HEADLINE, summary: HOSTILE_SUMMARY, timeline: [{ at: "2026-11-27T06:00:00.000Z", source: "\u2067Wire", headline: HOSTILE_HEADLINE }] })],
  };

  it("leaves them out of Slack blocks", () => {
    const [message] = slackMessages(reply);
    expect(JSON.stringify(message)).not.toMatch(ANY_TRICK);
    expect(message!.blocks).toContainEqual({ type: "header", text: { type: "plain_text", text: CLEAN_HEADLINE, emoji: true } });
  });

  it("leaves them out of Discord embeds", () => {
    const [message] = discordMessages(reply);
    expect(JSON.stringify(message)).not.toMatch(ANY_TRICK);
    expect(message!.embeds!.map((e) => e.title)).toContain(CLEAN_HEADLINE);
  });

  it("leaves them out of terminal output", () => {
    const out = renderReply(reply, { color: false, width: 200 });
    expect(out).not.toMatch(ANY_TRICK);
    expect(out).toContain(`1. ${CLEAN_HEADLINE}`);
    expect(out).toContain(CLEAN_SUMMARY);
  });

  it("leaves them out of every webhook format's JSON", () => {
    // A courier reads only the delivery's payload; the rest of the record does not matter here.
    const payload = { digest: "morning", slot: "2026-11-27T08:00:00.000Z", late: false, title: reply.title, cards: reply.cards };
    const delivery = { payload } as Delivery;
    for (const format of ["json", "slack", "discord"] as const) {
      const posted = JSON.stringify(new WebhookCourier("http://127.0.0.1:9/hook", format).messages(delivery));
      expect(posted, format).not.toMatch(ANY_TRICK);
      expect(posted, format).toContain(CLEAN_HEADLINE);
    }
  });
});
