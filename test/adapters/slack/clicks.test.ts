// The buttons on newsbot's Slack messages, clicked through the real Bolt app (signed block_actions
// payloads): sharing an answer or a card into the channel, more like this, and unsubscribing, whose
// permission is checked on the click itself.
import { afterEach, describe, expect, it } from "vitest";
import type { StoryCard } from "../../../src/core/card.js";
import { buttonsOf, headersOf, textOf, waitFor, type ResponseUrlPost } from "../../fakes/slack-api.js";
import { startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { buttonClick, FORM, postSigned, type Asker } from "../../fakes/slack-requests.js";

let slack: TestSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const USERS = { UADMIN: { is_admin: true }, UMEMBER: {} };
const CHANNELS = { C1: { creator: "UCREATOR" } };
const C1 = { platform: "slack", channel: "C1" } as const;
/** A Share to channel button's value: the command and the options to run it again with. */
const shared = (command: string, options: Record<string, unknown>) => JSON.stringify({ command, options });

async function click(s: TestSlack, actionId: string, value: string, user: string, id: string): Promise<ResponseUrlPost> {
  const who: Asker = { user, channel: "C1", responseUrl: s.fake.responseUrl(id) };
  const ack = await postSigned(s.eventsUrl, buttonClick(actionId, value, who), FORM);
  expect(ack.status).toBe(200);
  await waitFor(() => s.fake.responses.some((r) => r.id === id), `the answer to the click ${id}`);
  return s.fake.responses.find((r) => r.id === id)!;
}

async function storyOn(s: TestSlack, topic: string): Promise<StoryCard> {
  const card = (await s.newsroom.findStories(topic)).cards[0];
  if (card?.type !== "story") throw new Error(`no story on ${topic}`);
  return card;
}

describe("buttons", () => {
  it("Share to channel posts the /story answer for everyone, with More like this only", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const post = await click(slack, "newsbot_share_reply", shared("story", { topic: "syria" }), "UMEMBER", "share-reply");
    expect(post.body).toMatchObject({ response_type: "in_channel", replace_original: false, text: '2 stories on "syria"' });
    expect(headersOf(post.body.blocks)).toEqual(['2 stories on "syria"', "Talks resume in Damascus", "Aleppo reopens its airport"]);
    expect((post.body.blocks as unknown[])[0]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "Shared by <@UMEMBER>" }] });
    const ids = buttonsOf(post.body.blocks).map((b) => b.action_id);
    expect(ids.length).toBe(2);
    for (const id of ids) expect(id).toMatch(/^newsbot_more_like_this:/);
  });

  it("will not share the answer of a command that is not shareable", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const post = await click(slack, "newsbot_share_reply", shared("news", { action: "pause" }), "UADMIN", "share-news");
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.text).toBe("Cannot share that");
    expect(await slack.store.channels.get(C1)).toBeUndefined();
  });

  it("Share posts one card into the channel, linked to its thread there", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const card = await storyOn(slack, "aleppo");
    await slack.store.threads.save({ ...C1, storyId: Number(card.storyId), threadId: "1.000200", url: "https://fake.slack.test/archives/C1/p1000200", postedAt: new Date() });
    const post = await click(slack, `newsbot_share_story:${card.storyId}`, card.storyId, "UMEMBER", "share-story");
    expect(post.body).toMatchObject({ response_type: "in_channel", text: "Aleppo reopens its airport" });
    expect(headersOf(post.body.blocks)).toEqual(["Aleppo reopens its airport"]);
    expect(textOf(post.body.blocks)).toContain("<https://fake.slack.test/archives/C1/p1000200|Discussion>");
    expect(textOf(post.body.blocks)).toContain("Shared by <@UMEMBER>");
  });

  it("More like this answers privately with other stories on the story's lead topic", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const card = await storyOn(slack, "damascus");
    expect(card.entities[0]?.name).toBe("Syria");
    const post = await click(slack, `newsbot_more_like_this:${card.storyId}`, card.storyId, "UMEMBER", "more");
    expect(post.body).toMatchObject({ response_type: "ephemeral", text: "More like this: Syria" });
    expect(headersOf(post.body.blocks)).toEqual(["More like this: Syria", "Aleppo reopens its airport"]);
  });

  it("says so when the story a button names is gone", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const post = await click(slack, "newsbot_share_story:99999", "99999", "UMEMBER", "gone");
    expect(post.body).toMatchObject({ response_type: "ephemeral", text: "Story not found" });
  });

  it("Unsubscribe checks the clicker's permission on the click", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    await slack.newsroom.channels.subscribe(C1, "syria");
    const card = await storyOn(slack, "damascus");

    const refused = await click(slack, `newsbot_unsubscribe:${card.storyId}`, "syria", "UMEMBER", "unsub-member");
    expect(refused.body).toMatchObject({ response_type: "ephemeral", text: "Not allowed" });
    expect((await slack.store.channels.get(C1))?.topics).toEqual(["syria"]);

    const done = await click(slack, `newsbot_unsubscribe:${card.storyId}`, "syria", "UADMIN", "unsub-admin");
    expect(done.body.text).toBe('No longer following "syria"');
    expect((await slack.store.channels.get(C1))?.topics).toEqual([]);
  });

  it("Unsubscribe takes the channel off the one topic its button names", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    for (const topic of ["syria", "damascus"]) await slack.newsroom.channels.subscribe(C1, topic);
    const card = await storyOn(slack, "damascus");
    const done = await click(slack, `newsbot_unsubscribe:${card.storyId}`, "damascus", "UADMIN", "unsub-one");
    expect(done.body.text).toBe('No longer following "damascus"');
    expect((await slack.store.channels.get(C1))?.topics).toEqual(["syria"]);
  });

  it("answers a click that came without a response_url through chat.postEphemeral", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const card = await storyOn(slack, "damascus");
    const who: Asker = { user: "UMEMBER", channel: "C1", responseUrl: "" };
    expect((await postSigned(slack.eventsUrl, buttonClick(`newsbot_more_like_this:${card.storyId}`, card.storyId, who), FORM)).status).toBe(200);
    await waitFor(() => slack!.fake.callsTo("chat.postEphemeral").length > 0, "an ephemeral message");
    expect(slack.fake.callsTo("chat.postEphemeral")[0]!.args).toMatchObject({ channel: "C1", user: "UMEMBER", text: "More like this: Syria" });
  });
});
