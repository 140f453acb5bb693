// What the contract suite runs on: an engine factory. Each engine's test file (sqlite.test.ts,
// postgres.test.ts) passes one to storageContract (./index.ts).
import { afterEach } from "vitest";
import type { NewArticle, Storage } from "../../../src/core/storage/index.js";

export interface TestEngine {
  /** A fresh, empty database. */
  storage: Storage;
  /** Another connection to the same database, as another process (or replica) opens it. Closed by close(). */
  connect(): Promise<Storage>;
  /** Closes every connection and removes the database. */
  close(): Promise<void>;
}

export type EngineFactory = () => Promise<TestEngine>;

/** A fresh engine per test, closed after it. */
export function engines(factory: EngineFactory): () => Promise<TestEngine> {
  const open: TestEngine[] = [];
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
  });
  return async () => {
    const engine = await factory();
    open.push(engine);
    return engine;
  };
}

export const NOW = new Date("2026-11-27T08:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An enriched article, with only what a test cares about given. */
export function article(over: Partial<NewArticle> & { title: string }): NewArticle {
  return {
    body: `${over.title} body text.`,
    contentHash: `hash-${over.title}`,
    storedAt: NOW,
    summary: [`${over.title} summary.`],
    entities: [],
    readingMinutes: 1,
    ...over,
  };
}
