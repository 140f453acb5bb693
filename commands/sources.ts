// /sources: the feeds newsbot follows. Anyone may list them; every channel shares them, so adding,
// removing and resuming need one of newsbot's admins, not just someone who manages a channel.
import { z } from "zod";
import { IntervalMinutes, SourceDefinition } from "../src/core/sources/source.js";
import { notice } from "../src/core/card.js";
import { count } from "../src/core/text.js";
import { defineAction, defineCommand } from "./command.js";

/** What /sources export's file is called. */
export const OPML_FILE = "newsbot-sources.opml";

/** A feed's address as typed, in its stored form; refused in the words "Cannot add … : why". */
const FeedUrl = z
  .string({ error: "Say which feed to add, for example /sources add https://www.theguardian.com/world/rss." })
  .trim()
  .min(1, "Say which feed to add.")
  .max(2048, "a feed's address can be at most 2,048 characters")
  .transform((typed, ctx) => {
    const url = SourceDefinition.shape.url.safeParse(typed);
    if (url.success) return url.data;
    ctx.addIssue({ code: "custom", message: `Cannot add ${JSON.stringify(typed)}: ${url.error.issues.map((i) => `url ${i.message}`).join("; ")}.` });
    return z.NEVER;
  });

/** A source named by its id or URL, for the action that needs it. */
const sourceFor = (action: string) =>
  z
    .string({ error: `Say which source to ${action}, by its id (from /sources list) or its URL.` })
    .trim()
    .min(1, `Say which source to ${action}.`)
    .max(2048, "a source's id or URL can be at most 2,048 characters")
    .describe("The source's id (from /sources list) or its URL");

export const sources = defineCommand({
  name: "sources",
  description: "List, add, remove or resume the feeds newsbot follows",
  details: "Also listed in NEWSBOT_SOURCES (default ./sources.json), which owns its own entries.",
  restricted: { changes: "sources", stillOpen: "anyone can list them" },
  actions: [
    defineAction({
      name: "list",
      description: "The feeds newsbot follows, and why any is paused",
      options: z.object({}),
      run: (_options, { newsroom }) => newsroom.sources.list(),
    }),
    defineAction({
      name: "add",
      description: "Follow a feed (RSS, Atom, RDF, JSON Feed) and poll it once now",
      details: "If that first poll fails, newsbot says why and does not keep the feed (the CLI exits 1), unless --keep.",
      options: z.object({
        target: FeedUrl.describe("The feed's address"),
        name: SourceDefinition.shape.name.describe("The name cards show (default: the feed's title)"),
        every: IntervalMinutes.optional().describe("Minutes between polls of this feed (default NEWSBOT_POLL_MINUTES)"),
        keep: z.boolean().optional().describe("Follow it even if its first poll fails (it is retried later)"),
      }),
      words: [{ field: "target", label: "feed url" }, { field: "name", rest: true, cliOption: true }],
      permission: "admin",
      examples: [{ target: "https://www.theguardian.com/world/rss", name: "The Guardian" }, { target: "https://feeds.example.com/news.atom", every: 30 }],
      run: ({ target, name, every, keep }, { newsroom }) => newsroom.sources.add({ url: target, name, intervalMinutes: every }, { keep }),
    }),
    defineAction({
      name: "remove",
      description: "Stop following a feed (its articles stay)",
      options: z.object({ target: sourceFor("remove") }),
      words: [{ field: "target", label: "id" }],
      permission: "admin",
      examples: [{ target: "2" }],
      run: ({ target }, { newsroom }) => newsroom.sources.remove(target),
    }),
    defineAction({
      name: "rename",
      description: "Give a feed another name on cards (its state and articles stay)",
      options: z.object({
        target: sourceFor("rename"),
        name: z.string({ error: "Say the new name, for example /sources rename 2 The Guardian." }).pipe(SourceDefinition.shape.name.unwrap()).describe("The new name"),
      }),
      words: [{ field: "target", label: "id" }, { field: "name", rest: true }],
      permission: "admin",
      examples: [{ target: "2", name: "The Guardian" }],
      run: ({ target, name }, { newsroom }) => newsroom.sources.rename(target, name),
    }),
    defineAction({
      name: "move",
      description: "Follow a feed at its new address (its state and articles stay)",
      options: z.object({
        target: sourceFor("move"),
        url: z.string({ error: "Say the new address, for example /sources move 2 https://example.com/feed.xml." }).trim().min(1).max(2048).describe("The feed's new address"),
      }),
      words: [{ field: "target", label: "id" }, { field: "url", label: "new url" }],
      permission: "admin",
      examples: [{ target: "2", url: "https://www.theguardian.com/world/rss" }],
      run: ({ target, url }, { newsroom }) => newsroom.sources.move(target, url),
    }),
    defineAction({
      name: "export",
      description: "The followed feeds as an OPML file (categories as folders), sent to you alone",
      options: z.object({}),
      permission: "admin",
      run: async (_options, { newsroom }) => {
        const feeds = (await newsroom.store.sources.list()).length;
        return {
          title: "newsbot's sources as OPML",
          cards: [notice(`${count(feeds, "feed")} in ${OPML_FILE}, with their categories as folders; another feed reader can import it.`)],
          file: { name: OPML_FILE, mimeType: "text/x-opml", content: await newsroom.sources.exportOpml() },
        };
      },
    }),
    defineAction({
      name: "resume",
      description: "Poll a paused feed again",
      options: z.object({ target: sourceFor("resume") }),
      words: [{ field: "target", label: "id" }],
      permission: "admin",
      examples: [{ target: "1" }],
      run: ({ target }, { newsroom }) => newsroom.sources.resume(target),
    }),
  ],
});
