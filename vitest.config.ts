import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One PostgreSQL server for the run (or TEST_DATABASE_URL's): the Postgres engine's tests need it.
    globalSetup: ["test/setup/postgres.ts"],
    // The platforms' kinds of target, registered as at start-up (src/adapters/index.ts).
    setupFiles: ["test/setup/platforms.ts"],
    // Spawned end-to-end CLI runs and SQLite files need more than the 5 s default on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
