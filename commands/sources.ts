// /sources: the feeds newsbot follows. Anyone may list them; every channel shares them, so adding,
// removing and resuming need one of newsbot's admins, not just someone who manages a channel.
import { z } from "zod";
import { refusal } from "../src/core/card.js";
import { IntervalMinutes, SourceDefinition } from "../src/core/sources/source.js";
import { defineCommand, WHO_MAY_CHANGE, type CommandAction } from "./command.js";

const ACTIONS = {
  list: { description: "The feeds newsbot follows, and why any is paused" },
  add: { description: "Follow a feed (RSS, Atom, RDF, JSON Feed) and poll it once now", required: ["target"], optional: ["name", "every", "keep"] },
  remove: { description: "Stop following a feed (its articles stay)", required: ["target"] },
  resume: { description: "Poll a paused feed again", required: ["target"] },
} as const satisfies Record<string, CommandAction>;
const USAGE = "/sources [list | add <feed url> [name] [--keep] | remove <id> | resume <id>]";
/** Typed after the URL of `add`: follow the feed even if its first poll fails. */
const KEEP = "--keep";

export const sources = defineCommand({
  name: "sources",
  description: "List, add, remove or resume the feeds newsbot follows",
  usage: USAGE,
  actions: ACTIONS,
  changedBy: "admin",
  options: z.object({
    action: z
      .enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...Array<keyof typeof ACTIONS>], { error: `say list, add, remove or resume, for example ${USAGE}` })
      .default("list")
      .describe("list, add, remove or resume"),
    target: z.string().trim().min(1).max(2048).optional().describe("The feed URL to add, or the id or URL of a source"),
    name: z.string().trim().min(1).max(200).optional().describe("A name for the source (add only)"),
    every: IntervalMinutes.optional().describe("Minutes between polls of this source (add only)"),
    keep: z.boolean().optional().describe("Follow it even if its first poll fails (add only)"),
  }),
  fromText: (text) => {
    const words = text.trim().split(/\s+/).filter(Boolean);
    const keep = words.some((w) => w.toLowerCase() === KEEP);
    const [action, target, ...name] = words.filter((w) => w.toLowerCase() !== KEEP);
    return { action: action?.toLowerCase(), target, name: name.length ? name.join(" ") : undefined, keep: keep || undefined };
  },
  run: async ({ action, target, name, every, keep }, { newsroom, caller }) => {
    const desk = newsroom.sources;
    if (action === "list") return desk.list();
    if (!caller.isAdmin) {
      return refusal("Not allowed", `Only ${WHO_MAY_CHANGE.admin} can ${action} sources; anyone can list them.`, ["/sources list"]);
    }
    if (!target) return refusal(`Usage: ${USAGE}`, `Say which source to ${action}.`, [USAGE]);
    if (action === "remove") return desk.remove(target);
    if (action === "resume") return desk.resume(target);
    const definition = SourceDefinition.safeParse({ url: target, name, intervalMinutes: every });
    if (!definition.success) {
      const problems = definition.error.issues.map((i) => `${i.path.join(".") || "url"} ${i.message}`);
      return refusal(`Usage: ${USAGE}`, `Cannot add ${JSON.stringify(target)}: ${problems.join("; ")}.`, [USAGE]);
    }
    return desk.add(definition.data, { keep });
  },
});
