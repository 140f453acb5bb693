// The connection pool (node-postgres). Ids and counts are bigint in the schema; they come back as
// JavaScript numbers, which hold every id and count newsbot will ever have exactly.
import pg from "pg";

const INT8 = 20;

function toNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`a bigint from the database is too large for a JavaScript number: ${text}`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary" ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The database a URL names, for messages: host, port and database, never the user or password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "the database in DATABASE_URL";
  }
}

export function openPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: "newsbot" });
  // An idle connection the server drops (a restart, a failover) is replaced on next use; without a
  // listener its error would end the process.
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Where a query runs: the pool, or one connection inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;
