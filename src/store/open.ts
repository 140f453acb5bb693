// Which engine holds the newsroom: PostgreSQL when DATABASE_URL is set (several replicas may share
// it), else the SQLite file at NEWSBOT_DB (one machine, the default).
import type { Storage } from "../core/storage/index.js";
import { PostgresStorage } from "./postgres/postgres-storage.js";
import { SqliteStorage } from "./sqlite/sqlite-storage.js";

export interface StorageSettings {
  DATABASE_URL?: string;
  NEWSBOT_DB: string;
}

/** The storage the settings name, migrated and ready. */
export async function openStorage(settings: StorageSettings): Promise<Storage> {
  if (settings.DATABASE_URL) return PostgresStorage.open(settings.DATABASE_URL);
  try {
    return new SqliteStorage(settings.NEWSBOT_DB);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the database ${settings.NEWSBOT_DB} (${reason}); set NEWSBOT_DB to a writable file path`);
  }
}
