// /sources export on Slack, through the real Bolt app and WebClient against the fake Slack: Slack has
// no file only one person in a channel can see, so the OPML goes to the admin's direct messages with
// newsbot (files.uploadV2: getUploadURLExternal, the upload, completeUploadExternal), the answer in
// the channel stays private, and someone who is not an admin gets no file.
import { afterEach, describe, expect, it } from "vitest";
import { textOf, waitFor, type ResponseUrlPost } from "../../fakes/slack-api.js";
import { startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { FORM, postSigned, slashCommand } from "../../fakes/slack-requests.js";

let slack: TestSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const USERS = { UADMIN: { is_admin: true }, UMEMBER: {} };
const CHANNELS = { C1: { creator: "UCREATOR" } };

async function exportAs(s: TestSlack, user: string, id: string, answers: number): Promise<ResponseUrlPost[]> {
  await postSigned(s.eventsUrl, slashCommand("/sources", "export", { user, channel: "C1", responseUrl: s.fake.responseUrl(id) }), FORM);
  await waitFor(() => s.fake.responses.filter((r) => r.id === id).length === answers, `${answers} answers to ${id}`);
  return s.fake.responses.filter((r) => r.id === id);
}

describe("/sources export on Slack", () => {
  it("uploads the OPML into the admin's direct messages and says so privately", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    await slack.store.sources.add({ url: "https://wire.example/feed.xml", name: "Wire & Co" }, "user", new Date());
    const answers = await exportAs(slack, "UADMIN", "export-1", 2);
    expect(answers.map((a) => a.body.response_type)).toEqual(["ephemeral", "ephemeral"]);
    expect(textOf(answers[0]!.body.blocks)).toContain("1 feed in newsbot-sources.opml");
    expect(textOf(answers[1]!.body.blocks)).toContain("newsbot-sources.opml is in your direct messages with newsbot");

    expect(slack.fake.callsTo("conversations.open").map((c) => c.args.users)).toEqual(["UADMIN"]);
    const [file] = slack.fake.files;
    expect(file).toMatchObject({ filename: "newsbot-sources.opml", channel: "DADMIN", title: "newsbot-sources.opml" });
    expect(file!.length).toBe(Buffer.byteLength(file!.uploaded!.match(/<\?xml[\s\S]*<\/opml>\n?/)![0]));
    expect(file!.uploaded).toContain('xmlUrl="https://wire.example/feed.xml"');
    expect(file!.uploaded).toContain("Wire &amp; Co");
    // Nothing was posted in the channel.
    expect(slack.fake.messages).toEqual([]);
  });

  it("gives someone who is not an admin a refusal and no file", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const [answer] = await exportAs(slack, "UMEMBER", "export-2", 1);
    expect(textOf(answer!.body.blocks)).toContain("can export sources");
    expect(slack.fake.files).toEqual([]);
  });
});
