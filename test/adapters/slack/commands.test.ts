// Slash commands through the real Bolt app in HTTP mode: signed requests into /slack/events, answers
// through the response_url (served by the fake Slack), acknowledgement within Slack's 3 seconds, the
// signature check, and who may change a channel's news.
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { buttonsOf, headersOf, textOf as blockText, waitFor, type ResponseUrlPost } from "../../fakes/slack-api.js";
import { BOT_TOKEN, slowSearch, startTestSlack, withSearch, type TestSlack } from "../../fakes/slack-app.js";
import { eventCallback, FORM, JSON_TYPE, postSigned, slashCommand, type Asker } from "../../fakes/slack-requests.js";

let slack: TestSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const USERS = { UADMIN: { is_admin: true }, UOWNER: { is_owner: true }, UCREATOR: {}, UMEMBER: {} };
const CHANNELS = { C1: { creator: "UCREATOR" } };

function asker(s: TestSlack, user: string, id: string, channel = "C1"): Asker {
  return { user, channel, responseUrl: s.fake.responseUrl(id) };
}

async function command(s: TestSlack, name: string, text: string, who: Asker) {
  return postSigned(s.eventsUrl, slashCommand(name, text, who), FORM);
}

async function answer(s: TestSlack, id: string): Promise<ResponseUrlPost> {
  await waitFor(() => s.fake.responses.some((r) => r.id === id), `the answer to ${id}`);
  return s.fake.responses.find((r) => r.id === id)!;
}

const headers = (post: ResponseUrlPost) => headersOf(post.body.blocks);
const buttons = (post: ResponseUrlPost) => buttonsOf(post.body.blocks);
const textOf = (post: ResponseUrlPost) => blockText(post.body.blocks);

describe("slash commands over HTTP", () => {
  it("answers /story syria privately with the Syria cards, their buttons and their discussion links", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const damascus = (await slack.newsroom.findStories("damascus")).cards[0]!;
    expect(damascus.type).toBe("story");
    const storyId = damascus.type === "story" ? damascus.storyId : "";
    await slack.store.threads.save({ platform: "slack", channel: "C1", storyId: Number(storyId), threadId: "1.000100", url: "https://fake.slack.test/archives/C1/p1000100", postedAt: new Date() });

    const ack = await command(slack, "/story", "syria", asker(slack, "UMEMBER", "story-1"));
    expect(ack.status).toBe(200);
    expect(ack.body).toBe("");
    const post = await answer(slack, "story-1");

    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.text).toBe('2 stories on "syria"');
    expect(headers(post)).toEqual(['2 stories on "syria"', "Talks resume in Damascus", "Aleppo reopens its airport"]);
    expect(textOf(post)).not.toContain("football");
    expect(textOf(post)).toContain("<https://fake.slack.test/archives/C1/p1000100|Discussion>");
    // Share and More like this under each card, by story id; Share to channel for the whole answer.
    const row = buttons(post);
    expect(row.filter((b) => b.action_id?.startsWith("newsbot_share_story:")).map((b) => b.value)).toHaveLength(2);
    expect(row.filter((b) => b.action_id?.startsWith("newsbot_more_like_this:")).map((b) => b.value)).toContain(storyId);
    expect(row.find((b) => b.action_id === "newsbot_share_reply")).toMatchObject({ value: JSON.stringify({ command: "story", options: { topic: "syria" } }), style: "primary" });
    // Values are ids and options, never a card.
    for (const b of row) expect((b.value ?? "").length).toBeLessThanOrEqual(100);
  });

  it("registers every command and answers each", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    for (const c of COMMANDS) expect((await command(slack, `/${c.name}`, "", asker(slack, "UMEMBER", `all-${c.name}`))).status).toBe(200);
    for (const c of COMMANDS) expect((await answer(slack, `all-${c.name}`)).body.text).toEqual(expect.any(String));
    expect((await answer(slack, "all-help")).body.text).toBe("newsbot commands");
    // Titles are mrkdwn: article and user text is escaped in them too.
    expect((await answer(slack, "all-story")).body.text).toBe("Usage: /story &lt;topic&gt;");
  });

  it("rejects a forged signature and a stale timestamp with 401, running nothing", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const body = slashCommand("/story", "syria", asker(slack, "UMEMBER", "forged"));
    const forged = await postSigned(slack.eventsUrl, body, FORM, { signature: `v0=${"0".repeat(64)}` });
    expect(forged.status).toBe(401);
    const wrongSecret = await postSigned(slack.eventsUrl, body, FORM, { secret: "not-the-secret" });
    expect(wrongSecret.status).toBe(401);
    const stale = await postSigned(slack.eventsUrl, body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    // A genuine request right after is answered, and only it.
    expect((await command(slack, "/story", "syria", asker(slack, "UMEMBER", "genuine"))).status).toBe(200);
    await answer(slack, "genuine");
    expect(slack.fake.responses.map((r) => r.id)).toEqual(["genuine"]);
  });

  it("acknowledges a slow command at once and answers through the response_url when it is done", async () => {
    const SEARCH_MS = 3_500;
    slack = await startTestSlack({
      users: USERS,
      channels: CHANNELS,
      newsroom: (store) => new Newsroom(slowSearch(store, SEARCH_MS)),
    });
    const started = Date.now();
    const ack = await command(slack, "/story", "syria", asker(slack, "UMEMBER", "slow"));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(1_000);
    expect(slack.fake.responses).toHaveLength(0);
    await waitFor(() => slack!.fake.responses.length > 0, "the slow answer", 10_000);
    const post = slack.fake.responses[0]!;
    expect(post.at - started).toBeGreaterThanOrEqual(SEARCH_MS);
    expect(headers(post)).toContain("Talks resume in Damascus");
  });

  it("tells the asker when a command fails, and logs why", async () => {
    slack = await startTestSlack({
      users: USERS,
      channels: CHANNELS,
      newsroom: (store) => new Newsroom(withSearch(store, async () => Promise.reject(new Error("database is locked")))),
    });
    expect((await command(slack, "/story", "syria", asker(slack, "UMEMBER", "broken"))).status).toBe(200);
    const post = await answer(slack, "broken");
    expect(post.body).toMatchObject({ response_type: "ephemeral", text: "Sorry, /story failed" });
    expect(textOf(post)).not.toContain("database is locked");
    expect(slack.logLines.join("")).toContain("database is locked");
  });

  it("lets only admins, owners and the channel's creator change its news; anyone may list it", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    await command(slack, "/news", "subscribe syria", asker(slack, "UMEMBER", "member"));
    const refused = await answer(slack, "member");
    expect(refused.body.text).toBe("Not allowed");
    expect(textOf(refused)).toContain("Only people who manage this channel can subscribe");
    expect(await slack.store.channels.get({ platform: "slack", channel: "C1" })).toBeUndefined();

    await command(slack, "/news", "subscribe syria", asker(slack, "UADMIN", "admin"));
    expect((await answer(slack, "admin")).body.text).toBe('Following "syria"');
    await command(slack, "/news", "subscribe aleppo", asker(slack, "UOWNER", "owner"));
    expect((await answer(slack, "owner")).body.text).toBe('Following "aleppo"');
    await command(slack, "/news", "schedule 07:30 Europe/London", asker(slack, "UCREATOR", "creator"));
    expect((await answer(slack, "creator")).body.text).toBe("Briefing time set");
    expect(await slack.store.channels.get({ platform: "slack", channel: "C1" })).toMatchObject({ topics: ["syria", "aleppo"], time: "07:30", timezone: "Europe/London" });

    await command(slack, "/news", "list", asker(slack, "UMEMBER", "list"));
    expect(textOf(await answer(slack, "list"))).toContain('This channel follows "syria", "aleppo"');
    // A user the workspace does not know, in a channel newsbot cannot see: not a manager.
    await command(slack, "/news", "pause", asker(slack, "UNKNOWN", "unknown", "CSECRET"));
    expect((await answer(slack, "unknown")).body.text).toBe("Not allowed");
    // Who manages what is asked once a minute, not on every command.
    expect(slack.fake.callsTo("users.info").filter((c) => c.args.user === "UMEMBER")).toHaveLength(1);
  });

  it("lets only workspace admins and owners and NEWSBOT_ADMINS change the sources, not a channel's creator", async () => {
    slack = await startTestSlack({ users: { ...USERS, ULISTED: {} }, channels: CHANNELS, settings: { admins: ["ULISTED"] } });
    for (const url of ["https://example.com/world.xml", "https://example.com/region.xml"]) await slack.store.sources.add({ url }, "user", new Date());
    const urls = async () => (await slack!.store.sources.list()).map((s) => s.url);

    await command(slack, "/sources", "remove 2", asker(slack, "UCREATOR", "creator"));
    const refused = await answer(slack, "creator");
    expect(refused.body.text).toBe("Not allowed");
    expect(textOf(refused)).toContain("Only newsbot's admins (workspace admins and owners on Slack");
    expect(await urls()).toEqual(["https://example.com/world.xml", "https://example.com/region.xml"]);
    // The creator still runs their own channel's news, and anyone may list the sources.
    await command(slack, "/news", "subscribe syria", asker(slack, "UCREATOR", "subscribe"));
    expect((await answer(slack, "subscribe")).body.text).toBe('Following "syria"');
    await command(slack, "/sources", "list", asker(slack, "UMEMBER", "list"));
    expect((await answer(slack, "list")).body.text).toBe("2 sources");

    await command(slack, "/sources", "remove 2", asker(slack, "UADMIN", "admin"));
    expect((await answer(slack, "admin")).body.text).toBe("Stopped following example.com");
    await command(slack, "/sources", "remove 1", asker(slack, "ULISTED", "listed"));
    expect((await answer(slack, "listed")).body.text).toBe("Stopped following example.com");
    expect(await urls()).toEqual([]);
  });

  it("answers a mention with the commands, in a thread under it", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const event = { type: "app_mention", user: "UMEMBER", text: "<@UBOT> what can you do?", ts: "1700000000.000200", channel: "C1", event_ts: "1700000000.000200" };
    expect((await postSigned(slack.eventsUrl, eventCallback(event), JSON_TYPE)).status).toBe(200);
    await waitFor(() => slack!.fake.messages.length > 0, "the answer to a mention");
    expect(slack.fake.messages[0]).toMatchObject({ channel: "C1", thread_ts: "1700000000.000200" });
    expect(JSON.stringify(slack.fake.messages[0]!.blocks)).toContain("/story &lt;topic&gt;");
  });

  it("never writes a token to the log", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    slack.fake.fail("users.info", { kind: "error", error: "missing_scope" });
    await command(slack, "/news", "pause", asker(slack, "UMEMBER", "log"));
    await answer(slack, "log");
    await postSigned(slack.eventsUrl, slashCommand("/story", "x", asker(slack, "UMEMBER", "x")), FORM, { signature: "v0=bad" });
    expect(slack.logLines.join("\n")).toContain("missing_scope");
    expect(slack.logLines.join("\n")).not.toContain(BOT_TOKEN);
    expect(slack.logLines.join("\n")).not.toMatch(/xox[a-z]-/);
  });
});
