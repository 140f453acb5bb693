// /digest [hours]: the briefing of the last day (or of the hours asked), top stories first.
import { z } from "zod";
import { DEFAULT_MAX_STORIES, DEFAULT_WINDOW_HOURS } from "../src/core/digest.js";
import { defineAction, defineCommand } from "./command.js";

/** "48", "48h" and "48 hours" all mean 48 hours. */
const withoutUnit = (typed: unknown) => (typeof typed === "string" ? typed.trim().replace(/\s*(h|hours?)$/i, "") : typed);

export const digest = defineCommand({
  name: "digest",
  description: "Show the briefing: the top stories of the last 24 hours",
  actions: [
    defineAction({
      options: z.object({
        hours: z
          .preprocess(
            withoutUnit,
            z.coerce
              .number({ error: "hours must be a number, for example /digest 48" })
              .int("hours must be a whole number")
              .min(1, "hours must be at least 1")
              .max(24 * 31, "hours can be at most 744 (31 days)")
              .default(DEFAULT_WINDOW_HOURS),
          )
          .describe("How many hours back to look (default 24)"),
        max: z.number().int().min(1).max(25).default(DEFAULT_MAX_STORIES).describe("How many stories at most"),
      }),
      // Typed after /digest, but an option of the CLI's digest (--hours 48), as it always was.
      words: [{ field: "hours", cliOption: true }],
      shareable: true,
      examples: [{}, { hours: 48 }, { hours: 48, max: 5 }],
      run: ({ hours, max }, { newsroom }) => newsroom.digest(hours, max),
    }),
  ],
});
