// Topic, channel-topic and time-zone suggestions, as the core gives them to any platform.
import { describe, expect, it } from "vitest";
import { matchNames, Suggestions } from "../../../src/core/chat/suggestions.js";
import type { ChannelSettings } from "../../../src/core/delivery/channel.js";
import type { KnownTopic } from "../../../src/core/storage/index.js";

function storeWith(topics: string[], channelTopics: Record<string, string[]>) {
  let reads = 0;
  const store = {
    articles: {
      knownTopics: async (limit: number): Promise<KnownTopic[]> => {
        reads++;
        return topics.slice(0, limit).map((name, i) => ({ name, articles: topics.length - i }) as KnownTopic);
      },
    },
    channels: {
      get: async ({ channel }: { channel: string }) => (channelTopics[channel] ? ({ topics: channelTopics[channel] } as ChannelSettings) : undefined),
    },
  };
  return { store, reads: () => reads };
}

describe("matchNames", () => {
  it("puts names starting with the typed text first, then a word starting with it, then containing it; accents and case ignored", () => {
    const names = ["Northern Ireland", "Ireland", "Irene Adler", "Sirena", "Brazil"];
    expect(matchNames(names, "ire")).toEqual(["Ireland", "Irene Adler", "Northern Ireland", "Sirena"]);
    expect(matchNames(["São Paulo", "Sao Tome"], "SAO P")).toEqual(["São Paulo"]);
  });

  it("gives the first names when nothing is typed, up to the limit", () => {
    expect(matchNames(["a", "b", "c"], "  ", 2)).toEqual(["a", "b"]);
  });
});

describe("Suggestions", () => {
  it("suggests stored topics by coverage, then countries no article mentions, each once", async () => {
    const { store } = storeWith(["Tony Blair", "France"], {});
    const names = await new Suggestions(store).matching("topics", "", undefined);
    expect(names.slice(0, 2)).toEqual(["Tony Blair", "France"]);
    expect(names.filter((n) => n === "France")).toHaveLength(1);
    expect(await new Suggestions(store).matching("topics", "germ", undefined)).toContain("Germany");
  });

  it("suggests the channel's own topics, and none without a channel", async () => {
    const { store } = storeWith([], { C1: ["syria", "oil prices"] });
    const suggestions = new Suggestions(store);
    expect(await suggestions.matching("channelTopics", "oil", { platform: "slack", channel: "C1" })).toEqual(["oil prices"]);
    expect(await suggestions.matching("channelTopics", "", undefined)).toEqual([]);
  });

  it("suggests IANA time zones", async () => {
    const { store } = storeWith([], {});
    expect(await new Suggestions(store).matching("timeZones", "europe/par", undefined)).toEqual(["Europe/Paris"]);
  });

  it("reads the stored topics once a minute, not once a keystroke", async () => {
    const { store, reads } = storeWith(["Tony Blair"], {});
    let now = 0;
    const suggestions = new Suggestions(store, () => now);
    await suggestions.matching("topics", "t", undefined);
    await suggestions.matching("topics", "to", undefined);
    expect(reads()).toBe(1);
    now = 61_000;
    await suggestions.matching("topics", "ton", undefined);
    expect(reads()).toBe(2);
  });
});
