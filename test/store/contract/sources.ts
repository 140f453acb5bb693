// Sources: followed feeds and their polling state.
import { describe, expect, it } from "vitest";
import { engines, NOW, type EngineFactory } from "./engine.js";

export function sourceContract(factory: EngineFactory): void {
  const open = engines(factory);

  describe("sources", () => {
    it("follows a feed once, lists feeds oldest first, and forgets one", async () => {
      const { storage } = await open();
      const first = await storage.sources.add({ url: "https://a.example/rss", name: "A", intervalMinutes: 30 }, "user", NOW);
      expect(first.added).toBe(true);
      expect(first.source).toMatchObject({ url: "https://a.example/rss", name: "A", intervalMinutes: 30, origin: "user", failures: 0, articlesAdded: 0 });
      expect(first.source.addedAt.toISOString()).toBe(NOW.toISOString());
      const again = await storage.sources.add({ url: "https://a.example/rss", name: "Other" }, "file", NOW);
      expect(again).toEqual({ source: first.source, added: false });
      const second = await storage.sources.add({ url: "https://b.example/rss" }, "file", NOW);
      expect((await storage.sources.list()).map((s) => s.url)).toEqual(["https://a.example/rss", "https://b.example/rss"]);
      expect(await storage.sources.get(second.source.id)).toEqual(second.source);
      expect(await storage.sources.remove(first.source.id)).toBe(true);
      expect(await storage.sources.remove(first.source.id)).toBe(false);
      expect(await storage.sources.get(first.source.id)).toBeUndefined();
    });

    it("updates the fields given, adds to the article count, and clears with null", async () => {
      const { storage } = await open();
      const { source } = await storage.sources.add({ url: "https://a.example/rss" }, "user", NOW);
      const later = new Date(NOW.getTime() + 60_000);
      await storage.sources.update(source.id, { etag: '"v1"', lastPolledAt: later, failures: 2, lastError: "timed out", articlesAdded: 3 });
      const updated = await storage.sources.update(source.id, { articlesAdded: 2, lastError: null });
      expect(updated).toMatchObject({ etag: '"v1"', failures: 2, articlesAdded: 5, lastError: undefined });
      expect(updated?.lastPolledAt?.toISOString()).toBe(later.toISOString());
      expect(await storage.sources.update(404, { failures: 1 })).toBeUndefined();
    });

    it("hands each due source to one replica per round, and again once its claim runs out", async () => {
      const engine = await open();
      const other = await engine.connect();
      const sources = engine.storage.sources;
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) ids.push((await sources.add({ url: `https://feed${i}.example/rss` }, "user", NOW)).source.id);
      const later = new Date(NOW.getTime() + 10 * 60_000);
      await sources.update(ids[0]!, { nextPollAt: later }); // not due yet
      await sources.update(ids[1]!, { pausedReason: "gone" });
      await sources.update(ids[2]!, { nextPollAt: NOW }); // due exactly now
      const until = new Date(NOW.getTime() + 5 * 60_000);
      const [mine, theirs] = await Promise.all([sources.claimDue(NOW, until), other.sources.claimDue(NOW, until)]);
      const claimed = [...mine, ...theirs].map((s) => s.id).sort((a, b) => a - b);
      expect(claimed).toEqual(ids.slice(2));
      expect(mine.map((s) => s.id)).toEqual([...mine.map((s) => s.id)].sort((a, b) => a - b));
      expect((await sources.get(ids[3]!))?.nextPollAt?.toISOString()).toBe(until.toISOString());
      // The same round asked again: nothing is due.
      expect(await other.sources.claimDue(new Date(NOW.getTime() + 60_000), until)).toEqual([]);
      // A poll that finished sets its next time; one whose replica died is due again when its claim ran out.
      await sources.update(ids[3]!, { nextPollAt: new Date(NOW.getTime() + 60 * 60_000) });
      const next = await other.sources.claimDue(until, new Date(until.getTime() + 5 * 60_000));
      expect(next.map((s) => s.id)).toEqual(ids.slice(2).filter((id) => id !== ids[3]));
    });
  });
}
