// Starting and stopping the Slack adapter: one clear line for every credential or connection problem
// (never a token, never a stack), Socket Mode against the fake's WebSocket, and a stop that lets
// answers in flight finish.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeApiUrl } from "../../../src/adapters/slack/connection.js";
import { startSlack, type SlackAdapter, type SlackSettings } from "../../../src/adapters/slack/start.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { startFakeSlack, waitFor, type FakeSlack } from "../../fakes/slack-api.js";
import { APP_TOKEN, BOT_TOKEN, memoryLog, slowSearch, startTestSlack, type TestSlack } from "../../fakes/slack-app.js";
import { FORM, postSigned, SIGNING_SECRET, slashCommand } from "../../fakes/slack-requests.js";
import { openTestStorage } from "../../fakes/storage.js";
import { openChat } from "../../../src/adapters/chat-commands.js";

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, users: { U1: {} }, channels: { C1: { creator: "U2" } } });
  cleanup.push(() => fake.close());
  return fake;
}

async function newsroom(): Promise<Newsroom> {
  const store = await openTestStorage();
  cleanup.push(() => store.close());
  return new Newsroom(store);
}

/** What startSlack fails with, and what it logged on the way. */
async function startFailure(settings: SlackSettings): Promise<{ message: string; logged: string }> {
  const { log, lines } = memoryLog();
  let adapter: SlackAdapter | undefined;
  try {
    adapter = await startSlack(openChat(await newsroom()), settings, log);
  } catch (error) {
    return { message: (error as Error).message, logged: lines.join("") };
  }
  await adapter.stop();
  throw new Error("startSlack started");
}

function expectOneLine(message: string): void {
  expect(message).not.toContain("\n");
  expect(message).not.toMatch(/\bat .*\.(js|ts):\d+/);
  expect(message).not.toContain(BOT_TOKEN);
  expect(message).not.toContain(APP_TOKEN);
  // "xoxb-…" as a hint is fine; a token (letters after the dash) is not.
  expect(message).not.toMatch(/x(ox[a-z]|app)-[A-Za-z0-9]/);
}

describe("starting the Slack adapter", () => {
  it("says in one line that Slack rejected a wrong bot token", async () => {
    const fake = await fakeSlack();
    const { message, logged } = await startFailure({ botToken: "xoxb-wrong-token-0000", signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 });
    expect(message).toBe("Slack rejected SLACK_BOT_TOKEN (invalid_auth): check the bot token (xoxb-…) from OAuth & Permissions");
    expectOneLine(message);
    expect(logged).not.toContain("xoxb-wrong-token");
    expect(fake.callsTo("auth.test")).toHaveLength(1);
  });

  it.each([
    [{ botToken: "" }, "set SLACK_BOT_TOKEN to the bot token (xoxb-…) from your Slack app's OAuth & Permissions page"],
    [{ botToken: BOT_TOKEN }, "set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP (both are on your Slack app's Basic Information page)"],
    [{ botToken: APP_TOKEN, signingSecret: "s" }, "SLACK_BOT_TOKEN holds an app-level token (xapp-…): use the bot token (xoxb-…) from OAuth & Permissions, and put the xapp- token in SLACK_APP_TOKEN"],
    [{ botToken: BOT_TOKEN, appToken: BOT_TOKEN }, "SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope, from Basic Information > App-Level Tokens"],
  ])("names the missing or misplaced credential: %j", async (credentials, expected) => {
    const fake = await fakeSlack();
    const { message } = await startFailure({ port: 0, apiUrl: fake.apiUrl, ...credentials });
    expect(message).toBe(expected);
    expectOneLine(message);
    // Nothing was sent anywhere.
    expect(fake.calls).toHaveLength(0);
  });

  it("says so when the Slack API cannot be reached", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { message } = await startFailure({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: `http://127.0.0.1:${port}/api`, port: 0 });
    expect(message).toBe(`cannot reach the Slack API at http://127.0.0.1:${port}/api/ (ECONNREFUSED): check the network or SLACK_API_URL`);
  });

  it("says so when PORT is taken", async () => {
    const fake = await fakeSlack();
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    cleanup.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as AddressInfo).port;
    const { message } = await startFailure({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port });
    expect(message).toBe(`cannot listen for Slack on port ${port}: it is in use (set PORT to a free port)`);
  });

  it("gives the Web API client a base URL ending in a slash", () => {
    expect(normalizeApiUrl(undefined)).toBe("https://slack.com/api/");
    expect(normalizeApiUrl("https://slack-gov.com/api")).toBe("https://slack-gov.com/api/");
    expect(normalizeApiUrl("http://127.0.0.1:9/api/")).toBe("http://127.0.0.1:9/api/");
  });
});

describe("Socket Mode", () => {
  it("connects with the app-level token and answers a slash command sent over the socket", async () => {
    const fake = await fakeSlack();
    const { log } = memoryLog();
    const adapter = await startSlack(openChat(await newsroom()), { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0 }, log);
    cleanup.push(() => adapter.stop());
    expect(adapter.port).toBeUndefined();
    expect(fake.callsTo("apps.connections.open")[0]!.token).toBe(APP_TOKEN);
    await waitFor(() => fake.socketConnections() === 1, "the socket connection");

    const payload = Object.fromEntries(new URLSearchParams(slashCommand("/help", "", { user: "U1", channel: "C1", responseUrl: fake.responseUrl("socket") })));
    fake.socketSend({ envelope_id: "env-1", type: "slash_commands", accepts_response_payload: true, payload });
    await waitFor(() => fake.socketAcks.has("env-1"), "the envelope's acknowledgement");
    await waitFor(() => fake.responses.length > 0, "the answer");
    expect(fake.responses[0]).toMatchObject({ id: "socket", body: { response_type: "ephemeral", text: "newsbot commands" } });
  });

  it("says in one line that Slack rejected a wrong app-level token", async () => {
    const fake = await fakeSlack();
    const { message, logged } = await startFailure({ botToken: BOT_TOKEN, appToken: "xapp-1-wrong-token", apiUrl: fake.apiUrl, port: 0 });
    expect(message).toBe("Slack rejected SLACK_APP_TOKEN (invalid_auth): check the app-level token (xapp-…, scope connections:write) from Basic Information > App-Level Tokens");
    expectOneLine(message);
    expect(logged).not.toContain("xapp-1-wrong-token");
  });
});

describe("stopping", () => {
  let slack: TestSlack | undefined;
  afterEach(async () => {
    await slack?.fake.close();
    await slack?.store.close();
  });

  it("lets an acknowledged command finish its answer first", async () => {
    slack = await startTestSlack({
      users: { U1: {} },
      channels: { C1: { creator: "U2" } },
      newsroom: (store) => new Newsroom(slowSearch(store, 500)),
    });
    expect((await postSigned(slack.eventsUrl, slashCommand("/story", "syria", { user: "U1", channel: "C1", responseUrl: slack.fake.responseUrl("last") }), FORM)).status).toBe(200);
    expect(slack.fake.responses).toHaveLength(0);
    await slack.adapter.stop();
    expect(slack.fake.responses.map((r) => r.id)).toEqual(["last"]);
  });
});
