// An enrichment thread (see enrich-pool.ts): each message is a batch of articles in chunks. The
// thread enriches, in order, each chunk it claims before the main thread does (a flag per chunk in
// shared memory) and answers each with the enriched articles (plain data: structured clone keeps
// dates); a chunk the main thread claimed first is skipped.
import { parentPort } from "node:worker_threads";
import { enrichForIngest } from "./enrich.js";
import { CLAIMED_BY_THREAD, UNCLAIMED, type EnrichAnswer, type EnrichRequest } from "./enrich-pool.js";

parentPort?.on("message", ({ id, chunks, claims }: EnrichRequest) => {
  const flags = new Int32Array(claims);
  for (const [chunk, jobs] of chunks.entries()) {
    if (Atomics.compareExchange(flags, chunk, UNCLAIMED, CLAIMED_BY_THREAD) !== UNCLAIMED) continue;
    let answer: EnrichAnswer;
    try {
      answer = { id, chunk, articles: jobs.map((job) => enrichForIngest(job.input, job.storedAt, job.keys)) };
    } catch (error) {
      // The main thread enriches the chunk itself, and meets the same error there.
      answer = { id, chunk, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(answer);
  }
});
