// The storage contract on Postgres: each test on a fresh database (one per file, emptied for each
// test: see test/fakes/postgres.ts) on the run's server (test/setup/postgres.ts).
import type { Storage } from "../../../src/core/storage/index.js";
import { PostgresStorage } from "../../../src/store/postgres/postgres-storage.js";
import { freshDatabasePerTest } from "../../fakes/postgres.js";
import { storageContract } from "./index.js";

const freshDatabase = freshDatabasePerTest();

storageContract("Postgres", async () => {
  const url = await freshDatabase();
  const connections: Storage[] = [await PostgresStorage.open(url)];
  return {
    storage: connections[0]!,
    connect: async () => {
      const another = await PostgresStorage.open(url);
      connections.push(another);
      return another;
    },
    close: async () => {
      for (const connection of connections) await connection.close();
    },
  };
});
