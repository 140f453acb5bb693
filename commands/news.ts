// /news: a channel's own briefing. Anyone may list what the channel follows; subscribing,
// unsubscribing, scheduling, pausing and resuming change the channel's setup, so they need someone
// who manages the channel.
import { z } from "zod";
import { TimeOfDay } from "../src/core/delivery/channel.js";
import { TimeZone } from "../src/core/delivery/definition.js";
import { AlertDesk } from "../src/core/alerts/desk.js";
import { defineAction, defineCommand } from "./command.js";

/** A topic to (un)subscribe, with what to say when it is missing. */
const topic = (action: string) =>
  z
    .string({ error: `Say which topic to ${action}, for example /news ${action} syria.` })
    .trim()
    .min(1, `Say which topic to ${action}, for example /news ${action} syria.`)
    .max(100, "a topic can be at most 100 characters");

/** A filter as typed; /news filter and /news test read it (and say where it goes wrong). */
const filterText = (action: string) =>
  z
    .string({ error: `Say the filter, for example /news ${action} syria -football.` })
    .trim()
    .min(1, `Say the filter, for example /news ${action} syria -football.`)
    .max(1000, "a filter is at most 1,000 characters");

export const news = defineCommand({
  name: "news",
  description: "Follow topics in this channel and choose when its daily briefing comes",
  restricted: { changes: "its news", stillOpen: "anyone can list it" },
  actions: [
    defineAction({
      name: "list",
      description: "What this channel follows and when its briefing comes",
      options: z.object({}),
      run: (_options, { newsroom, caller }) => newsroom.channels.list(caller.channel),
    }),
    defineAction({
      name: "subscribe",
      description: "Follow a topic in this channel's daily briefing",
      options: z.object({ topic: topic("subscribe").describe("The topic to follow: a place, person, organisation or any words") }),
      words: [{ field: "topic", rest: true }],
      permission: "manager",
      suggest: { topic: "topics" },
      examples: [{ topic: "syria" }],
      run: ({ topic }, { newsroom, caller }) => newsroom.channels.subscribe(caller.channel, topic),
    }),
    defineAction({
      name: "unsubscribe",
      description: "Stop following a topic in this channel",
      options: z.object({ topic: topic("unsubscribe").describe("A topic this channel follows") }),
      words: [{ field: "topic", rest: true }],
      permission: "manager",
      suggest: { topic: "channelTopics" },
      examples: [{ topic: "syria" }],
      run: ({ topic }, { newsroom, caller }) => newsroom.channels.unsubscribe(caller.channel, topic),
    }),
    defineAction({
      name: "schedule",
      description: "When this channel's briefing comes, every day",
      options: z.object({
        time: z
          .string({ error: "Say when, for example /news schedule 07:30 Europe/London." })
          .pipe(TimeOfDay)
          .describe("When the briefing comes, HH:MM"),
        timezone: TimeZone.optional().describe("The timezone of that time, such as Europe/London (default NEWSBOT_TIMEZONE)"),
      }),
      words: [{ field: "time", label: "HH:MM" }, { field: "timezone" }],
      permission: "manager",
      suggest: { timezone: "timeZones" },
      examples: [{ time: "07:30", timezone: "Europe/London" }],
      run: ({ time, timezone }, { newsroom, caller }) => newsroom.channels.schedule(caller.channel, time, timezone),
    }),
    defineAction({
      name: "filter",
      description: "Keep only the stories a filter takes in this channel's briefing (off removes it)",
      details: "The filter language: words, \"phrases\", -word, source:, person:, place:, org:, outlets>=N, headline:/regex/i, AND, OR, NOT and ( ).",
      options: z.object({ filter: filterText("filter").describe("A filter such as syria -football, or off") }),
      words: [{ field: "filter", rest: true }],
      permission: "manager",
      examples: [{ filter: "place:syria outlets>=3 -source:tabloid" }, { filter: "off" }],
      run: ({ filter }, { newsroom, caller }) => newsroom.channels.filter(caller.channel, filter),
    }),
    defineAction({
      name: "test",
      description: "Which of the last day's stories a filter would take or drop, and why (changes nothing)",
      options: z.object({ filter: filterText("test").describe("A filter such as syria -football") }),
      words: [{ field: "filter", rest: true }],
      examples: [{ filter: '"peace talks" OR ceasefire' }],
      run: ({ filter }, { newsroom }) => newsroom.channels.test(filter),
    }),
    defineAction({
      name: "cap",
      description: "At most this many stories from one outlet in each briefing (off lifts the cap)",
      options: z.object({
        max: z
          .string({ error: "Say how many, for example /news cap 2, or /news cap off." })
          .trim()
          .regex(/^(?:off|[1-9]|1\d|2[0-5])$/i, "say a number from 1 to 25, or off")
          .describe("Stories per outlet, 1 to 25, or off"),
      }),
      words: [{ field: "max" }],
      permission: "manager",
      examples: [{ max: "2" }],
      run: ({ max }, { newsroom, caller }) => newsroom.channels.cap(caller.channel, max.toLowerCase() === "off" ? undefined : Number(max)),
    }),
    defineAction({
      name: "alert",
      description: "Post a story on a topic here at once when enough outlets report it, pinging a group",
      details:
        "By default a story is alerted when 3 outlets report it within 2 hours; at most 3 alerts an hour per channel (the rest are named in the next briefing). The mention is a Slack user group or a Discord role: the only thing newsbot ever pings.",
      options: z.object({
        topic: topic("alert").describe("The topic to alert on"),
        filter: z.string().trim().max(1000, "a filter is at most 1,000 characters").optional().describe("A filter its stories must pass, such as -football; then mention <group>"),
        mention: z.string().trim().max(200).optional().describe("The Slack user group or Discord role to ping with each alert"),
        outlets: z.coerce.number().int().min(1).max(50).optional().describe("Outlets that must report the story (default 3)"),
        hours: z.coerce.number().int().min(1).max(48).optional().describe("Within this many hours (default 2)"),
      }),
      words: [{ field: "topic" }, { field: "filter", rest: true }],
      permission: "manager",
      suggest: { topic: "topics" },
      examples: [{ topic: "syria", filter: "-football", mention: "S0123ABCD" }, { topic: "earthquake", outlets: 5, hours: 1 }],
      run: (request, { newsroom, caller }) => new AlertDesk(newsroom.store, newsroom.now).alert(caller.channel, request),
    }),
    defineAction({
      name: "alerts",
      description: "The topics this channel gets alerts on",
      options: z.object({}),
      run: (_options, { newsroom, caller }) => new AlertDesk(newsroom.store, newsroom.now).list(caller.channel),
    }),
    defineAction({
      name: "unalert",
      description: "Stop alerts on a topic in this channel",
      options: z.object({ topic: topic("unalert").describe("A topic this channel gets alerts on") }),
      words: [{ field: "topic", rest: true }],
      permission: "manager",
      examples: [{ topic: "syria" }],
      run: ({ topic }, { newsroom, caller }) => new AlertDesk(newsroom.store, newsroom.now).unalert(caller.channel, topic),
    }),
    defineAction({
      name: "pause",
      description: "Stop this channel's briefings until resumed",
      options: z.object({}),
      permission: "manager",
      run: (_options, { newsroom, caller }) => newsroom.channels.pause(caller.channel),
    }),
    defineAction({
      name: "resume",
      description: "Start this channel's briefings again",
      options: z.object({}),
      permission: "manager",
      run: (_options, { newsroom, caller }) => newsroom.channels.resume(caller.channel),
    }),
  ],
});
