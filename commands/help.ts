// /help: every command and how to type it, and who may change what.
import { z } from "zod";
import { notice } from "../src/core/card.js";
import { defineCommand, WHO_MAY_CHANGE, type Command } from "./command.js";

const and = new Intl.ListFormat("en-GB", { type: "conjunction" });
const or = new Intl.ListFormat("en-GB", { type: "disjunction" });

/** "Only newsbot's admins (…) may /sources add, remove or resume.", from what each command declares:
 * every action but list needs the command's changedBy. */
function whoMayChange(commands: readonly Command[]): string {
  const restricted = commands.filter((c) => c.changedBy);
  const rules = restricted.map(({ name, actions, changedBy }) => {
    const changes = Object.keys(actions ?? {}).filter((action) => action !== "list");
    return `Only ${WHO_MAY_CHANGE[changedBy!]} may /${name} ${or.format(changes)}.`;
  });
  return [`Anyone may use ${and.format([...restricted.map((c) => `/${c.name} list`), "every other command"])}.`, ...rules].join(" ");
}

export const help = defineCommand({
  name: "help",
  description: "List the commands",
  usage: "/help",
  options: z.object({}),
  fromText: () => ({}),
  run: async (_options, { commands }) => ({
    title: "newsbot commands",
    cards: [{ type: "help", commands: commands.map((c) => ({ usage: c.usage, description: c.description })) }, notice(whoMayChange(commands))],
  }),
});
