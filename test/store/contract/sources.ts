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
  });
}
