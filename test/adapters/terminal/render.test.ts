import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/adapters/terminal/render.js";
import type { Reply } from "../../../src/core/card.js";
import { storyCardFixture } from "../../fakes/cards.js";

const reply: Reply = {
  title: "Your briefing: 1 story from the last 24 hours",
  // An escape sequence in the headline: the terminal must print it harmlessly.
  cards: [storyCardFixture({ headline: "Talks resume\u001b[2J in Damascus", sources: [{ name: "Asharq Al-Awsat" }] })],
};

describe("renderReply", () => {
  it("prints a plain card with headline, summary, entities by kind, source, time and reading time", () => {
    const text = renderReply(reply, { color: false, width: 80, timeZone: "UTC" });
    expect(text).toBe(
      [
        "Your briefing: 1 story from the last 24 hours",
        "",
        "1. Talks resume[2J in Damascus",
        "   Syrian officials met envoys in Damascus on Monday. The talks covered the",
        "   border.",
        "   People: Ayman Sousan",
        "   Places: Syria",
        "   Asharq Al-Awsat · 27 Nov 2026, 06:00 UTC · 3 min read · story 7",
        "   https://example.com/a",
        "",
      ].join("\n"),
    );
  });

  it("names the sources of a story many outlets ran, and its timeline", () => {
    const [card] = reply.cards;
    if (card?.type !== "story") throw new Error("fixture is a story");
    const outlets = ["Asharq Al-Awsat", "Reuters", "AP", "BBC", "AFP", "Al Jazeera"];
    const many: Reply = {
      title: "1 story",
      cards: [
        {
          ...card,
          sources: outlets.map((name) => ({ name })),
          sourceCount: 6,
          articleCount: 7,
          timeline: [
            { at: "2026-11-26T10:00:00.000Z", source: "Reuters", headline: "Envoys arrive in Damascus" },
            { at: "2026-11-27T06:00:00.000Z", headline: "Talks resume in Damascus" },
          ],
        },
      ],
    };
    const text = renderReply(many, { color: false, width: 80, timeZone: "UTC" });
    expect(text).toContain("   Asharq Al-Awsat, Reuters, AP, BBC, +2 more (6 sources) · 27 Nov 2026, 06:00 UTC");
    expect(text).toContain(
      ["   Timeline:", "     26 Nov 2026, 10:00  Reuters: Envoys arrive in Damascus", "     27 Nov 2026, 06:00  Talks resume in Damascus"].join("\n"),
    );
  });

  it("never passes an escape character from article text to the terminal", () => {
    expect(renderReply(reply, { color: false, width: 80, timeZone: "UTC" })).not.toContain("\u001b");
  });

  it("shows the time in the zone asked for", () => {
    const text = renderReply(reply, { color: false, width: 80, timeZone: "Asia/Riyadh" });
    expect(text).toContain("Asharq Al-Awsat · 27 Nov 2026, 09:00 Asia/Riyadh · 3 min read");
  });

  it("uses ANSI colour only when asked", () => {
    expect(renderReply(reply, { color: true, width: 80, timeZone: "UTC" })).toContain("\u001b[1m");
  });

  it("lists suggestions under a notice", () => {
    const text = renderReply(
      { title: "Nothing on \"syira\"", cards: [{ type: "notice", text: "The closest topics I know:", suggestions: ["Syria"] }] },
      { color: false, width: 80, timeZone: "UTC" },
    );
    expect(text).toContain("The closest topics I know:\n   • Syria");
  });

  it("counts a source's articles in the singular and the plural", () => {
    const source = { type: "source", sourceId: "1", name: "Harbour Times", url: "https://harbour.example/rss", status: "active", origin: "user" } as const;
    const text = renderReply({ title: "2 sources", cards: [{ ...source, articles: 1 }, { ...source, articles: 2 }] }, { color: false, width: 80, timeZone: "UTC" });
    expect(text).toContain("[1] Harbour Times · active · 1 article\n");
    expect(text).toContain("[1] Harbour Times · active · 2 articles\n");
  });
});
