import { describe, expect, it } from "vitest";
import { bcubed } from "../../../src/core/cluster/bcubed.js";

/** Items from "cluster:label counts", e.g. { 1: { x: 5, o: 1 } }. */
function items(clusters: Record<number, Record<string, number>>): Array<{ cluster: number; label: string }> {
  return Object.entries(clusters).flatMap(([cluster, labels]) =>
    Object.entries(labels).flatMap(([label, n]) => Array.from({ length: n }, () => ({ cluster: Number(cluster), label }))),
  );
}

describe("bcubed", () => {
  it("scores the textbook example by hand (Manning, Raghavan & Schütze 2008, Figure 16.4)", () => {
    // Three clusters of 17 items: {5 x, 1 o}, {1 x, 4 o, 1 ◇}, {2 x, 3 ◇}.
    // Precision per item (Amigó et al. 2009): share of its cluster with its label.
    //   cluster 1: 5 × 5/6 + 1 × 1/6 = 26/6; cluster 2: 1/6 + 4 × 4/6 + 1/6 = 18/6; cluster 3: 2 × 2/5 + 3 × 3/5 = 13/5
    //   P = (26/6 + 18/6 + 13/5) / 17 = (149/15) / 17 = 149/255
    // Recall per item: share of its label (x: 8, o: 5, ◇: 4) in its cluster.
    //   x: 5 × 5/8 + 1/8 + 2 × 2/8 = 30/8; o: 1/5 + 4 × 4/5 = 17/5; ◇: 1/4 + 3 × 3/4 = 10/4
    //   R = (30/8 + 17/5 + 10/4) / 17 = (193/20) / 17 = 193/340
    const score = bcubed(items({ 1: { x: 5, o: 1 }, 2: { x: 1, o: 4, d: 1 }, 3: { x: 2, d: 3 } }));
    const p = 149 / 255;
    const r = 193 / 340;
    expect(score.precision).toBeCloseTo(p, 12);
    expect(score.recall).toBeCloseTo(r, 12);
    expect(score.f1).toBeCloseTo((2 * p * r) / (p + r), 12);
  });

  it("gives full recall to one cluster of everything and full precision to singletons", () => {
    const gold = ["a", "a", "a", "b"];
    const together = bcubed(gold.map((label) => ({ cluster: 1, label })));
    expect(together.recall).toBe(1);
    expect(together.precision).toBeCloseTo((3 * (3 / 4) + 1 / 4) / 4, 12);
    const apart = bcubed(gold.map((label, i) => ({ cluster: i, label })));
    expect(apart.precision).toBe(1);
    expect(apart.recall).toBeCloseTo((3 * (1 / 3) + 1) / 4, 12);
  });

  it("is perfect for the gold clustering, whatever the cluster names", () => {
    expect(bcubed([{ cluster: "x", label: "a" }, { cluster: "x", label: "a" }, { cluster: 7, label: "b" }])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("is all zeros for no items", () => {
    expect(bcubed([])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
