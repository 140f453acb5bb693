// /help: every command and how to type it, and who may change what.
import { z } from "zod";
import { notice } from "../src/core/card.js";
import { defineAction, defineCommand } from "./command.js";
import { whoMayChange } from "./permissions.js";

export const help = defineCommand({
  name: "help",
  description: "List the commands",
  actions: [
    defineAction({
      options: z.object({}),
      run: async (_options, { commands }) => ({
        title: "newsbot commands",
        cards: [{ type: "help", commands: commands.map((c) => ({ usage: c.usage, description: c.description })) }, notice(whoMayChange(commands))],
      }),
    }),
  ],
});
