// What replicas share besides the outbox: leadership (one gateway holder at a time) and the
// signatures of signed requests already run (a replay is refused whichever replica it reaches).
import { describe, expect, it } from "vitest";
import { engines, NOW, type EngineFactory } from "./engine.js";

const MINUTE = 60_000;

export function replicaContract(factory: EngineFactory): void {
  const open = engines(factory);

  describe("leadership", () => {
    it("is held by one connection at a time, and taken by another once the holder closes", async () => {
      const engine = await open();
      const other = await engine.connect();
      const mine = engine.storage.leadership("discord-gateway");
      const theirs = other.leadership("discord-gateway");
      expect(await mine.acquire()).toBe(true);
      expect(await mine.acquire()).toBe(true); // asking again while holding renews the hold
      expect(await theirs.acquire()).toBe(false);
      expect(await other.leadership("another-job").acquire()).toBe(true);

      await engine.storage.close(); // as a replica that stops (or dies: its session ends)
      expect(await theirs.acquire()).toBe(true);
      expect(await theirs.acquire()).toBe(true);
    });

    it("passes to another connection when the holder releases it, and back", async () => {
      const engine = await open();
      const other = await engine.connect();
      const mine = engine.storage.leadership("discord-gateway");
      const theirs = other.leadership("discord-gateway");
      expect(await mine.acquire()).toBe(true);
      await mine.release();
      expect(await theirs.acquire()).toBe(true);
      expect(await mine.acquire()).toBe(false);
      await theirs.release();
      expect(await mine.acquire()).toBe(true);
    });
  });

  describe("seen requests", () => {
    it("knows a signature on every connection until it is older than the window", async () => {
      const engine = await open();
      const other = await engine.connect();
      const window = (now: Date) => new Date(now.getTime() - 5 * MINUTE);
      expect(await engine.storage.seenRequests.firstSight("sig-a", NOW, window(NOW))).toBe(true);
      expect(await engine.storage.seenRequests.firstSight("sig-a", NOW, window(NOW))).toBe(false);
      expect(await other.seenRequests.firstSight("sig-a", NOW, window(NOW))).toBe(false);
      expect(await other.seenRequests.firstSight("sig-b", NOW, window(NOW))).toBe(true);

      // Five minutes on, "sig-a" still could pass the timestamp check, so it is still known.
      const later = new Date(NOW.getTime() + 5 * MINUTE);
      expect(await other.seenRequests.firstSight("sig-a", NOW, window(later))).toBe(false);
      // Past that it is forgotten (its timestamp is refused before this is asked).
      const muchLater = new Date(later.getTime() + 1000);
      expect(await other.seenRequests.firstSight("sig-a", NOW, window(muchLater))).toBe(true);
    });

    it("lets one of two replicas given the same request at once run it", async () => {
      const engine = await open();
      const other = await engine.connect();
      const forgetBefore = new Date(NOW.getTime() - 5 * MINUTE);
      const sights = await Promise.all([
        ...Array.from({ length: 5 }, () => engine.storage.seenRequests.firstSight("same", NOW, forgetBefore)),
        ...Array.from({ length: 5 }, () => other.seenRequests.firstSight("same", NOW, forgetBefore)),
      ]);
      expect(sights.filter(Boolean)).toHaveLength(1);
    });
  });
}
