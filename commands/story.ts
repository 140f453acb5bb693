// /story <topic>: the story cards on a topic, best first.
import { z } from "zod";
import { DEFAULT_STORY_LIMIT } from "../src/core/newsroom.js";
import { defineAction, defineCommand } from "./command.js";

export const story = defineCommand({
  name: "story",
  description: "Find the stories on a topic",
  actions: [
    defineAction({
      options: z.object({
        topic: z
          .string({ error: "say which topic, for example /story syria" })
          .trim()
          .min(1, "say which topic, for example /story syria")
          .max(2000, "a topic is at most 2,000 characters")
          .describe("A place, person, organisation or any words, e.g. syria"),
        limit: z.number().int().min(1).max(10).default(DEFAULT_STORY_LIMIT).describe("How many stories (1-10)"),
      }),
      words: [{ field: "topic", rest: true }],
      shareable: true,
      suggest: { topic: "topics" },
      examples: [{ topic: "syria" }, { topic: "climate policy", limit: 3 }],
      run: ({ topic, limit }, { newsroom }) => newsroom.findStories(topic, limit),
    }),
  ],
});
