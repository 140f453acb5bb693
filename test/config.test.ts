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
