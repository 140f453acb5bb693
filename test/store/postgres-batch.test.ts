// Batches of Postgres calls: calls made together go out as one query, and one bad input fails only
// its own call.
import { describe, expect, it } from "vitest";
import { Batch } from "../../src/store/postgres/batch.js";

describe("Batch", () => {
  it("answers calls made in the same turn with one query, in order", async () => {
    const queries: number[][] = [];
    const batch = new Batch(async (inputs: number[]) => (queries.push(inputs), inputs.map((n) => n * 10)));
    expect(await Promise.all([batch.run(1), batch.run(2), batch.run(3)])).toEqual([10, 20, 30]);
    expect(queries).toEqual([[1, 2, 3]]);
  });

  it("runs a failed batch's inputs one by one, so only the bad one fails", async () => {
    const queries: number[][] = [];
    const batch = new Batch(async (inputs: number[]) => {
      queries.push(inputs);
      if (inputs.includes(2)) throw new Error("duplicate key");
      return inputs.map((n) => n * 10);
    });
    const answers = await Promise.allSettled([batch.run(1), batch.run(2), batch.run(3)]);
    expect(answers.map((a) => (a.status === "fulfilled" ? a.value : String(a.reason)))).toEqual([10, "Error: duplicate key", 30]);
    expect(queries).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("fails a lone call with its query's error, without running it again", async () => {
    let runs = 0;
    const batch = new Batch(async (): Promise<number[]> => {
      runs++;
      throw new Error("connection lost");
    });
    await expect(batch.run(1)).rejects.toThrow("connection lost");
    expect(runs).toBe(1);
  });
});
