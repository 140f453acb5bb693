// Stories over any engine: the core assigns, the engine keeps the story index. Near-duplicates kept
// as copies, follow-ups joining their story, the index surviving a restart and another process.
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../../src/core/article.js";
import { dedupeKeys, enrich } from "../../../src/core/enrich.js";
import { ingestArticles } from "../../../src/core/ingest.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { Ingest } from "../../../src/core/storage/ingest.js";
import { channelTargetKind, registerTargetKind } from "../../../src/core/delivery/targets.js";
import type { NewDelivery } from "../../../src/core/delivery/outbox.js";
import { ChatCourier, type ChannelPoster, type StoryPost } from "../../../src/core/chat/briefing.js";
import type { StoryCard } from "../../../src/core/card.js";
import type { StoryThread } from "../../../src/core/discussion.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { createLog } from "../../../src/log.js";
import { FOOTBALL_BODY, QUAKE_BODY } from "../../fakes/articles.js";
import { engines, HOUR, NOW, type EngineFactory } from "./engine.js";

// Two reports of one event in different words, and a wire copy of the first with small edits.
export const quake: ArticleInput = {
  title: "Earthquake kills twelve in southern Peru",
  body: QUAKE_BODY,
  source: "Wire",
  url: "https://wire.example/peru-quake",
  publishedAt: new Date(NOW.getTime() - 6 * HOUR),
};
export const quakeCopy: ArticleInput = {
  title: "Earthquake kills 12 in southern Peru",
  body: QUAKE_BODY.replace("early on Tuesday", "on Tuesday morning").replace("twelve people", "12 people"),
  source: "Daily Herald",
  url: "https://herald.example/world/peru-earthquake",
  publishedAt: new Date(NOW.getTime() - 5 * HOUR),
};
export const quakeFollowUp: ArticleInput = {
  title: "Peru earthquake: Arequipa rescuers race to reach trapped families",
  body: [
    "Rescuers in Arequipa worked through the night after Tuesday's earthquake in southern Peru, digging through rubble for families trapped in their homes.",
    "Governor Carlos Mendoza said the death toll from the earthquake had risen to nineteen and that the state of emergency would last sixty days.",
    "Army engineers reopened the highway to the coast on Wednesday, letting aid convoys reach the districts of the Arequipa region worst hit by the quake.",
  ].join("\n\n"),
  source: "Evening Post",
  url: "https://post.example/arequipa-rescue",
  publishedAt: new Date(NOW.getTime() - 1 * HOUR),
};
export const football: ArticleInput = {
  title: "Rovers win the cup final on penalties",
  body: FOOTBALL_BODY,
  source: "Sport Daily",
  publishedAt: new Date(NOW.getTime() - 2 * HOUR),
};

/** The football report with an address, to find its story by. */
const sport: ArticleInput = { ...football, url: "https://sport.example/final" };

export async function storyOf(storage: Storage, url: string): Promise<number> {
  const found = await storage.articles.between(new Date(0), new Date(NOW.getTime() + 1));
  const article = found.find((a) => a.url === url || a.copies.some((c) => c.url === url));
  if (!article) throw new Error(`${url} not stored`);
  return article.storyId;
}

/** A briefing to a Slack channel carrying these stories (with their reports then). */
function briefing(channel: string, stories: NewDelivery["stories"]): NewDelivery {
  return {
    target: { platform: "slack", channel },
    targetKey: `slack:${channel}`,
    idempotencyKey: `fold-${channel}`,
    late: false,
    status: "pending",
    payload: { digest: "morning", slot: NOW.toISOString(), late: false, title: "Your briefing", cards: [] },
    stories,
  };
}

export function storyContract(factory: EngineFactory): void {
  const open = engines(factory);
  beforeAll(() => registerTargetKind(channelTargetKind("slack")));

  describe("stories", () => {
    it("keeps a wire copy as another source of the article, and joins a follow-up to the story", async () => {
      const { storage } = await open();
      const ingest = new Ingest(storage);
      const report = await ingestArticles([quake, quakeCopy, quakeFollowUp, football], ingest, () => NOW);
      expect(report).toEqual({ added: 3, copies: 1, duplicates: 0 });

      const articles = await storage.articles.between(new Date(0), new Date(NOW.getTime() + 1));
      const original = articles.find((a) => a.url === quake.url);
      expect(original?.copies).toEqual([
        { title: quakeCopy.title, source: "Daily Herald", url: quakeCopy.url, publishedAt: quakeCopy.publishedAt, storedAt: NOW },
      ]);
      expect(await storyOf(storage, quakeFollowUp.url!)).toBe(original?.storyId);
      expect(articles.find((a) => a.title === football.title)?.storyId).not.toBe(original?.storyId);
      // Coverage counts every report of the story: the article, its copy and the follow-up, from three outlets.
      expect((await storage.articles.coverage([original!.storyId])).get(original!.storyId)).toEqual({ reports: 3, outlets: 3 });

      // The copy's URL and text are known now: polling the same feed again adds nothing.
      expect(await ingestArticles([quakeCopy], ingest, () => NOW)).toEqual({ added: 0, copies: 0, duplicates: 1 });
    });

    it("remembers its stories across a restart", async () => {
      const engine = await open();
      await ingestArticles([quake, football], new Ingest(engine.storage), () => NOW);
      const restarted = await engine.connect();
      expect(await ingestArticles([quakeCopy, quakeFollowUp], new Ingest(restarted), () => NOW)).toEqual({ added: 1, copies: 1, duplicates: 0 });
      expect(await storyOf(restarted, quakeFollowUp.url!)).toBe(await storyOf(restarted, quake.url!));
    });

    it("remembers a story's headlines across a restart, for the headline check", async () => {
      const engine = await open();
      await ingestArticles([quake], new Ingest(engine.storage), () => NOW);
      // Every shared word would join; only the headline check can keep an article apart.
      const restarted = new Ingest(await engine.connect(), { joinThreshold: 0.01, headlineJoinThreshold: 1 });
      const aid: ArticleInput = {
        ...quakeFollowUp,
        title: "Convoys bring aid to the south",
        body: "Aid convoys reached the Arequipa region of southern Peru, where Tuesday's earthquake killed nineteen people.",
        url: "https://post.example/aid",
      };
      await ingestArticles([quakeFollowUp, aid], restarted, () => NOW);
      expect(await storyOf(engine.storage, aid.url!)).not.toBe(await storyOf(engine.storage, quake.url!));
      expect(await storyOf(engine.storage, quakeFollowUp.url!)).toBe(await storyOf(engine.storage, quake.url!));
    });

    it("sees the stories another process stored since it loaded the index: a CLI ingest beside the running bot", async () => {
      const engine = await open();
      const bot = new Ingest(engine.storage);
      // The bot has its index loaded (it stored an article) before the CLI stores the quake.
      await ingestArticles([football], bot, () => NOW);
      const cli = new Ingest(await engine.connect());
      await ingestArticles([quake], cli, () => NOW);
      expect(await ingestArticles([quakeCopy, quakeFollowUp], bot, () => NOW)).toEqual({ added: 1, copies: 1, duplicates: 0 });
      expect(await storyOf(engine.storage, quakeFollowUp.url!)).toBe(await storyOf(engine.storage, quake.url!));
      // Both processes' articles count in the index: the bot did not write back a stale count.
      const index = await engine.storage.ingest((tx) => tx.storyIndex.load({ since: Number.MIN_SAFE_INTEGER, signaturesPerStory: 16 }));
      expect(index.documents).toBe(3);
    });

    it("keeps one story per event when two processes ingest its reports at once", async () => {
      const engine = await open();
      const [one, two] = [new Ingest(engine.storage), new Ingest(await engine.connect())];
      const reports = await Promise.all([ingestArticles([quake], one, () => NOW), ingestArticles([quakeFollowUp], two, () => NOW)]);
      expect(reports).toEqual([{ added: 1, copies: 0, duplicates: 0 }, { added: 1, copies: 0, duplicates: 0 }]);
      expect(await storyOf(engine.storage, quakeFollowUp.url!)).toBe(await storyOf(engine.storage, quake.url!));
    });

    it("forgets what a rolled-back batch taught the clusterer", async () => {
      const { storage } = await open();
      const ingest = new Ingest(storage);
      const good = enrich(quake, NOW, dedupeKeys(quake));
      // The database refuses the second article (no reading time), so the whole batch rolls back,
      // including the story the first one started.
      const refused = { ...enrich(football, NOW, dedupeKeys(football)), readingMinutes: null as unknown as number };
      await expect(ingest.addArticles([good, refused])).rejects.toThrow();
      expect(await storage.articles.count()).toBe(0);
      // Had the clusterer kept the rolled-back story, the follow-up would join a story that does not exist.
      expect(await ingestArticles([quakeFollowUp], ingest, () => NOW)).toEqual({ added: 1, copies: 0, duplicates: 0 });
      const [stored] = await storage.articles.between(new Date(0), new Date(NOW.getTime() + 1));
      expect((await storage.articles.ofStories([stored!.storyId], 5)).get(stored!.storyId)).toHaveLength(1);
    });

    it("saves what the clusterer changed: frequencies set and forgotten, story profiles, a new generation", async () => {
      const { storage } = await open();
      await ingestArticles([quake], new Ingest(storage), () => NOW);
      const storyId = await storyOf(storage, quake.url!);
      const generation = await storage.ingest((tx) => tx.storyIndex.generation());
      expect((await storage.ingest((tx) => tx.storyIndex.load({ since: Number.MIN_SAFE_INTEGER, signaturesPerStory: 16 }))).documentFrequencies.get("peru")).toBe(1);
      const profile = { id: storyId, terms: { quak: 2.5, 'say "türkiye"': 1 }, articles: 2, headline: ["quak"], startedAt: NOW.getTime() - HOUR, updatedAt: NOW.getTime() };
      const saved = await storage.ingest((tx) =>
        tx.storyIndex.save({ documents: 7, documentFrequencies: [["o'brien", 3], ["peru", 0], ["quak", 5], ['say "türkiye"', 2]], stories: [profile] }),
      );
      expect(saved).toBe(generation + 1);
      const state = await storage.ingest((tx) => tx.storyIndex.load({ since: Number.MIN_SAFE_INTEGER, signaturesPerStory: 16 }));
      expect(state.documents).toBe(7);
      expect([state.documentFrequencies.get("o'brien"), state.documentFrequencies.get("quak"), state.documentFrequencies.get('say "türkiye"')]).toEqual([3, 5, 2]);
      expect(state.documentFrequencies.has("peru")).toBe(false);
      expect(state.stories).toEqual([profile]);
    });

    it("folds one story into another: articles, coverage, threads, deliveries, alerts, and the folded id's row", async () => {
      const { storage } = await open();
      await ingestArticles([quake, quakeCopy, sport], new Ingest(storage), () => NOW);
      const [into, from] = [await storyOf(storage, quake.url!), await storyOf(storage, "https://sport.example/final")];
      expect(into).not.toBe(from);
      // C1 has a thread for the folded story only, C2 for both; a story folded earlier into `from`.
      const thread = (channel: string, storyId: number, threadId: string) => ({ platform: "slack", channel, storyId, threadId, postedAt: NOW });
      await storage.threads.save(thread("C1", from, "T-from"));
      await storage.threads.save(thread("C2", from, "T-from-2"));
      await storage.threads.save(thread("C2", into, "T-into-2"));
      await storage.deliveries.record("morning", NOW, [briefing("C1", [{ storyId: from, reports: 1 }]), briefing("C2", [{ storyId: into, reports: 2 }, { storyId: from, reports: 1 }])], NOW);
      const alert = (channel: string, storyId: number) => ({ platform: "slack", channel, storyId, topic: "peru", headline: `Story ${storyId}`, raisedAt: NOW });
      expect(await storage.alerts.claim(alert("C1", from), { max: 5, since: NOW })).toBe("post");

      await storage.ingest(async (tx) => tx.storyIndex.fold(into, from));

      expect(await storyOf(storage, "https://sport.example/final")).toBe(into);
      // The folded id reads the merged story, under its own id (below: reads by a folded id).
      expect([...(await storage.articles.ofStories([into, from], 10)).keys()]).toEqual([into]);
      expect((await storage.articles.coverage([into])).get(into)).toEqual({ reports: 3, outlets: 3 });
      // An update of the merged story goes to the thread the channel has, `into`'s where both have one.
      const c1 = { platform: "slack", channel: "C1" };
      const c2 = { platform: "slack", channel: "C2" };
      expect((await storage.threads.forStories(c1, [into, from])).get(into)?.threadId).toBe("T-from");
      expect([...(await storage.threads.forStories(c1, [from])).keys()]).toEqual([]);
      expect((await storage.threads.forStories(c2, [into, from])).get(into)?.threadId).toBe("T-into-2");
      // A channel that saw either has seen the merged story, with the reports of both.
      const later = new Date(NOW.getTime() + HOUR);
      expect(await storage.deliveries.sentStories("slack:C1", later)).toEqual(new Map([[into, { reports: 1, slot: NOW }]]));
      expect(await storage.deliveries.sentStories("slack:C2", later)).toEqual(new Map([[into, { reports: 3, slot: NOW }]]));
      const [recorded] = await storage.deliveries.forSlot("morning", NOW);
      expect(recorded?.stories).toEqual([{ storyId: into, reports: 1 }]);
      // Alerted in C1 as `from`: the merged story is not alerted there again.
      expect(await storage.alerts.claim(alert("C1", into), { max: 5, since: NOW })).toBeUndefined();
      expect(await storage.alerts.claim(alert("C2", into), { max: 5, since: NOW })).toBe("post");
      // The index no longer has the folded story.
      const state = await storage.ingest((tx) => tx.storyIndex.load({ since: Number.MIN_SAFE_INTEGER, signaturesPerStory: 16 }));
      expect(state.stories.map((s) => s.id)).not.toContain(from);
      expect(state.recentArticles.every((s) => s.storyId !== from)).toBe(true);
      await expect(storage.ingest((tx) => tx.storyIndex.fold(into, into))).rejects.toThrow(RangeError);
    });

    it("reads a folded story's id as the story it was folded into: its articles, coverage and card, under that story's id", async () => {
      const { storage } = await open();
      const budget: ArticleInput = {
        title: "Harbour council passes its budget for the new ferry terminal",
        body: [
          "The harbour council voted on Monday to pay for a new ferry terminal, after two years of argument over its cost.",
          "Councillors approved the budget by nine votes to four, and building work on the terminal is due to start in the spring.",
        ].join("\n\n"),
        source: "Harbour Gazette",
        url: "https://gazette.example/ferry-budget",
        publishedAt: new Date(NOW.getTime() - 3 * HOUR),
      };
      await ingestArticles([quake, quakeCopy, sport, budget], new Ingest(storage), () => NOW);
      const [into, from, earlier] = [await storyOf(storage, quake.url!), await storyOf(storage, sport.url!), await storyOf(storage, budget.url!)];
      expect(new Set([into, from, earlier]).size).toBe(3);
      // A story folded into `from` before `from` is folded in turn: its id names `into` now.
      await storage.ingest(async (tx) => tx.storyIndex.fold(from, earlier));
      await storage.ingest(async (tx) => tx.storyIndex.fold(into, from));
      const urls = [quake.url, sport.url, budget.url].sort();
      for (const asked of [from, earlier, into]) {
        const stories = await storage.articles.ofStories([asked], 10);
        expect([...stories.keys()]).toEqual([into]);
        expect(stories.get(into)!.map((a) => a.url).sort()).toEqual(urls);
        expect([...(await storage.articles.coverage([asked]))]).toEqual([[into, { reports: 4, outlets: 4 }]]);
      }
      // Asked beside other ids: the merged story once, where it was first asked; a story not stored as before.
      const missing = into + from + earlier + 1000;
      expect([...(await storage.articles.ofStories([earlier, missing, into, from], 10))].map(([id, articles]) => [id, articles.length])).toEqual([
        [into, 3],
        [missing, 0],
      ]);
      expect([...(await storage.articles.coverage([missing, from, into])).keys()]).toEqual([into]);
      // The newsroom shows it by any of the ids (a button, a /story link, a thread), as the merged story.
      const newsroom = new Newsroom(storage, () => NOW);
      for (const asked of [earlier, from]) {
        const card = await newsroom.storyCard(asked);
        expect(card?.storyId).toBe(String(into));
        expect(card?.sources.length).toBe(4);
      }
      expect(await newsroom.storyCard(missing)).toBeUndefined();
      expect((await newsroom.moreLikeThis(earlier)).cards.every((c) => c.type !== "story" || c.storyId !== String(into))).toBe(true);
    });

    it("folds in ingest: a headline-only item that belongs to two stories makes them one", async () => {
      const { storage } = await open();
      // Thresholds this low fold any two stories the item shares words with, however unlike each other.
      const ingest = new Ingest(storage, { foldThreshold: 0.01, headlineOnlyJoinThreshold: 0.01, foldSimilarity: 0 });
      await ingestArticles([quake, sport], ingest, () => NOW);
      const [quakeStory, footballStory] = [await storyOf(storage, quake.url!), await storyOf(storage, "https://sport.example/final")];
      expect(quakeStory).not.toBe(footballStory);
      const item: ArticleInput = { title: "Peru earthquake: Rovers cup final on penalties", body: "", source: "Aggregator", url: "https://agg.example/1", publishedAt: quake.publishedAt };
      expect(await ingestArticles([item, quakeFollowUp], ingest, () => NOW)).toEqual({ added: 2, copies: 0, duplicates: 0 });
      const stories = new Set(await Promise.all([quake.url!, "https://sport.example/final", item.url!, quakeFollowUp.url!].map((url) => storyOf(storage, url))));
      expect(stories.size).toBe(1);
      const [story] = stories;
      expect((await storage.articles.coverage([story!])).get(story!)).toEqual({ reports: 4, outlets: 4 });
      // The index agrees with the store after a restart: one story, of every article.
      const state = await storage.ingest((tx) => tx.storyIndex.load({ since: Number.MIN_SAFE_INTEGER, signaturesPerStory: 16 }));
      expect(state.stories.map((s) => [s.id, s.articles])).toEqual([[story, 4]]);
    });

    it("sends a briefing recorded before a fold into the merged story's thread", async () => {
      const { storage } = await open();
      const ingest = new Ingest(storage, { foldThreshold: 0.01, headlineOnlyJoinThreshold: 0.01, foldSimilarity: 0 });
      await ingestArticles([quake, sport], ingest, () => NOW);
      const stories = [await storyOf(storage, quake.url!), await storyOf(storage, "https://sport.example/final")];
      // Yesterday's briefing to C1 started a thread for each story.
      const yesterday = new Date(NOW.getTime() - 24 * HOUR);
      const [earlier] = await storage.deliveries.record("morning", yesterday, [{ ...briefing("C1", stories.map((storyId) => ({ storyId, reports: 1 }))), idempotencyKey: "fold-earlier" }], yesterday);
      await storage.deliveries.update(earlier!.id, { status: "sent", partsSent: 1, sentAt: yesterday });
      for (const storyId of stories) await storage.threads.save({ platform: "slack", channel: "C1", storyId, threadId: `T${storyId}`, postedAt: yesterday });
      // Today's is recorded, then a headline-only item ties the two stories together before it is sent.
      const card = (storyId: number): StoryCard => ({
        type: "story", storyId: String(storyId), headline: `Story ${storyId}`, summary: "", entities: [], sources: [], sourceCount: 1, articleCount: 2,
        timeline: [], url: null, publishedAt: NOW.toISOString(), readingMinutes: 0,
      });
      const today = briefing("C1", stories.map((storyId) => ({ storyId, reports: 2 })));
      await storage.deliveries.record("morning", NOW, [{ ...today, payload: { ...today.payload!, cards: stories.map(card) } }], NOW);
      const item: ArticleInput = { title: "Peru earthquake: Rovers cup final on penalties", body: "", source: "Aggregator", url: "https://agg.example/1", publishedAt: quake.publishedAt };
      await ingestArticles([item], ingest, () => NOW);
      const into = await storyOf(storage, item.url!);
      expect(new Set(await Promise.all(stories.map((id, i) => storyOf(storage, i === 0 ? quake.url! : "https://sport.example/final"))))).toEqual(new Set([into]));

      // The recorded briefing keeps its body (a resend carries what the first attempt did), and both
      // its cards go into the merged story's thread.
      const [pending] = (await storage.deliveries.forSlot("morning", NOW)).filter((d) => d.status === "pending");
      expect(pending!.payload!.cards.map((c) => (c.type === "story" ? c.storyId : ""))).toEqual(stories.map(String));
      const started: StoryPost[] = [];
      const inThread: string[] = [];
      const poster: ChannelPoster = {
        platform: "slack",
        spacingMs: 0,
        postOpening: async () => {},
        postStory: async (_channel, post) => (started.push(post), { threadId: "T-new" }),
        postInThread: async (_channel, thread: StoryThread) => (inThread.push(thread.threadId), true),
        failure: (error) => ({ ok: false, retryable: false, error: String(error) }),
      };
      const courier = new ChatCourier(poster, new Newsroom(storage, () => NOW), createLog("silent"));
      const messages = courier.messages(pending!);
      for (const [i, message] of messages.entries()) expect(await courier.send(pending!, message, `k${i}`)).toEqual({ ok: true });
      expect(started).toEqual([]);
      expect(inThread).toEqual([`T${into}`, `T${into}`]);
    });

    it("loads only the stories inside the clustering window", async () => {
      const { storage } = await open();
      const old = { ...quake, url: "https://wire.example/old", title: "Earthquake in Peru last month", publishedAt: new Date(NOW.getTime() - 30 * 24 * HOUR) };
      await ingestArticles([old, football], new Ingest(storage), () => NOW);
      const oldStory = await storyOf(storage, old.url);
      const since = NOW.getTime() - 9 * 24 * HOUR;
      const state = await storage.ingest((tx) => tx.storyIndex.load({ since, signaturesPerStory: 16 }));
      const recent = (await storage.articles.between(new Date(0), new Date(NOW.getTime() + 1))).find((a) => a.title === football.title);
      expect(state.stories.map((s) => s.id)).toEqual([recent!.storyId]);
      expect(state.recentArticles.map((s) => s.storyId)).not.toContain(oldStory);
      expect(state.documents).toBe(2);
    });
  });
}
