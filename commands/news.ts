// /news: a channel's own briefing. Anyone may list what the channel follows; subscribing,
// unsubscribing, scheduling, pausing and resuming change the channel's setup, so they need a caller
// who may manage the channel.
import { z } from "zod";
import { refusal } from "../src/core/card.js";
import { TimeOfDay } from "../src/core/delivery/channel.js";
import { TimeZone } from "../src/core/delivery/definition.js";
import { defineCommand, type CommandAction } from "./command.js";

const ACTIONS = {
  list: { description: "What this channel follows and when its briefing comes" },
  subscribe: { description: "Follow a topic in this channel's daily briefing", required: ["topic"] },
  unsubscribe: { description: "Stop following a topic in this channel", required: ["topic"] },
  schedule: { description: "When this channel's briefing comes, every day", required: ["time"], optional: ["timezone"] },
  pause: { description: "Stop this channel's briefings until resumed" },
  resume: { description: "Start this channel's briefings again" },
} as const satisfies Record<string, CommandAction>;
const USAGE = "/news [list | subscribe <topic> | unsubscribe <topic> | schedule <HH:MM> [timezone] | pause | resume]";

export const news = defineCommand({
  name: "news",
  description: "Follow topics in this channel and choose when its daily briefing comes",
  usage: USAGE,
  actions: ACTIONS,
  changedBy: "manager",
  options: z.object({
    action: z
      .enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...Array<keyof typeof ACTIONS>], { error: `say list, subscribe, unsubscribe, schedule, pause or resume, for example ${USAGE}` })
      .default("list")
      .describe("list, subscribe, unsubscribe, schedule, pause or resume"),
    topic: z.string().trim().min(1).max(100, "a topic can be at most 100 characters").optional().describe("The topic to (un)subscribe"),
    time: TimeOfDay.optional().describe("When the briefing comes, HH:MM (schedule only)"),
    timezone: TimeZone.optional().describe("The timezone of that time, such as Europe/London (schedule only)"),
  }),
  fromText: (text) => {
    const [action = "", ...rest] = text.trim().split(/\s+/).filter(Boolean);
    const verb = action.toLowerCase();
    if (verb === "schedule") return { action: verb, time: rest[0], timezone: rest[1] };
    return { action: action ? verb : undefined, topic: rest.length ? rest.join(" ") : undefined };
  },
  run: async ({ action, topic, time, timezone }, { newsroom, caller }) => {
    const desk = newsroom.channels;
    const here = caller.channel;
    if (action === "list") return desk.list(here);
    if (!caller.canManage) {
      return refusal("Not allowed", `Only people who manage this channel can ${action} its news; anyone can list it.`, ["/news list"]);
    }
    switch (action) {
      case "subscribe":
      case "unsubscribe":
        if (!topic) return refusal(`Usage: ${USAGE}`, `Say which topic to ${action}, for example /news ${action} syria.`, [USAGE]);
        return action === "subscribe" ? desk.subscribe(here, topic) : desk.unsubscribe(here, topic);
      case "schedule":
        if (!time) return refusal(`Usage: ${USAGE}`, "Say when, for example /news schedule 07:30 Europe/London.", [USAGE]);
        return desk.schedule(here, time, timezone);
      case "pause":
        return desk.pause(here);
      case "resume":
        return desk.resume(here);
    }
  },
});
