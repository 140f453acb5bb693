// Opening and closing the newsroom from the environment: shared by `npm start` and the CLI.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "./config.js";
import { createLog } from "./log.js";
import { Newsroom } from "./core/newsroom.js";
import { SqliteStore } from "./store/sqlite/sqlite-store.js";

/** The repository's own folder, for the bundled sample articles. */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SAMPLE_FILE = path.join(PROJECT_DIR, "samples", "asharq-al-awsat.txt");
export const SAMPLE_SOURCE = "Asharq Al-Awsat";

function openStore(file: string): SqliteStore {
  try {
    return new SqliteStore(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the database ${file} (${reason}); set NEWSBOT_DB to a writable file path`);
  }
}

export function openNewsroom(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const log = createLog(config.NEWSBOT_LOG_LEVEL);
  const store = openStore(config.NEWSBOT_DB);
  log.debug({ db: config.NEWSBOT_DB }, "store opened");
  return { config, log, store, newsroom: new Newsroom(store) };
}

/** One clear line for anything that escapes, never a stack trace (unless debugging). */
export function reportFatal(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`newsbot: ${message}\n`);
  if (process.env.NEWSBOT_LOG_LEVEL === "debug" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
