import { describe, expect, it } from "vitest";
import { clusterSettings, ConfigError, loadConfig } from "../src/config.js";

describe("configuration from the environment", () => {
  it("passes the story thresholds it is given to the clusterer, and only those", () => {
    expect(clusterSettings(loadConfig({}))).toEqual({});
    const settings = clusterSettings(loadConfig({ NEWSBOT_STORY_JOIN_THRESHOLD: "0.2", NEWSBOT_STORY_HEADLINE_THRESHOLD: "0", NEWSBOT_STORY_WINDOW_DAYS: "3" }));
    expect(settings).toEqual({ joinThreshold: 0.2, headlineJoinThreshold: 0, windowDays: 3 });
  });

  it("names the variable that is out of range", () => {
    expect(() => loadConfig({ NEWSBOT_STORY_HEADLINE_THRESHOLD: "2" })).toThrow(ConfigError);
    expect(() => loadConfig({ NEWSBOT_STORY_HEADLINE_THRESHOLD: "2" })).toThrow(/NEWSBOT_STORY_HEADLINE_THRESHOLD/);
    expect(() => loadConfig({ NEWSBOT_STORY_JOIN_THRESHOLD: "high" })).toThrow(/NEWSBOT_STORY_JOIN_THRESHOLD/);
  });
});

describe("safety settings", () => {
  it("refuses private addresses, takes 200 items a poll and has no extra admins unless told", () => {
    const config = loadConfig({});
    expect(config.NEWSBOT_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(config.NEWSBOT_MAX_ITEMS_PER_POLL).toBe(200);
    expect(config.NEWSBOT_ADMINS).toEqual([]);
  });

  it("reads the allow flag, the item cap and a comma-separated admin list", () => {
    const config = loadConfig({ NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "TRUE", NEWSBOT_MAX_ITEMS_PER_POLL: "50", NEWSBOT_ADMINS: " U123, 4567 ,," });
    expect(config.NEWSBOT_ALLOW_PRIVATE_ADDRESSES).toBe(true);
    expect(config.NEWSBOT_MAX_ITEMS_PER_POLL).toBe(50);
    expect(config.NEWSBOT_ADMINS).toEqual(["U123", "4567"]);
    expect(loadConfig({ NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "0" }).NEWSBOT_ALLOW_PRIVATE_ADDRESSES).toBe(false);
  });

  it("names the variable when the allow flag or the item cap is not understood", () => {
    expect(() => loadConfig({ NEWSBOT_ALLOW_PRIVATE_ADDRESSES: "maybe" })).toThrow(/NEWSBOT_ALLOW_PRIVATE_ADDRESSES must be true or false/);
    expect(() => loadConfig({ NEWSBOT_MAX_ITEMS_PER_POLL: "0" })).toThrow(/NEWSBOT_MAX_ITEMS_PER_POLL/);
  });
});
