import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Spawned end-to-end CLI runs and SQLite files need more than the 5 s default on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
