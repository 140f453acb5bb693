// Which engine holds the newsroom: PostgreSQL when DATABASE_URL is set (several replicas may share
// it), else the SQLite file at NEWSBOT_DB (one machine, the default).
// Each engine loads only when it is the one named: pg takes a while to load, which a SQLite command
// should not wait for.
import type { Storage } from "../core/storage/index.js";

export interface StorageSettings {
  DATABASE_URL?: string;
  NEWSBOT_DB: string;
}

/** The storage the settings name, migrated and ready. */
export async function openStorage(settings: StorageSettings): Promise<Storage> {
  if (settings.DATABASE_URL) {
    const { PostgresStorage } = await import("./postgres/postgres-storage.js");
    return PostgresStorage.open(settings.DATABASE_URL);
  }
  const { SqliteStorage } = await import("./sqlite/sqlite-storage.js");
  try {
    return new SqliteStorage(settings.NEWSBOT_DB);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the database ${settings.NEWSBOT_DB} (${reason}); set NEWSBOT_DB to a writable file path`);
  }
}
