// The unit of work for ingest: lock, assign, store, save the index, as one transaction.
import type { ArticleWriter } from "./articles.js";
import type { StoryIndexStore } from "./story-index.js";

/** What a unit of work can touch. */
export interface IngestTransaction {
  readonly articles: ArticleWriter;
  readonly storyIndex: StoryIndexStore;
}

export interface UnitOfWork {
  /**
   * Runs `work` in one transaction holding the ingest lock: one unit at a time per database, across
   * processes and replicas, so that each sees the stories the one before stored. Commits when `work`
   * resolves, rolls back when it throws (and rethrows). SQLite: BEGIN IMMEDIATE on its connection,
   * serialized in-process with its other writes; Postgres: a transaction taking an advisory lock.
   */
  ingest<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T>;
}
