// A webhook receiver for delivery tests: records every JSON digest POSTed to it (slot, late,
// Idempotency-Key, arrival time) and answers 200, after a delay the test chooses per request, or
// once the test lets it (a slow receiver keeps a send in flight, so a kill or a stop can land in the
// middle of it). Loopback only.
import { startServer } from "./local-server.js";

export interface ReceivedDigest {
  /** Order of arrival, from 0. */
  seq: number;
  /** Date.now() when the whole body had arrived. */
  arrivedAt: number;
  key: string;
  digest: string;
  /** ISO 8601, as sent. */
  slot: string;
  late: boolean;
  /** The raw body: a resend must say the same thing. */
  body: string;
  /** The test's label for who was running when it arrived (e.g. the run number). */
  tag: number;
  /** Delay chosen before answering 200. */
  delayMs: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDigest[];
  /** Requests whose body never arrived whole (the sender died mid-request). */
  partial: number;
  /** Requests that were not a JSON digest (answered 400). */
  malformed: string[];
  /** Digests received and not answered yet: their sender is waiting, a send is in flight. */
  unanswered: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: {
  delayMs: () => number;
  tag: () => number;
  /** When given, no request is answered before it resolves. */
  hold?: Promise<void>;
}): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], partial: 0, malformed: [], unanswered: 0, close: async () => {} };
  const server = await startServer((request, response) => {
    const chunks: Buffer[] = [];
    let complete = false;
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("close", () => {
      if (!complete) receiver.partial++;
    });
    request.on("end", () => {
      complete = true;
      const arrivedAt = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      const key = request.headers["idempotency-key"];
      let parsed: { digest?: unknown; slot?: unknown; late?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        parsed = {};
      }
      if (request.method !== "POST" || typeof key !== "string" || typeof parsed.slot !== "string" || typeof parsed.late !== "boolean") {
        receiver.malformed.push(`${request.method} ${request.url} key=${String(key)} ${body.slice(0, 200)}`);
        response.writeHead(400).end("not a digest");
        return;
      }
      const delayMs = options.delayMs();
      receiver.received.push({
        seq: receiver.received.length,
        arrivedAt,
        key,
        digest: String(parsed.digest),
        slot: parsed.slot,
        late: parsed.late,
        body,
        tag: options.tag(),
        delayMs,
      });
      receiver.unanswered++;
      // The sender may be killed while waiting; writing to its closed socket is harmless.
      setTimeout(() => {
        void (options.hold ?? Promise.resolve()).then(() => {
          receiver.unanswered--;
          response.writeHead(200, { "content-type": "text/plain" }).end("ok");
        });
      }, delayMs);
    });
  });
  receiver.url = `${server.url}/hook`;
  receiver.close = () => server.close();
  return receiver;
}
