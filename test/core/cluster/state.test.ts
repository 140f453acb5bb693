import { describe, expect, it } from "vitest";
import { StoryClusterer } from "../../../src/core/cluster/clusterer.js";
import { StoryProfile } from "../../../src/core/cluster/state.js";
import { signatureFromBytes, signatureToBytes } from "../../../src/core/cluster/signature-bytes.js";
import { wire } from "./fixtures.js";

describe("cluster state", () => {
  it("turns signatures into bytes and back", () => {
    const signature = new StoryClusterer().features(wire).signature;
    const bytes = signatureToBytes(signature);
    expect(bytes).toHaveLength(signature.length * 4);
    expect(signatureFromBytes(bytes)).toEqual(signature);
    expect(signatureFromBytes(signatureToBytes([0, 0xffffffff]))).toEqual([0, 0xffffffff]);
    expect(() => signatureFromBytes(new Uint8Array(3))).toThrow(/multiple of 4/);
  });

  it("validates a stored story profile", () => {
    const clusterer = new StoryClusterer();
    clusterer.record(1, 1, clusterer.features(wire), wire.newsAt);
    const profile = clusterer.state().stories[0]!;
    expect(StoryProfile.parse(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    expect(() => StoryProfile.parse({ ...profile, updatedAt: "yesterday" })).toThrow(/updatedAt/);
  });
});
