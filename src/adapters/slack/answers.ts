// Answers to commands and clicks, as the core planned them: rendered as Block Kit (cards linking to
// the stories' threads in the channel, the core's buttons as Slack buttons), and sent privately or
// into the channel. Through the response_url when Slack gave one (it works even where the bot is not
// a member), else through the Web API.
import type { RespondFn, webApi } from "@slack/bolt";
import type { ChatAnswer } from "../../core/chat/chat.js";
import { actionElement } from "./actions.js";
import { notice, type ReplyFile, type StoryCard } from "../../core/card.js";
import { slackMessages, storyMessage, type SlackBlock, type SlackMessage } from "./render.js";

/** The answer as Slack messages; a shared one opens with who shared it. */
export function renderAnswer(answer: ChatAnswer): SlackMessage[] {
  const options = {
    discussion: answer.discussion,
    buttons: (card: StoryCard) => answer.buttons(card).map(actionElement),
    replyButtons: answer.replyButtons.map(actionElement),
  };
  const [lone] = answer.reply.cards;
  // A story shared on its own reads as a briefing's story message: its headline is the notification.
  const messages = !answer.reply.title && answer.reply.cards.length === 1 && lone?.type === "story" ? [storyMessage(lone, options)] : slackMessages(answer.reply, options);
  if (!answer.sharedBy) return messages;
  const [first, ...rest] = messages;
  const byline: SlackBlock = { type: "context", elements: [{ type: "mrkdwn", text: `Shared by <@${answer.sharedBy}>` }] };
  return [{ ...first!, blocks: [byline, ...first!.blocks] }, ...rest];
}

/** Where an answer goes: privately to the person who asked, or into the channel for everyone. */
export interface Answerer {
  send(audience: ChatAnswer["audience"], messages: SlackMessage[]): Promise<void>;
  /** Hands the asker a file (/sources export) where only they can see it. */
  sendFile(file: ReplyFile): Promise<void>;
}

export function answerer(respond: RespondFn | undefined, client: webApi.WebClient, channel: string, user: string): Answerer {
  // Links in cards are read, not previewed: an unfurl would bury the card under someone's page.
  const quiet = { unfurl_links: false, unfurl_media: false } as const;
  return {
    async send(audience, messages) {
      for (const m of messages) {
        if (respond) await respond({ response_type: audience === "private" ? "ephemeral" : "in_channel", replace_original: false, text: m.text, blocks: m.blocks, ...quiet });
        else if (audience === "private") await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks });
        else await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, ...quiet });
      }
    },
    /**
     * Slack has no file only one person in a channel can see: a file shared anywhere is shared with
     * everyone there. So it goes to the asker's direct messages with newsbot (files.uploadV2:
     * getUploadURLExternal, the upload, completeUploadExternal), and the asker is told privately.
     */
    async sendFile(file) {
      const opened = await client.conversations.open({ users: user });
      const dm = opened.channel?.id;
      if (!dm) throw new Error("Slack opened no direct message channel");
      await client.filesUploadV2({ channel_id: dm, filename: file.name, title: file.name, content: file.content });
      await this.send("private", slackMessages({ title: "", cards: [notice(`${file.name} is in your direct messages with newsbot: Slack cannot attach a file only you can see here.`)] }));
    },
  };
}
