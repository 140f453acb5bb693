// /sources: the feeds newsbot follows. Anyone may list them; adding, removing and resuming change
// the newsroom's setup, so they need a caller who may manage it.
import { z } from "zod";
import { refusal } from "../src/core/card.js";
import { IntervalMinutes, SourceDefinition } from "../src/core/sources/source.js";
import { defineCommand, type CommandAction } from "./command.js";

const ACTIONS = {
  list: { description: "The feeds newsbot follows, and why any is paused" },
  add: { description: "Follow a feed (RSS, Atom, RDF, JSON Feed) and poll it once now", required: ["target"], optional: ["name", "every"] },
  remove: { description: "Stop following a feed (its articles stay)", required: ["target"] },
  resume: { description: "Poll a paused feed again", required: ["target"] },
} as const satisfies Record<string, CommandAction>;
const USAGE = "/sources [list | add <feed url> [name] | remove <id> | resume <id>]";

export const sources = defineCommand({
  name: "sources",
  description: "List, add, remove or resume the feeds newsbot follows",
  usage: USAGE,
  actions: ACTIONS,
  changesSetup: true,
  options: z.object({
    action: z
      .enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...Array<keyof typeof ACTIONS>], { error: `say list, add, remove or resume, for example ${USAGE}` })
      .default("list")
      .describe("list, add, remove or resume"),
    target: z.string().trim().min(1).max(2048).optional().describe("The feed URL to add, or the id or URL of a source"),
    name: z.string().trim().min(1).max(200).optional().describe("A name for the source (add only)"),
    every: IntervalMinutes.optional().describe("Minutes between polls of this source (add only)"),
  }),
  fromText: (text) => {
    const [action, target, ...name] = text.trim().split(/\s+/).filter(Boolean);
    return { action: action?.toLowerCase(), target, name: name.length ? name.join(" ") : undefined };
  },
  run: async ({ action, target, name, every }, { newsroom, caller }) => {
    const desk = newsroom.sources;
    if (action === "list") return desk.list();
    if (!caller.canManage) {
      return refusal("Not allowed", `Only people who manage this channel can ${action} sources; anyone can list them.`, ["/sources list"]);
    }
    if (!target) return refusal(`Usage: ${USAGE}`, `Say which source to ${action}.`, [USAGE]);
    if (action === "remove") return desk.remove(target);
    if (action === "resume") return desk.resume(target);
    const definition = SourceDefinition.safeParse({ url: target, name, intervalMinutes: every });
    if (!definition.success) {
      const problems = definition.error.issues.map((i) => `${i.path.join(".") || "url"} ${i.message}`);
      return refusal(`Usage: ${USAGE}`, `Cannot add ${JSON.stringify(target)}: ${problems.join("; ")}.`, [USAGE]);
    }
    return desk.add(definition.data);
  },
});
