// Channels' alerts, and each story alerted once per channel within an hourly budget.
import { describe, expect, it } from "vitest";
import type { AlertRule } from "../../../src/core/alerts/alert.js";
import { engines, HOUR, NOW, type EngineFactory } from "./engine.js";

export function alertContract(factory: EngineFactory): void {
  const open = engines(factory);
  const channel = { platform: "slack", channel: "C1" };
  const rule = (over: Partial<AlertRule> = {}): AlertRule => ({ ...channel, topic: "Syria", minOutlets: 3, withinHours: 2, createdAt: NOW, ...over });
  const raised = (storyId: number, minutes: number) => ({ ...channel, storyId, topic: "syria", headline: `Story ${storyId}`, raisedAt: new Date(NOW.getTime() + minutes * 60_000) });

  describe("alerts", () => {
    it("saves a channel's alerts by topic, replaces one whatever the topic's case, and removes it", async () => {
      const { storage } = await open();
      const syria = rule({ filter: "-football", mention: "S0123ABC" });
      await storage.alerts.save(syria);
      await storage.alerts.save(rule({ topic: "oil", minOutlets: 5, withinHours: 1 }));
      await storage.alerts.save(rule({ platform: "discord", topic: "peru" }));
      expect(await storage.alerts.forChannel(channel)).toEqual([rule({ topic: "oil", minOutlets: 5, withinHours: 1 }), syria]);
      await storage.alerts.save(rule({ topic: "SYRIA", minOutlets: 4 }));
      expect((await storage.alerts.forChannel(channel)).map((r) => [r.topic, r.minOutlets, r.filter])).toEqual([["oil", 5, undefined], ["SYRIA", 4, undefined]]);
      expect((await storage.alerts.list()).map((r) => `${r.platform}:${r.topic}`)).toEqual(["discord:peru", "slack:oil", "slack:SYRIA"]);
      expect(await storage.alerts.remove(channel, "syria")).toBe(true);
      expect(await storage.alerts.remove(channel, "syria")).toBe(false);
      expect((await storage.alerts.forChannel(channel)).map((r) => r.topic)).toEqual(["oil"]);
    });

    it("claims each story once per channel, holding back what is over the budget, and lists the held ones", async () => {
      const { storage } = await open();
      const budget = (minutes: number) => ({ max: 2, since: new Date(NOW.getTime() + minutes * 60_000 - HOUR) });
      expect(await storage.alerts.claim(raised(1, 0), budget(0))).toBe("post");
      expect(await storage.alerts.claim(raised(1, 1), budget(1))).toBeUndefined();
      expect(await storage.alerts.claim(raised(2, 10), budget(10))).toBe("post");
      expect(await storage.alerts.claim(raised(3, 20), budget(20))).toBe("hold");
      // Held ones do not use the budget up; posted ones leave it after an hour.
      expect(await storage.alerts.claim(raised(4, 61), budget(61))).toBe("post");
      expect(await storage.alerts.claim({ ...raised(3, 30), channel: "C2" }, budget(30))).toBe("post");
      expect((await storage.alerts.held(channel, NOW, new Date(NOW.getTime() + 2 * HOUR))).map((a) => [a.storyId, a.headline])).toEqual([[3, "Story 3"]]);
      expect(await storage.alerts.held(channel, new Date(NOW.getTime() + 30 * 60_000), new Date(NOW.getTime() + 2 * HOUR))).toEqual([]);
    });

    it("lets only one of two connections claim a story", async () => {
      const engine = await open();
      const other = await engine.connect();
      const claims = await Promise.all([engine.storage.alerts.claim(raised(5, 0), { max: 3, since: NOW }), other.alerts.claim(raised(5, 0), { max: 3, since: NOW })]);
      expect(claims.filter((c) => c === "post")).toHaveLength(1);
      expect(claims.filter((c) => c === undefined)).toHaveLength(1);
    });
  });
}
