// newsbot's Discord adapter running for real against the fake Discord: a fresh in-memory store
// filled through the real ingest path (the bundled sample plus a few Syria and Iraq articles), a
// newsroom with a fixed clock, and startDiscord connected to the fake. Only 127.0.0.1 is reached.
import type { ArticleInput } from "../../src/core/article.js";
import { ingestFiles } from "../../src/core/ingest-files.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import type { ChatAdapter } from "../../src/adapters/platform.js";
import { startDiscord } from "../../src/adapters/discord/start.js";
import { SAMPLE_FILE, SAMPLE_SOURCE } from "../../src/app.js";
import { createLog } from "../../src/log.js";
import { FAKE_TOKEN, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "./discord-server.js";
import { ingestInto, openTestStorage } from "./storage.js";
import type { Storage } from "../../src/core/storage/index.js";
import { openChat } from "../../src/adapters/chat-commands.js";

export const NOW = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;

export const ARTICLES: ArticleInput[] = [
  {
    title: "Talks resume in Damascus",
    body: "Syrian officials met envoys in Damascus on Monday. The talks covered the border crossings. Both sides said the meeting was useful. A second round is planned for next month in Geneva.",
    source: "Wire",
    url: "https://example.com/damascus-talks",
    publishedAt: new Date(NOW.getTime() - 2 * HOUR),
  },
  {
    title: "Aid convoys reach northern Syria",
    body: "Aid convoys crossed into northern Syria on Tuesday after weeks of delay. The United Nations said forty trucks carried food and medicine. Aleppo hospitals had run short of supplies.",
    source: "Relief Daily",
    url: "https://example.com/aid-convoys",
    publishedAt: new Date(NOW.getTime() - 4 * HOUR),
  },
  {
    title: "Iraq budget passes after long night",
    body: "Iraqi lawmakers passed the budget on Sunday after a session that ran past midnight. The vote was close. Ministers in Baghdad welcomed it.",
    source: "Baghdad Post",
    url: "https://example.com/iraq-budget",
    publishedAt: new Date(NOW.getTime() - 6 * HOUR),
  },
];

export interface TestBot {
  fake: FakeDiscord;
  store: Storage;
  newsroom: Newsroom;
  adapter: ChatAdapter;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  fake?: FakeDiscordOptions;
  /** Wraps the store the newsroom uses (e.g. to make a query slow). */
  wrapStore?: (store: Storage) => Storage;
  /** NEWSBOT_ADMINS. */
  admins?: string[];
}

export async function filledStore(): Promise<Storage> {
  const store = await openTestStorage();
  await ingestFiles([SAMPLE_FILE], ingestInto(store), { source: SAMPLE_SOURCE, now: () => NOW });
  await ingestArticles(ARTICLES, ingestInto(store), () => NOW);
  return store;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const store = await filledStore();
  const newsroom = new Newsroom(options.wrapStore ? options.wrapStore(store) : store, () => NOW);
  const fake = await startFakeDiscord(options.fake);
  try {
    const adapter = await startDiscord(openChat(newsroom), { token: FAKE_TOKEN, apiUrl: fake.apiUrl, admins: options.admins }, createLog(process.env.NEWSBOT_TEST_LOG ?? "silent"));
    return {
      fake,
      store,
      newsroom,
      adapter,
      async stop() {
        await adapter.stop();
        await fake.close();
        await store.close();
      },
    };
  } catch (error) {
    await fake.close();
    await store.close();
    throw error;
  }
}
