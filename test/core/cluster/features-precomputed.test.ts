// Features made by enrichment (precomputedFeatures, carried as clusterFeatures): the clusterer takes
// them only when its settings make the same features, and they are the features it would make.
import { describe, expect, it } from "vitest";
import type { Entity } from "../../../src/core/article.js";
import { StoryClusterer } from "../../../src/core/cluster/clusterer.js";
import { articleFeatures, featureSettings, precomputedFeatures } from "../../../src/core/cluster/features.js";
import { clusterConfig } from "../../../src/core/cluster/config.js";
import { enrichForIngest } from "../../../src/core/enrich.js";

const entities: Entity[] = [
  { name: "Environment Agency", kind: "organisation", mentions: 2 },
  { name: "Leeds", kind: "place", mentions: 3 },
];
const article = {
  title: "Leeds harbour floods after the storm",
  body: "The harbour in Leeds flooded after the storm, the Environment Agency said. Residents of Leeds were moved to safety. The Environment Agency expects more rain on Tuesday.",
  entities,
};

describe("precomputed features", () => {
  it("are the default settings' features, under their settings' key", () => {
    const carried = precomputedFeatures(article);
    expect(carried.features).toEqual(articleFeatures(article));
    expect(carried.features.signature.length).toBeGreaterThan(0);
    expect(carried.settings).toBe(featureSettings(clusterConfig()));
    // Settings that do not change features (thresholds, window) keep the key; those that do change it.
    expect(featureSettings(clusterConfig({ joinThreshold: 0.3, windowDays: 2 }))).toBe(carried.settings);
    expect(featureSettings(clusterConfig({ titleWeight: 2 }))).not.toBe(carried.settings);
    expect(featureSettings(clusterConfig({ shingleWords: 3 }))).not.toBe(carried.settings);
  });

  it("are taken by a clusterer whose settings make the same features, and made again by one whose do not", () => {
    const carried = precomputedFeatures(article);
    expect(new StoryClusterer({ joinThreshold: 0.3 }).features({ ...article, clusterFeatures: carried })).toBe(carried.features);
    const other = new StoryClusterer({ titleWeight: 2 });
    const made = other.features({ ...article, clusterFeatures: carried });
    expect(made).not.toBe(carried.features);
    expect(made).toEqual(articleFeatures(article, { titleWeight: 2 }));
    expect(made.terms).not.toEqual(carried.features.terms);
  });

  it("come with the enrichment of ingest, made from the enriched article", () => {
    const enriched = enrichForIngest({ title: article.title, body: article.body, source: "Wire" }, new Date("2026-03-02T09:00:00Z"));
    expect(enriched.clusterFeatures?.features).toEqual(articleFeatures(enriched));
    expect(enriched.entities.length).toBeGreaterThan(0);
  });
});
