// Replayed and badly timed requests in HTTP mode (issue 18): a timestamp more than 5 minutes from now
// either way is refused, and a signed request runs once however often it is sent; Slack's own retry
// of an event, signed afresh, still reaches Bolt. Real Bolt, signed requests, the fake Slack API.
import { afterEach, describe, expect, it } from "vitest";
import { Newsroom } from "../../../src/core/newsroom.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { PostgresStorage } from "../../../src/store/postgres/postgres-storage.js";
import { createTestDatabase, type TestDatabase } from "../../fakes/postgres.js";
import { waitFor } from "../../fakes/slack-api.js";
import { startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { eventCallback, FORM, JSON_TYPE, postSigned, signature, SIGNING_SECRET, slashCommand, type Asker } from "../../fakes/slack-requests.js";

let slack: TestSlack | undefined;
const replicas: TestSlack[] = [];
const stores: Storage[] = [];
let database: TestDatabase | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
  for (const replica of replicas.splice(0)) await replica.close();
  for (const store of stores.splice(0)) await store.close();
  await database?.drop();
  database = undefined;
});

const USERS = { UMEMBER: {} };
const CHANNELS = { C1: { creator: "UMEMBER" } };
const nowSeconds = () => Math.floor(Date.now() / 1000);

function asker(s: TestSlack, id: string): Asker {
  return { user: "UMEMBER", channel: "C1", responseUrl: s.fake.responseUrl(id) };
}

/** Sends a fresh /help and waits for its answer: everything sent before it has been answered or refused. */
async function freshHelp(s: TestSlack, id: string): Promise<void> {
  expect((await postSigned(s.eventsUrl, slashCommand("/help", "", asker(s, id)), FORM)).status).toBe(200);
  await waitFor(() => s.fake.responses.some((r) => r.id === id), `the answer to ${id}`);
}

describe("replayed Slack requests (HTTP mode)", () => {
  it.each([
    ["10 minutes in the future", +600],
    ["10 minutes in the past", -600],
  ])("refuses a request signed with a timestamp %s, and runs nothing", async (_when, offset) => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const body = slashCommand("/help", "", asker(slack, "skewed"));
    const sent = await postSigned(slack.eventsUrl, body, FORM, { timestamp: nowSeconds() + offset });
    expect(sent.status).toBe(401);

    await freshHelp(slack, "fresh");
    expect(slack.fake.responses.map((r) => r.id)).toEqual(["fresh"]);
  });

  it("runs the same signed slash command once when it is sent three times", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const body = slashCommand("/help", "", asker(slack, "once"));
    const timestamp = nowSeconds();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postSigned(slack.eventsUrl, body, FORM, { timestamp })).status);
    // Answered 200 each time: Slack itself would stop retrying; only the first one ran.
    expect(statuses).toEqual([200, 200, 200]);

    await freshHelp(slack, "fresh");
    expect(slack.fake.responses.filter((r) => r.id === "once")).toHaveLength(1);
    expect(slack.logLines.join("")).toContain("a signed request arrived again");
  });

  it("knows a replay whose signature header has junk after the hash (which Bolt ignores)", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const body = slashCommand("/help", "", asker(slack, "once"));
    const timestamp = nowSeconds();
    const first = await postSigned(slack.eventsUrl, body, FORM, { timestamp });
    expect(first.status).toBe(200);
    const again = await postSigned(slack.eventsUrl, body, FORM, { timestamp, signature: `${signature(SIGNING_SECRET, timestamp, body)}=x` });
    expect(again.status).toBe(200);

    await freshHelp(slack, "fresh");
    expect(slack.fake.responses.filter((r) => r.id === "once")).toHaveLength(1);
  });

  it("lets Slack's own retry of an event through: a new request, signed afresh, with X-Slack-Retry-Num", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const event = { type: "app_mention", user: "UMEMBER", text: "<@UBOT> help", ts: "1700000000.000300", channel: "C1", event_ts: "1700000000.000300" };
    const body = eventCallback(event);
    expect((await postSigned(slack.eventsUrl, body, JSON_TYPE, { timestamp: nowSeconds() - 60 })).status).toBe(200);
    const retry = await postSigned(slack.eventsUrl, body, JSON_TYPE, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(retry.status).toBe(200);
    await waitFor(() => slack!.fake.messages.length === 2, "both deliveries reaching the app");
  });

  it("leaves Slack's other requests to Bolt: the unsigned ssl_check, url_verification, a forgery, an oversize body", async () => {
    slack = await startTestSlack({ users: USERS, channels: CHANNELS });
    const sslCheck = await fetch(slack.eventsUrl, { method: "POST", headers: { "content-type": FORM }, body: "ssl_check=1&token=x" });
    expect(sslCheck.status).toBe(200);
    const challenge = JSON.stringify({ token: "x", challenge: "c-123", type: "url_verification" });
    const verified = await postSigned(slack.eventsUrl, challenge, JSON_TYPE);
    expect(verified).toMatchObject({ status: 200, body: '{"challenge":"c-123"}' });
    const forged = await postSigned(slack.eventsUrl, slashCommand("/help", "", asker(slack, "forged")), FORM, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    const oversize = await postSigned(slack.eventsUrl, "x".repeat(4 * 1024 * 1024 + 1), FORM); // Bolt's limit is 4 MB
    expect(oversize.status).toBe(413);

    await freshHelp(slack, "fresh");
    expect(slack.fake.responses.map((r) => r.id)).toEqual(["fresh"]);
  });
});

describe("replayed Slack requests across replicas (HTTP mode behind a load balancer)", () => {
  /** A replica on the shared Postgres database, with its own receiver (port) and its own fake Slack. */
  async function replica(): Promise<TestSlack> {
    const store = await PostgresStorage.open(database!.url);
    stores.push(store);
    const started = await startTestSlack({ users: USERS, channels: CHANNELS, newsroom: () => new Newsroom(store) });
    replicas.push(started);
    return started;
  }

  it("runs a signed request once when it is replayed to another replica", async () => {
    database = await createTestDatabase();
    const [first, second] = [await replica(), await replica()];
    const body = slashCommand("/help", "", asker(first, "once"));
    const timestamp = nowSeconds();
    expect((await postSigned(first.eventsUrl, body, FORM, { timestamp })).status).toBe(200);
    await waitFor(() => first.fake.responses.some((r) => r.id === "once"), "the first answer");
    expect((await postSigned(second.eventsUrl, body, FORM, { timestamp })).status).toBe(200);

    await freshHelp(second, "fresh");
    expect(first.fake.responses.filter((r) => r.id === "once")).toHaveLength(1);
    expect(second.logLines.join("")).toContain("a signed request arrived again");
  });
});
