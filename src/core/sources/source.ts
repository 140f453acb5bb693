// A source: a feed newsbot follows. What a user says about it (the definition) and what newsbot
// keeps about polling it (validators, failures, the pause reason).
import { z } from "zod";
import { WebUrl } from "../article.js";

/** The file sources can be listed in (NEWSBOT_SOURCES). */
export const DEFAULT_SOURCES_FILE = "./sources.json";

/** Shortest and longest poll intervals a user may set: politeness to the outlet, and staying current. */
export const MIN_INTERVAL_MINUTES = 1;
export const MAX_INTERVAL_MINUTES = 24 * 60;

export const IntervalMinutes = z
  .number({ error: "interval must be a number of minutes" })
  .int("interval must be a whole number of minutes")
  .min(MIN_INTERVAL_MINUTES, `interval must be at least ${MIN_INTERVAL_MINUTES} minute`)
  .max(MAX_INTERVAL_MINUTES, `interval can be at most ${MAX_INTERVAL_MINUTES} minutes (a day)`);

/** A feed as a user lists it: on the command line, in chat, or in the sources file. */
export const SourceDefinition = z.strictObject({
  /** Stored in its parsed form, so HTTP://Example.com and http://example.com/ are one source. */
  url: WebUrl.transform((url) => new URL(url).href),
  /** Shown on cards; the feed's own title when not given. */
  name: z.string().trim().min(1).max(200).optional(),
  /** Overrides the default poll interval for this feed. */
  intervalMinutes: IntervalMinutes.optional(),
  /** A folder to file it under (an OPML outline's folder), such as "World". */
  category: z.string().trim().min(1).max(200).optional(),
});
export type SourceDefinition = z.infer<typeof SourceDefinition>;

/** Headers the fetcher sets itself: a feed's own would break conditional requests or the encoding. */
const FETCHER_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "accept-encoding", "if-none-match", "if-modified-since", "user-agent"]);

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** One line: a CR or LF would start another header. The value itself is never repeated in errors. */
const HeaderValue = z.string().max(4096, "a header value is at most 4,096 characters").refine((value) => !/[\r\n\0]/.test(value), "a header value must be one line");

/**
 * What a feed needs sent with each request: headers (a cookie, an API key) and its own User-Agent.
 * Secrets: kept in the sources file only, sent to the feed's own origin only, never stored in the
 * database nor shown in chat, logs or explain.
 */
export const SourceRequest = z.strictObject({
  headers: z
    .record(z.string(), HeaderValue)
    .superRefine((headers, ctx) => {
      // Checked here rather than as the record's key schema, so that the message names the header.
      for (const name of Object.keys(headers)) {
        if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "a header name is letters, digits and - (such as X-Api-Key)" });
        else if (FETCHER_HEADERS.has(name.toLowerCase())) ctx.addIssue({ code: "custom", path: [name], message: `newsbot sets ${name} itself (for User-Agent, use "userAgent")` });
      }
    })
    .optional(),
  userAgent: HeaderValue.pipe(z.string().trim().min(1, "userAgent is empty")).optional(),
});
export type SourceRequest = z.infer<typeof SourceRequest>;

/** Where a source was defined: the sources file owns its own entries. */
export type SourceOrigin = "user" | "file";

export interface Source extends SourceDefinition {
  id: number;
  origin: SourceOrigin;
  addedAt: Date;
  /** The feed's own title, learnt on the first successful poll. */
  feedTitle?: string;
  etag?: string;
  lastModified?: string;
  /** SHA-256 of the feed's body at the last successful poll: the same body again is not parsed again. */
  bodyHash?: string;
  lastPolledAt?: Date;
  /** The last poll that brought a feed (200) or confirmed it unchanged (304). */
  lastSuccessAt?: Date;
  nextPollAt?: Date;
  /** Failed polls in a row; reset by a success. */
  failures: number;
  lastError?: string;
  /** Set when newsbot stopped polling the source, with the reason; cleared by `sources resume`. */
  pausedReason?: string;
  articlesAdded: number;
}

type PollState = Pick<
  Source,
  "feedTitle" | "etag" | "lastModified" | "bodyHash" | "lastPolledAt" | "lastSuccessAt" | "nextPollAt" | "lastError" | "pausedReason"
>;

/** What a poll changes about a source: null clears a field; `articlesAdded` is added to the count. */
export type SourceUpdate = { [K in keyof PollState]?: PollState[K] | null } & {
  url?: string;
  /** Renaming: null goes back to the feed's own title. */
  name?: string | null;
  intervalMinutes?: number | null;
  category?: string | null;
  failures?: number;
  articlesAdded?: number;
};

/** The name cards and lists use: the user's, else the feed's title, else the host. */
export function sourceName(source: Pick<Source, "name" | "feedTitle" | "url">): string {
  return source.name ?? source.feedTitle ?? new URL(source.url).hostname.replace(/^www\./, "");
}
