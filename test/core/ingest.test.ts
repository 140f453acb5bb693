// ingestArticles under a big batch: other work (a chat command) gets turns while it is stored.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/core/article.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";
import type { Storage } from "../../src/core/storage/index.js";

const PLACES = ["harbour", "airport", "museum", "stadium", "library", "hospital", "bridge", "market", "school", "station"];
const EVENTS = ["reopens", "closes", "floods", "expands", "burns", "is sold", "is renamed", "is repaired", "wins a prize", "goes on strike"];

/** 200 short reports, each about a different place and event in a different town. */
function reports(): ArticleInput[] {
  return Array.from({ length: 200 }, (_, n) => {
    const [place, event] = [PLACES[n % 10]!, EVENTS[Math.floor(n / 10) % 10]!];
    const town = `Town${n}`;
    return { title: `${town} ${place} ${event}`, body: `The ${place} of ${town} ${event}, officials in ${town} said on the day of report ${n}.`, source: "Wire" };
  });
}

let store: Storage;
beforeEach(async () => {
  store = await openTestStorage();
});
afterEach(() => store.close());

describe("ingestArticles", () => {
  it("gives the event loop turns while a big batch is stored", async () => {
    let done = false;
    let turns = 0;
    // Stands for a chat command arriving while the batch is stored: it needs a turn of the event loop.
    const other = () => {
      turns++;
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    const report = await ingestArticles(reports(), ingestInto(store));
    done = true;
    expect(report.added + report.copies).toBe(200);
    expect(await store.articles.count()).toBe(report.added);
    expect(turns).toBeGreaterThan(1);
  });
});
