// The build's warm-up (scripts/warm-up.js) writes the CLI bundle's code cache from one /story answer on
// the articles of scripts/warm-up.jsonl: the cache holds what that run compiled, so the answer must be
// a card made the way a big store's are, a story of several reports with a summary drawn from them,
// or the commands users run would compile the card and summary code at every start.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Newsroom } from "../../src/core/newsroom.js";
import { ingestFiles } from "../../src/core/ingest-files.js";
import { WARM_UPS } from "../../scripts/warm-up.js";
import { openTestStorage } from "../fakes/storage.js";

describe("the code cache's warm-up (scripts/warm-up.js)", () => {
  it("answers its /story with one story of all its reports, from three outlets", async () => {
    const [cli] = WARM_UPS;
    expect(cli?.entry).toBe("src/cli.ts");
    const [command, topic] = cli!.run;
    expect(command).toBe("story");
    expect(cli!.fill[0]).toBe("ingest");
    const store = await openTestStorage();
    try {
      const newsroom = new Newsroom(store);
      const report = await ingestFiles([path.resolve(cli!.fill[1]!)], newsroom.ingest);
      expect(report).toMatchObject({ added: 3, rejected: [] });
      const reply = await newsroom.findStories(topic!);
      expect(reply.cards).toHaveLength(1);
      expect(reply.cards[0]).toMatchObject({ type: "story", articleCount: 3, sourceCount: 3 });
      const card = reply.cards[0]!;
      // The story's summary, three sentences of its lead, was drawn from the reports' text.
      expect(card.type === "story" && card.summary.split(". ").length).toBeGreaterThanOrEqual(3);
    } finally {
      await store.close();
    }
  });
});
