// The Slack adapter as the tests run it: a newsroom over an in-memory SQLite store holding a few
// articles (stored through the real ingest path), the real Bolt app started by startSlack against the
// fake Slack Web API, in HTTP mode on a free port, and a log captured in memory (to check that no
// token ever reaches it).
import { Writable } from "node:stream";
import { pino } from "pino";
import type { ArticleInput } from "../../src/core/article.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import type { Log } from "../../src/log.js";
import { startSlack, type SlackAdapter, type SlackSettings } from "../../src/adapters/slack/start.js";
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from "./slack-api.js";
import { SIGNING_SECRET } from "./slack-requests.js";
import { ingestInto, openTestStorage, withArticles } from "./storage.js";
import type { ArticleStore, Storage } from "../../src/core/storage/index.js";
import { openChat } from "../../src/adapters/chat-commands.js";

export const BOT_TOKEN = "xoxb-test-bot-token-1234567890";
export const APP_TOKEN = "xapp-1-test-app-token-1234567890";

const HOUR = 3_600_000;

/** Small articles written for these tests; dated just before now, so today's briefing has them. */
export function syriaArticles(now = Date.now()): ArticleInput[] {
  return [
    {
      title: "Talks resume in Damascus",
      body: "Syrian officials met envoys in Damascus on Monday. The talks covered the border crossings and the return of refugees. Both sides said the meeting was useful. A second round is planned for next month in Geneva.",
      source: "Wire",
      url: "https://wire.example/damascus-talks",
      publishedAt: new Date(now - 2 * HOUR),
    },
    {
      title: "Aleppo reopens its airport",
      body: "The airport in Aleppo reopened to civilian flights on Tuesday, Syrian state media said. The first flight landed from Beirut. Airlines expect more routes to follow within weeks.",
      source: "Daily",
      url: "https://daily.example/aleppo-airport",
      publishedAt: new Date(now - 3 * HOUR),
    },
    {
      title: "Local football club wins cup",
      body: "The club won the final on penalties. Fans celebrated late into the night. The coach praised the young squad.",
      source: "Sport",
      publishedAt: new Date(now - 4 * HOUR),
    },
  ];
}

/** A log the test can read: every line pino writes, as written. */
export function memoryLog(): { log: Log; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { log: pino({ level: "info" }, sink) as unknown as Log, lines };
}

export interface TestSlack {
  store: Storage;
  newsroom: Newsroom;
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** http://127.0.0.1:PORT/slack/events */
  eventsUrl: string;
  logLines: string[];
  close(): Promise<void>;
}

export interface TestSlackOptions extends Partial<Omit<FakeSlackOptions, "botToken">> {
  /** Replaces the newsroom (e.g. one whose store is slow). */
  newsroom?: (store: Storage) => Newsroom;
  settings?: Partial<SlackSettings>;
}

export async function startTestSlack(options: TestSlackOptions = {}): Promise<TestSlack> {
  const store = await openTestStorage();
  await ingestArticles(syriaArticles(), ingestInto(store));
  const newsroom = options.newsroom?.(store) ?? new Newsroom(store);
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, appToken: options.appToken, users: options.users, channels: options.channels });
  const { log, lines } = memoryLog();
  let adapter: SlackAdapter;
  try {
    adapter = await startSlack(openChat(newsroom), { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, ...options.settings }, log);
  } catch (error) {
    await fake.close();
    await store.close();
    throw error;
  }
  return {
    store,
    newsroom,
    fake,
    adapter,
    eventsUrl: `http://127.0.0.1:${adapter.port}/slack/events`,
    logLines: lines,
    close: async () => {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** The store, with its text search replaced (slow, failing). */
export function withSearch(store: Storage, textMatches: ArticleStore["textMatches"]): Storage {
  return withArticles(store, { textMatches });
}

/** The store, with every search taking `ms` longer. */
export function slowSearch(store: Storage, ms: number): Storage {
  return withSearch(store, async (...args) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return store.articles.textMatches(...args);
  });
}
