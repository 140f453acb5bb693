// /help: every command and how to type it.
import { z } from "zod";
import { defineCommand } from "./command.js";

export const help = defineCommand({
  name: "help",
  description: "List the commands",
  usage: "/help",
  options: z.object({}),
  fromText: () => ({}),
  run: async (_options, { commands }) => ({
    title: "newsbot commands",
    cards: [{ type: "help", commands: commands.map((c) => ({ usage: c.usage, description: c.description })) }],
  }),
});
