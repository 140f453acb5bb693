// A platform is one folder: a small in-memory platform, declared here in the test and nowhere else,
// is registered like Slack and Discord. Its digest targets parse, the delivery sends it a threaded
// briefing through the core's courier (a story, then an update in the story's thread), and the core's
// chat answers its /story and its button clicks, with the same behaviour as every other platform.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { findPlatform, registerPlatform } from "../../src/adapters/index.js";
import { openChat } from "../../src/adapters/chat-commands.js";
import { declarePlatform, type ChatAdapter } from "../../src/adapters/platform.js";
import type { StoryCard } from "../../src/core/card.js";
import { ChatCourier, type ChannelPoster, type PostedStory, type StoryPost } from "../../src/core/chat/briefing.js";
import { ChatAction, type ActionButton } from "../../src/core/chat/actions.js";
import type { Asker, Chat, ChatAnswer } from "../../src/core/chat/chat.js";
import { DigestDefinition, targetKey } from "../../src/core/delivery/definition.js";
import { channelTargetKind } from "../../src/core/delivery/targets.js";
import { ingestArticles } from "../../src/core/ingest.js";
import { Newsroom } from "../../src/core/newsroom.js";
import type { Storage } from "../../src/core/storage/index.js";
import { createLog } from "../../src/log.js";
import { startDelivery } from "../../src/start-delivery.js";
import { syriaArticles } from "../fakes/slack-app.js";
import { ingestInto, openTestStorage } from "../fakes/storage.js";

/** A message the memory platform holds: where it went, what it says, and its buttons' ids. */
interface Held {
  channel: string;
  thread?: string;
  text: string;
  buttons: string[];
}

/** The memory platform's whole rendering: a line of text per card, a button id per action. */
const encode = (button: ActionButton) => JSON.stringify(button.action);
const decode = (id: string) => ChatAction.parse(JSON.parse(id));

class MemoryPoster implements ChannelPoster {
  readonly platform = "memory";
  readonly spacingMs = 0;
  readonly held: Held[] = [];

  async postOpening(channel: string, part: { reply: { title: string } }) {
    this.held.push({ channel, text: part.reply.title, buttons: [] });
  }
  async postStory(channel: string, post: StoryPost): Promise<PostedStory> {
    this.held.push({ channel, text: post.card.headline, buttons: post.buttons.map(encode) });
    return { threadId: `thread-${this.held.length}`, url: `memory://${channel}/${this.held.length}` };
  }
  async postInThread(channel: string, thread: { threadId: string }, post: StoryPost) {
    this.held.push({ channel, thread: thread.threadId, text: `${post.lead}: ${post.card.headline}`, buttons: post.buttons.map(encode) });
    return true;
  }
  failure(error: unknown) {
    return { ok: false as const, retryable: true, error: String(error) };
  }
}

interface MemoryAdapter extends ChatAdapter {
  poster: MemoryPoster;
  ask(asker: Asker, command: string, options: Record<string, unknown>): Promise<ChatAnswer>;
  click(asker: Asker, id: string): Promise<ChatAnswer>;
}

function startMemory(chat: Chat): MemoryAdapter {
  const poster = new MemoryPoster();
  return {
    poster,
    courier: new ChatCourier(poster, chat.newsroom, createLog("silent")),
    ask: (asker, command, options) => chat.command(command, options, asker),
    click: (asker, id) => chat.click(decode(id), asker),
    stop: () => chat.inFlight.settled(),
  };
}

const memory = declarePlatform({
  name: "memory",
  settings: z.object({}),
  target: channelTargetKind("memory", "room"),
  connect: async (chat) => startMemory(chat),
  notConnected: "this newsbot is not connected to the memory platform",
});

const ROOM = { platform: "memory", channel: "room" };
const reader: Asker = { user: "reader", canManage: false, isAdmin: false, canPost: true, channel: ROOM };
const HOUR = 3_600_000;

let store: Storage | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe("a platform declared outside src/", () => {
  it("gets a threaded briefing, answers /story and handles a button click", async () => {
    registerPlatform(memory);
    store = await openTestStorage();
    const now = Date.now();
    await ingestArticles(syriaArticles(now), ingestInto(store));
    const newsroom = new Newsroom(store);
    // Connected as start-up connects every declared platform.
    const adapter = (await findPlatform("memory")!.connect!(openChat(newsroom), { NEWSBOT_ADMINS: [] }, createLog("silent"))) as MemoryAdapter;

    // Its targets parse and are keyed like any chat channel's.
    const definition = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", topics: ["damascus"], targets: [{ platform: "memory", channel: "room" }] });
    expect(targetKey(definition.targets[0]!)).toBe("memory:room");

    // A briefing: its opening, then each story, whose message starts its thread.
    const delivery = startDelivery(newsroom, { NEWSBOT_CATCHUP_GRACE: 6 * HOUR }, createLog("silent"), { couriers: new Map([["memory", adapter.courier]]) });
    await delivery.scheduler.handleSlot(definition, new Date(now), false);
    await delivery.queue.idle();
    expect(adapter.poster.held.map((h) => [h.text, h.thread])).toEqual([
      ["Your morning briefing: 2 stories from the last 24 hours", undefined],
      ["Talks resume in Damascus", undefined],
      ["Aleppo reopens its airport", undefined],
    ]);
    const [card] = (await newsroom.findStories("damascus")).cards as StoryCard[];
    const thread = (await store.threads.forStories(ROOM, [Number(card!.storyId)])).get(Number(card!.storyId));
    expect(thread).toMatchObject({ threadId: "thread-2", url: "memory://room/2" });

    // Another report of the story: the next briefing updates it inside its thread.
    const herald = {
      title: "Talks resume in Damascus",
      body: "Syrian officials met envoys in Damascus on Monday. The talks covered the border crossings and the return of refugees. Both sides said the meeting had been useful. A second round is planned for next month in Geneva.",
      source: "Herald",
      url: "https://herald.example/damascus",
      publishedAt: new Date(now - HOUR),
    };
    await ingestArticles([herald], ingestInto(store));
    await delivery.scheduler.handleSlot(definition, new Date(now + HOUR), false);
    await delivery.queue.idle();
    expect(adapter.poster.held.at(-1)).toMatchObject({ thread: "thread-2", text: "Update: 1 new report: Talks resume in Damascus" });
    await delivery.stop();

    // /story: privately, each card linked to its thread here, with the same buttons as everywhere.
    const answer = await adapter.ask(reader, "story", { topic: "damascus" });
    expect(answer.audience).toBe("private");
    expect(answer.discussion(card!.storyId)).toBe("memory://room/2");
    const buttons = answer.buttons(card!).map(encode);
    expect(buttons.map((id) => decode(id).kind)).toEqual(["share-story", "more-like-this"]);
    expect(answer.replyButtons.map((b) => b.label)).toEqual(["Share to channel"]);

    // A click on Share: the card, for everyone in the channel, naming who shared it.
    const shared = await adapter.click(reader, buttons[0]!);
    expect(shared).toMatchObject({ audience: "channel", sharedBy: "reader", reply: { cards: [{ storyId: card!.storyId }] } });
    // And on Share to channel: the /story answer run again, for everyone.
    const again = await adapter.click(reader, encode(answer.replyButtons[0]!));
    expect(again.audience).toBe("channel");
    expect(again.reply.title).toBe(answer.reply.title);
    await adapter.stop();
  });
});
