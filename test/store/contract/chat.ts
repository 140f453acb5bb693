// Channels' /news setup and stories' threads in chat channels.
import { describe, expect, it } from "vitest";
import { engines, NOW, type EngineFactory } from "./engine.js";

export function chatContract(factory: EngineFactory): void {
  const open = engines(factory);

  describe("channels", () => {
    it("saves a channel's settings, replaces them, and lists channels by platform and channel", async () => {
      const { storage } = await open();
      const settings = { platform: "slack" as const, channel: "C2", topics: ["syria", "peru"], time: "07:30", timezone: "Europe/London", paused: false, updatedAt: NOW };
      await storage.channels.save(settings);
      await storage.channels.save({ platform: "discord", channel: "D1", topics: [], paused: true, updatedAt: NOW });
      await storage.channels.save({ platform: "slack", channel: "C1", topics: ["oil"], paused: false, updatedAt: NOW });
      expect(await storage.channels.get({ platform: "slack", channel: "C2" })).toEqual(settings);
      expect(await storage.channels.get({ platform: "discord", channel: "C2" })).toBeUndefined();
      await storage.channels.save({ ...settings, topics: ["peru"], time: undefined, paused: true });
      expect(await storage.channels.get({ platform: "slack", channel: "C2" })).toEqual({ ...settings, topics: ["peru"], time: undefined, paused: true });
      expect((await storage.channels.list()).map((c) => `${c.platform}:${c.channel}`)).toEqual(["discord:D1", "slack:C1", "slack:C2"]);
    });
  });

  describe("threads", () => {
    it("records a story's thread per channel, replacing the one before", async () => {
      const { storage } = await open();
      const channel = { platform: "slack" as const, channel: "C1" };
      const thread = { ...channel, storyId: 7, threadId: "1700000000.000100", url: "https://slack.example/p1", postedAt: NOW };
      await storage.threads.save(thread);
      await storage.threads.save({ platform: "discord", channel: "C1", storyId: 7, threadId: "T9", postedAt: NOW });
      expect(await storage.threads.forStories(channel, [7, 8])).toEqual(new Map([[7, thread]]));
      const reposted = { ...thread, threadId: "1700000000.000200", url: undefined };
      await storage.threads.save(reposted);
      expect(await storage.threads.forStories(channel, [7])).toEqual(new Map([[7, reposted]]));
      expect(await storage.threads.forStories(channel, [])).toEqual(new Map());
    });
  });
}
