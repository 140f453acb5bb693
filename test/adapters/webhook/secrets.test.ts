// A webhook's URL is a secret: it stays in the digest file. The outbox, the log, error texts and
// `explain` name the webhook by its key, after a delivery, after a failing one (whose error quoted
// the URL), and for rows an older newsbot stored with the URL in them. Receivers are on 127.0.0.1.
import { Writable } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderExplanation } from "../../../src/adapters/terminal/explain.js";
import { loadConfig } from "../../../src/config.js";
import { DigestDefinition, targetKey } from "../../../src/core/delivery/definition.js";
import { explainSlot } from "../../../src/core/delivery/explain.js";
import { WebhookCourier } from "../../../src/adapters/webhook/courier.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { startDelivery } from "../../../src/start-delivery.js";
import type { Log } from "../../../src/log.js";
import { MIGRATIONS } from "../../../src/store/sqlite/migrations.js";
import { startServer, type LocalServer } from "../../fakes/local-server.js";
import { startWebhookReceiver } from "../../fakes/webhook-receiver.js";
import { openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const SLOT = new Date("2026-11-27T08:00:00Z");
const SECRETS = ["SECRETPATH", "TOKEN123"];

let dir: string;
let file: string;
let store: Storage;
let servers: Array<{ close(): Promise<void> }>;
let stops: Array<() => Promise<void>>;
let logged: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-webhook-secrets-"));
  file = path.join(dir, "news.db");
  servers = [];
  stops = [];
  logged = "";
});
afterEach(async () => {
  for (const stop of stops) await stop();
  for (const server of servers) await server.close();
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function morning(url: string): DigestDefinition {
  return DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", targets: [{ platform: "webhook", format: "json", url }] });
}

/** Delivery as `npm start` wires it, logging at debug into `logged`. */
function deliver(digest: DigestDefinition) {
  const newsroom = new Newsroom(store, () => SLOT);
  newsroom.channels.fileDigests = [digest];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((logged += chunk.toString()), done()) });
  const log = pino({ level: "debug" }, sink) as unknown as Log;
  const delivery = startDelivery(newsroom, loadConfig({}), log);
  stops.push(() => delivery.stop());
  return { newsroom, delivery };
}

function outboxRows(): string {
  const raw = new Database(file, { readonly: true });
  try {
    return JSON.stringify(raw.prepare("SELECT * FROM deliveries").all());
  } finally {
    raw.close();
  }
}

function expectNoSecret(text: string, url: string) {
  expect(text).not.toContain(url);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("a webhook's URL stays in the digest file", () => {
  it("is not in the outbox or in explain (JSON and text) after a delivery, which still arrives", async () => {
    const receiver = await startWebhookReceiver({ delayMs: () => 0, tag: () => 0 });
    servers.push(receiver);
    const url = `${receiver.url}/SECRETPATH?token=TOKEN123`;
    const digest = morning(url);
    store = await openTestStorage(file);
    const { newsroom, delivery } = deliver(digest);

    await delivery.scheduler.handleSlot(digest, SLOT, false);
    await delivery.queue.idle();

    expect(receiver.received.map((r) => r.digest)).toEqual(["morning"]);
    const key = targetKey(digest.targets[0]!);
    expect(key).toMatch(/^webhook:json:127\.0\.0\.1:\d+#[0-9a-f]{10}$/);
    const rows = outboxRows();
    expect(rows).toContain(key);
    expectNoSecret(rows, url);

    const explanation = (await explainSlot(newsroom, digest, SLOT))!;
    expect(explanation.targets[0]).toMatchObject({ targetKey: key, target: { platform: "webhook", format: "json" }, delivery: { status: "sent" } });
    expectNoSecret(JSON.stringify(explanation), url);
    const text = renderExplanation(explanation, { color: false, width: 100 });
    expect(text).toContain(`To ${key}: sent`);
    expectNoSecret(text, url);
    expectNoSecret(logged, url);
  });

  it("is not in last_error, the log or explain when the webhook fails with an answer that quotes it", async () => {
    let url = "";
    const server: LocalServer = await startServer((_request, response) => {
      // A receiver's error may echo the address it was posted to, as JSON (slashes escaped) or as text.
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: `no webhook at ${url}` }).replaceAll("/", "\\/"));
    });
    servers.push(server);
    url = `${server.url}/hook/SECRETPATH?token=TOKEN123`;
    const digest = morning(url);
    const key = targetKey(digest.targets[0]!);
    store = await openTestStorage(file);
    const { newsroom, delivery } = deliver(digest);

    await delivery.scheduler.handleSlot(digest, SLOT, false);
    await delivery.queue.idle();

    const [failed] = await store.deliveries.forSlot("morning", SLOT);
    expect(failed).toMatchObject({ status: "failed", lastError: `webhook answered HTTP 404: {"message":"no webhook at ${key}"}` });
    expectNoSecret(outboxRows(), url);
    expect(logged).toContain(`morning to ${key} failed`);
    expectNoSecret(logged, url);
    const explanation = (await explainSlot(newsroom, digest, SLOT))!;
    expectNoSecret(JSON.stringify(explanation), url);
    expectNoSecret(renderExplanation(explanation, { color: false, width: 100 }), url);
  });

  it("is not in the error fetch gives for a URL with a user name and password", async () => {
    const url = "http://user:hunter22@127.0.0.1:9/hook/SECRETPATH?token=TOKEN123";
    const courier = new WebhookCourier(url, "json");
    const outcome = await courier.send({} as never, {}, "key");
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? "" : outcome.error;
    expect(error).toContain(targetKey({ platform: "webhook", format: "json", url }));
    expectNoSecret(error, url);
    expect(error).not.toContain("hunter22");
  });

  it("is taken out of rows an older newsbot stored, and a pending one is still delivered", async () => {
    const receiver = await startWebhookReceiver({ delayMs: () => 0, tag: () => 0 });
    servers.push(receiver);
    const url = `${receiver.url}/SECRETPATH?token=TOKEN123`;
    const digest = morning(url);
    const key = targetKey(digest.targets[0]!);
    const payload = { digest: "morning", slot: SLOT.toISOString(), late: false, title: "Your morning briefing", cards: [{ type: "notice", text: "Nothing new." }] };
    // A database as newsbot left it before the URL was kept out: schema version 5, the URL in `target`
    // and quoted by an error.
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql);
    old.pragma("user_version = 5");
    const insert = old.prepare(
      `INSERT INTO deliveries (digest, slot, target_key, target, idempotency_key, late, status, payload, attempts, created_at, last_error)
       VALUES ('morning', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    );
    const target = JSON.stringify({ platform: "webhook", format: "json", url });
    insert.run(SLOT.getTime() - 86_400_000, key, target, "k-failed", "failed", JSON.stringify(payload), 5, SLOT.getTime(), `webhook unreachable: could not reach ${url}`);
    insert.run(SLOT.getTime(), key, target, "k-pending", "pending", JSON.stringify(payload), 1, SLOT.getTime(), "webhook answered HTTP 500: oops");
    old.close();

    store = await openTestStorage(file);
    const rows = outboxRows();
    expectNoSecret(rows, url);
    const [failed] = await store.deliveries.forSlot("morning", new Date(SLOT.getTime() - 86_400_000));
    expect(failed).toMatchObject({ target: { platform: "webhook", format: "json" }, targetKey: key });
    expect(failed!.lastError).toMatch(/quoted the webhook's URL/);
    const [pending] = await store.deliveries.unfinished();
    expect(pending).toMatchObject({ target: { platform: "webhook", format: "json" }, lastError: "webhook answered HTTP 500: oops" });

    // The URL comes from the digest files, by key.
    const { delivery } = deliver(digest);
    delivery.queue.enqueue(pending!);
    await delivery.queue.idle();
    expect(receiver.received.map((r) => r.key)).toEqual(["k-pending"]);
    expect((await store.deliveries.unfinished()).length).toBe(0);
  });

  it("fails a delivery whose webhook no digest file has any more, saying so", async () => {
    store = await openTestStorage(file);
    const gone = morning("http://127.0.0.1:9/SECRETPATH?token=TOKEN123");
    const { delivery } = deliver(morning("http://127.0.0.1:9/another"));
    await delivery.scheduler.handleSlot(gone, SLOT, false);
    await delivery.queue.idle();
    const [failed] = await store.deliveries.forSlot("morning", SLOT);
    expect(failed).toMatchObject({ status: "failed", lastError: `${targetKey(gone.targets[0]!)} is no longer a target of any digest file` });
  });
});
