// What newsbot does in a chat channel, the same on every platform: how a command is answered (which
// buttons its cards get, which threads they link to) and what each button does when clicked, with
// the clicker's permissions checked at the click. Adapters turn a platform's request into an Asker
// and an action, and render the ChatAnswer this gives back.
import { notice, refusal, type Reply, type StoryCard } from "../card.js";
import type { ChannelRef } from "../delivery/channel.js";
import { discussionsIn, storyNumber, type StoryThread } from "../discussion.js";
import { storyGone, type Newsroom } from "../newsroom.js";
import { actionButton, moreLikeThis, shareStory, type ActionButton, type ChatAction } from "./actions.js";
import { InFlight } from "./in-flight.js";

/** Who asked or clicked, as the platform knows them. */
export interface Asker {
  /** Their id on the platform (a shared answer names them). */
  user: string;
  /** May change this channel's own setup (/news). */
  canManage: boolean;
  /** One of newsbot's admins (may change the sources). */
  isAdmin: boolean;
  /** May post in the channel themselves: newsbot shares into it only for someone who may. */
  canPost: boolean;
  /** Where they asked: the channel /news changes. */
  channel: ChannelRef;
  /** The channel whose story threads cards link to (inside a thread, its parent); `channel` if unset. */
  home?: string;
}

/** The commands, as the chat runs them: defined in commands/, given to the core at start-up. */
export interface ChatCommands {
  /** Runs command `name` with raw (unvalidated) options, as the asker; an unknown name is a refusal. */
  run(name: string, options: unknown, asker: Asker): Promise<Reply>;
  /** Whether an answer of `name` with these options reads the same to everyone, so it may be shared
   * into the channel. */
  shareable(name: string, options: unknown): boolean;
}

/** An answer as the core plans it; the adapter renders it in its platform's format. */
export interface ChatAnswer {
  /** private: seen only by the asker; channel: posted for everyone. */
  audience: "private" | "channel";
  reply: Reply;
  /** The buttons under each story card. */
  buttons: (card: StoryCard) => ActionButton[];
  /** The buttons for the whole answer, after its last card. */
  replyButtons: ActionButton[];
  /** Each story's thread in the asker's channel, by story id, for its card to link to. */
  discussion: (storyId: string) => string | undefined;
  /** The user who shared it into the channel, for a line above it. */
  sharedBy?: string;
}

const noButtons = (): ActionButton[] => [];

export class Chat {
  /** Answers being worked on; stopping waits for them. */
  readonly inFlight = new InFlight();

  constructor(
    readonly newsroom: Newsroom,
    private readonly commands: ChatCommands,
  ) {}

  /** A slash command: answered privately, each story with Share and More like this, and the whole
   * answer with Share to channel when it is a shareable command's answer with stories in it. */
  async command(name: string, options: unknown, asker: Asker): Promise<ChatAnswer> {
    const reply = await this.commands.run(name, options, asker);
    const shareable = isRecord(options) && this.commands.shareable(name, options) && !reply.failed && reply.cards.some((c) => c.type === "story");
    return this.answer("private", reply, asker, {
      buttons: (card) => [shareStory(card.storyId), moreLikeThis(card.storyId)],
      replyButtons: shareable ? [actionButton({ kind: "share-answer", command: name, options: options as Record<string, unknown> })] : [],
    });
  }

  /** A click on one of newsbot's buttons. */
  async click(action: ChatAction, asker: Asker): Promise<ChatAnswer> {
    switch (action.kind) {
      case "share-story":
        return this.shareStory(action.storyId, asker);
      case "share-answer":
        return this.shareAnswer(action.command, action.options, asker);
      case "more-like-this": {
        const id = storyNumber(action.storyId);
        const reply = id === undefined ? storyGone() : await this.newsroom.moreLikeThis(id);
        return this.answer("private", reply, asker, { buttons: (card) => [shareStory(card.storyId), moreLikeThis(card.storyId)] });
      }
      case "unsubscribe":
        // /news checks that the clicker may manage the channel, now, at the click.
        return this.answer("private", await this.commands.run("news", { action: "unsubscribe", topic: action.topic }, asker), asker);
    }
  }

  /** A button this newsbot does not know (from another version, or tampered with). */
  unknownButton(asker: Asker): Promise<ChatAnswer> {
    return this.answer("private", refusal("Unknown button", "This button is from another version of newsbot; ask again with /story."), asker);
  }

  /** Said privately when answering failed; the details are for the log, not the chat. */
  failed(what: string): ChatAnswer {
    return this.privately({ title: `Sorry, ${what} failed`, cards: [notice("Something went wrong on newsbot's side (the details are in its log). Try again in a moment.")] });
  }

  /** A reply for the asker alone, with no buttons and no links. */
  privately(reply: Reply): ChatAnswer {
    return { audience: "private", reply, buttons: noButtons, replyButtons: [], discussion: () => undefined };
  }

  private async shareStory(storyId: string, asker: Asker): Promise<ChatAnswer> {
    if (!asker.canPost) return this.answer("private", cannotPost(), asker);
    const id = storyNumber(storyId);
    const card = id === undefined ? undefined : await this.newsroom.storyCard(id);
    if (!card) return this.answer("private", storyGone(), asker);
    return this.answer("channel", { title: "", cards: [card] }, asker, { buttons: (c) => [moreLikeThis(c.storyId)], sharedBy: asker.user });
  }

  private async shareAnswer(command: string, options: Record<string, unknown>, asker: Asker): Promise<ChatAnswer> {
    if (!this.commands.shareable(command, options)) {
      return this.answer("private", refusal("Cannot share that", "Only /story and /digest answers can be shared."), asker);
    }
    if (!asker.canPost) return this.answer("private", cannotPost(), asker);
    const reply = await this.commands.run(command, options, asker);
    return this.answer("channel", reply, asker, { buttons: (c) => [moreLikeThis(c.storyId)], sharedBy: asker.user });
  }

  private async answer(
    audience: ChatAnswer["audience"],
    reply: Reply,
    asker: Asker,
    extra: Partial<Pick<ChatAnswer, "buttons" | "replyButtons" | "sharedBy">> = {},
  ): Promise<ChatAnswer> {
    const threads = await this.threadsFor(reply, asker);
    return { audience, reply, buttons: noButtons, replyButtons: [], ...extra, discussion: (id) => threads.get(id)?.url };
  }

  private threadsFor(reply: Reply, asker: Asker): Promise<Map<string, StoryThread>> {
    const ids = reply.cards.flatMap((card) => (card.type === "story" ? [card.storyId] : []));
    const home = { platform: asker.channel.platform, channel: asker.home ?? asker.channel.channel };
    return discussionsIn(this.newsroom.store, home, ids);
  }
}

const isRecord = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);

function cannotPost(): Reply {
  return refusal("Not allowed", "You cannot post in this channel, so newsbot will not post there for you.");
}
