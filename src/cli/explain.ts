// `explain <digest>`: why a digest's briefing was (or was not) posted. Its own module, loaded when
// the command runs: it needs the delivery side (slots, editions, filters) no other command loads.
import { explainSlot } from "../core/delivery/explain.js";
import { allDigests } from "../start-delivery.js";
import { renderExplanation } from "../adapters/terminal/explain.js";
import { openNewsroom } from "../app.js";

export async function explain(name: string, opts: { at?: string; json?: boolean }): Promise<void> {
  const at = opts.at === undefined ? new Date() : new Date(opts.at);
  if (Number.isNaN(at.getTime())) throw new Error(`--at: expected a time such as 2026-11-27T08:00Z, got "${opts.at}"`);
  const app = await openNewsroom();
  try {
    const digests = await allDigests(app.newsroom);
    const digest = digests.find((d) => d.name === name);
    if (!digest) {
      const known = digests.map((d) => d.name).join(", ") || `none (add one to ${app.config.NEWSBOT_DIGESTS})`;
      throw new Error(`no digest named "${name}"; the digests are: ${known}`);
    }
    const explanation = await explainSlot(app.newsroom, digest, at);
    if (!explanation) throw new Error(`digest "${name}" has no slot at or before ${at.toISOString()}`);
    if (opts.json) process.stdout.write(JSON.stringify(explanation, null, 2) + "\n");
    else process.stdout.write(renderExplanation(explanation, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, width: 100 }));
  } finally {
    await app.store.close();
  }
}
