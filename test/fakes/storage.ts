// The storage tests run on: SQLite in memory (or in a file, for tests that reopen it). One helper, so
// that a test never names an engine and another engine can slot in here.
import type { ArticleStore, Storage } from "../../src/core/storage/index.js";
import { Ingest } from "../../src/core/storage/ingest.js";
import { SqliteStorage } from "../../src/store/sqlite/sqlite-storage.js";

export async function openTestStorage(file = ":memory:"): Promise<Storage> {
  return new SqliteStorage(file);
}

/** Story assignment over the storage, as the newsroom makes it (the index is loaded on first use). */
export function ingestInto(storage: Storage): Ingest {
  return new Ingest(storage);
}

/** The store, with some of its article methods replaced (slow, failing) and everything else as it is. */
export function withArticles(store: Storage, replaced: Partial<ArticleStore>): Storage {
  return overriding(store, { articles: overriding(store.articles, replaced) });
}

function overriding<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(original, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof T];
      const value: unknown = Reflect.get(original, property, original);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(original) : value;
    },
  });
}
