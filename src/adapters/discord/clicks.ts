// A click on a story card's button. Share posts the card to the channel for everyone; More like this
// answers privately with related stories; Unsubscribe takes the channel off the topics that brought
// the story, and only for someone who may manage the channel, checked now, at the click.
import type { ButtonInteraction } from "discord.js";
import { findCommand, runCommand } from "../../../commands/index.js";
import { notice, type Reply } from "../../core/card.js";
import { storyGone, type Newsroom } from "../../core/newsroom.js";
import { answer } from "./answer.js";
import { ButtonId, storyButtons } from "./buttons.js";
import type { DiscordDesk } from "./desk.js";
import { discussionLinks, replyMessages, storyMessage } from "./messages.js";
import { canPost } from "./permissions.js";
import { callerOf, privateReplyMessages } from "./slash-commands.js";

/** The channel's topics that the story is about. */
async function topicsOf(newsroom: Newsroom, channel: string, storyId: number): Promise<string[]> {
  const settings = await newsroom.store.channels.get({ platform: "discord", channel });
  return newsroom.storyTopics(storyId, settings?.topics ?? []);
}

/** Runs /news unsubscribe for each topic that brought the story; the command checks the caller. */
async function unsubscribe(desk: DiscordDesk, interaction: ButtonInteraction, channel: string, storyId: number): Promise<Reply> {
  const news = findCommand("news");
  const topics = await topicsOf(desk.newsroom, channel, storyId);
  if (!news || topics.length === 0) {
    return { title: "Nothing to unsubscribe", cards: [notice("This channel no longer follows a topic this story is about.", ["/news list"])] };
  }
  const caller = callerOf(interaction, desk, channel);
  const replies: Reply[] = [];
  for (const topic of topics) {
    replies.push(await runCommand(news, { action: "unsubscribe", topic }, desk.newsroom, caller));
    if (!caller.canManage) break; // the command said no once; once is enough
  }
  return { title: replies.map((r) => r.title).join(" · "), cards: replies.at(-1)!.cards };
}

export async function answerClick(interaction: ButtonInteraction, desk: DiscordDesk): Promise<void> {
  const onError = (error: unknown) => desk.failed(error, "that button");
  const id = ButtonId.safeParse(interaction.customId);
  if (!id.success) {
    const reply = { title: "Unknown button", cards: [notice("This button is from another version of newsbot; ask again with /story.")] };
    return answer(interaction, Promise.resolve(replyMessages(reply)), { ephemeral: true, onError });
  }
  const { storyId } = id.data;
  switch (id.data.action) {
    case "share": {
      if (!canPost(interaction)) {
        const refused = { title: "Not allowed", cards: [notice("You cannot post in this channel, so newsbot will not post there for you.")] };
        return answer(interaction, Promise.resolve(replyMessages(refused)), { ephemeral: true, onError });
      }
      // Whether the answer is public depends on whether the story is still there, so look first.
      const card = await desk.newsroom.storyCard(storyId);
      if (!card) return answer(interaction, Promise.resolve(replyMessages(storyGone())), { ephemeral: true, onError });
      const render = interaction.channelId ? await discussionLinks(desk.newsroom.store, desk.homeChannel(interaction.channelId), [card]) : {};
      const message = storyMessage(card, { render, buttons: storyButtons(card), content: `<@${interaction.user.id}> shared this story` });
      return answer(interaction, Promise.resolve([message]), { ephemeral: false, onError });
    }
    case "more": {
      const work = desk.newsroom.moreLikeThis(storyId).then((reply) => privateReplyMessages(reply, desk, interaction.channelId));
      return answer(interaction, work, { ephemeral: true, onError });
    }
    case "unsub": {
      const work = unsubscribe(desk, interaction, id.data.channel, storyId).then((reply) => replyMessages(reply));
      return answer(interaction, work, { ephemeral: true, onError });
    }
  }
}
