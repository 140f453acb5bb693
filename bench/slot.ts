// `npm run bench:slot [-- <bbc-dir>] [--channels 1000] [--articles 1000] [--engine sqlite,postgres]`:
// how long one replica takes to prepare the 08:00 slot for many channels, each with its own topic
// (each channel's own /news briefing), on each engine in the same run. A store of a day's news (BBC
// articles published over the 24 hours before the slot), then every channel's slot handled at once,
// as node-cron fires them: the edition chosen and the outbox rows written (and the slot taken, as a
// replica does), not sent. Target: under 10 s for 1,000 channels, so that the platforms' rate limits,
// not our CPU, decide when the last briefing arrives.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import "../src/adapters/index.js";
import { DigestDefinition } from "../src/core/delivery/definition.js";
import { DeliveryQueue } from "../src/core/delivery/queue.js";
import { DigestScheduler } from "../src/core/delivery/scheduler.js";
import { unreachable } from "../src/core/delivery/courier.js";
import { ingestArticles } from "../src/core/ingest.js";
import { Newsroom } from "../src/core/newsroom.js";
import { printTable, readCorpus, requireDir } from "./data.js";
import { openBenchEngine } from "./engines.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    channels: { type: "string", default: "1000" },
    articles: { type: "string", default: "1000" },
    engine: { type: "string", default: "sqlite,postgres" },
    /** Writes each channel's briefing (its cards, in order) to this file (one JSON file per engine),
     * so that a change to how slots are prepared can be checked to choose exactly as before. */
    dump: { type: "string" },
  },
});
const channels = Number(values.channels);
const dir = requireDir(positionals[0], "bbc-news-summary", "The BBC News Summary folder");
const SLOT = new Date("2026-11-27T08:00:00Z");
const HOUR = 3_600_000;

/** What channels follow: people, places, organisations, themes of the corpus (a channel takes one,
 * with a second word for some, so that most channels' topics differ). */
const TOPICS = [
  "blair", "iraq", "election", "google", "chelsea", "tax", "music", "film", "mobile phones", "economy",
  "oil", "world cup", "budget", "apple", "china", "microsoft", "eu", "france", "labour", "tories",
  "arsenal", "dollar", "broadband", "olympics", "rugby", "tennis", "games", "bbc", "oscar", "court",
];

const base = await readCorpus(dir, "BBC News");
const articles = Array.from({ length: Number(values.articles) }, (_, n) => ({
  ...base[n % base.length]!,
  ...(n >= base.length && { title: `${base[n % base.length]!.title} (${Math.floor(n / base.length)})` }),
  publishedAt: new Date(SLOT.getTime() - 24 * HOUR + (n * 24 * HOUR) / Number(values.articles)),
}));
const definitions = Array.from({ length: channels }, (_, i) =>
  DigestDefinition.parse({
    name: `channel-${i}`,
    schedule: "0 8 * * *",
    topics: i < TOPICS.length ? [TOPICS[i]!] : [TOPICS[i % TOPICS.length]!, TOPICS[Math.floor(i / TOPICS.length) % TOPICS.length]!],
    targets: [{ platform: "webhook", format: "json", url: `https://hooks.example/channel-${i}` }],
  }),
);

const rows: Array<Array<string | number>> = [];
for (const name of values.engine.split(",")) {
  const engine = await openBenchEngine(name);
  try {
    const database = await engine.database();
    try {
      const newsroom = new Newsroom(database.storage, () => SLOT);
      await ingestArticles(articles, newsroom.ingest, () => SLOT);
      // Nothing is sent: a stopped queue records nothing more than the outbox rows.
      const queue = new DeliveryQueue(database.storage, () => unreachable("not sent in the benchmark"));
      await queue.stop();
      const scheduler = new DigestScheduler(newsroom, queue, async () => definitions, { now: () => new Date(SLOT.getTime() + 1_000) });
      const started = performance.now();
      const prepared = await Promise.all(definitions.map((definition) => scheduler.handleSlot(definition, SLOT, false)));
      const seconds = (performance.now() - started) / 1000;
      if (values.dump) {
        const briefings = Object.fromEntries(prepared.flat().map((delivery) => [delivery.digest, delivery.payload?.cards]));
        fs.writeFileSync(`${values.dump}.${name}.json`, JSON.stringify(briefings, null, 1));
      }
      const briefings = prepared.flat().filter((delivery) => delivery.status === "pending");
      const stories = briefings.reduce((sum, delivery) => sum + delivery.stories.length, 0);
      rows.push([name, channels, briefings.length, (stories / Math.max(1, briefings.length)).toFixed(1), seconds.toFixed(2), ((seconds * 1000) / channels).toFixed(1), seconds < 10 ? "yes" : "NO"]);
      await scheduler.stop();
    } finally {
      await database.close();
    }
  } finally {
    await engine.close();
  }
}

console.log(`\nPreparing the 08:00 slot for ${channels} channels with their own topics (${articles.length} articles over the day before)\n`);
printTable(["engine", "channels", "briefings", "stories each", "seconds", "ms per channel", "under 10 s"], rows);
