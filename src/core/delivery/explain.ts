// Why wasn't it posted? For one slot of a digest: the stories of its window and, for each target,
// why each was chosen or left out, next to what the outbox recorded for that target.
import type { Newsroom } from "../newsroom.js";
import { targetKey, targetRef, type DigestDefinition, type TargetRef } from "./definition.js";
import type { Delivery } from "./outbox.js";
import { prepareEdition, readWindow, type Considered } from "./edition.js";
import { slotAtOrBefore } from "./slots.js";

export interface TargetExplanation {
  targetKey: string;
  /** Without a webhook's URL: explain's output is shown and shared, and the URL is a secret. */
  target: TargetRef;
  /** What the outbox holds for this target and slot; none when the slot was not handled (yet). */
  delivery?: Delivery;
  considered: Considered[];
}

export interface Explanation {
  /** The targets are each TargetExplanation's. */
  digest: Omit<DigestDefinition, "targets">;
  slot: Date;
  since: Date;
  until: Date;
  targets: TargetExplanation[];
}

/**
 * The slot at or before `at`. Decisions are worked out again from the store as it is now; where
 * the outbox recorded what a delivery carried, that record wins, and a story the recomputation would
 * choose but the delivery did not carry is one that arrived after the briefing was prepared.
 */
export async function explainSlot(newsroom: Newsroom, digest: DigestDefinition, at: Date): Promise<Explanation | undefined> {
  const slot = slotAtOrBefore(digest, at);
  if (!slot) return undefined;
  const recorded = await newsroom.store.deliveries.forSlot(digest.name, slot);
  const targets: TargetExplanation[] = [];
  const window = await readWindow(newsroom, digest, slot);
  for (const target of digest.targets) {
    const key = targetKey(target);
    const delivery = recorded.find((d) => d.targetKey === key);
    const edition = await prepareEdition(newsroom, digest, slot, key, delivery?.late ?? false, window);
    let considered = edition.considered;
    if (delivery?.payload) {
      const carried = new Map(delivery.stories.map((s, i) => [s.storyId, i + 1]));
      // A story the briefing carried is named as the briefing named it, whatever was stored since.
      const delivered = new Map(delivery.payload.cards.flatMap((c) => (c.type === "story" ? [[c.storyId, c.headline] as const] : [])));
      considered = considered.map((entry): Considered => {
        const position = carried.get(entry.storyId);
        const headline = delivered.get(String(entry.storyId)) ?? entry.headline;
        if (position !== undefined) return { ...entry, headline, decision: { kind: "chosen", position, update: entry.decision.kind === "chosen" && entry.decision.update } };
        if (entry.decision.kind === "chosen") return { ...entry, decision: { kind: "arrived-later" } };
        return entry;
      });
      // The briefing's stories in the order it carried them, then the rest in rank order.
      const order = (entry: Considered) => (entry.decision.kind === "chosen" ? entry.decision.position : Number.POSITIVE_INFINITY);
      considered = considered.map((entry, rank) => ({ entry, rank })).sort((a, b) => order(a.entry) - order(b.entry) || a.rank - b.rank).map((x) => x.entry);
    }
    targets.push({ targetKey: key, target: targetRef(target), delivery, considered });
  }
  const { targets: _secret, ...shown } = digest;
  return { digest: shown, slot, since: window.since, until: window.until, targets };
}
