// B-cubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin 1998, as
// defined by Amigó, Gonzalo, Artiles & Verdejo 2009, "A comparison of extrinsic clustering evaluation
// metrics based on formal constraints"): per item, precision is the share of the items in its cluster
// that have its label and recall the share of the items with its label that are in its cluster; both
// are averaged over items, and F1 is their harmonic mean.

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** `items` pairs each item's cluster with its gold label. All zeros for no items. */
export function bcubed(items: ReadonlyArray<{ cluster: string | number; label: string }>): BCubed {
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const clusterSize = new Map<string | number, number>();
  const labelSize = new Map<string, number>();
  const both = new Map<string, number>();
  const key = (cluster: string | number, label: string) => JSON.stringify([cluster, label]);
  for (const { cluster, label } of items) {
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
    labelSize.set(label, (labelSize.get(label) ?? 0) + 1);
    both.set(key(cluster, label), (both.get(key(cluster, label)) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const { cluster, label } of items) {
    const shared = both.get(key(cluster, label))!;
    precision += shared / clusterSize.get(cluster)!;
    recall += shared / labelSize.get(label)!;
  }
  precision /= items.length;
  recall /= items.length;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
