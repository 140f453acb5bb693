// The storage contract on SQLite: each test on a fresh database file (a file, so that a second
// connection can open it as another process would).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Storage } from "../../../src/core/storage/index.js";
import { SqliteStorage } from "../../../src/store/sqlite/sqlite-storage.js";
import { storageContract } from "./index.js";

storageContract("SQLite", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-contract-"));
  const file = path.join(dir, "news.db");
  const connections: Storage[] = [new SqliteStorage(file)];
  return {
    storage: connections[0]!,
    connect: async () => {
      const another = new SqliteStorage(file);
      connections.push(another);
      return another;
    },
    close: async () => {
      for (const connection of connections) await connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
