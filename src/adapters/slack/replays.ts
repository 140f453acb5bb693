// HTTP mode's guard against replayed requests, in front of Bolt's receiver. Bolt checks the
// signature and refuses timestamps more than five minutes old, but takes any timestamp in the future
// and the same signed request as often as it is sent. Here, before Bolt sees a request, timestamps
// more than five minutes from now either way are refused (401), and each signed request runs once.
//
// A signature covers the timestamp and the body, so the same signature again is the same request
// again. Slack's own retries of an Events API delivery (X-Slack-Retry-Num) are new requests signed
// with the time they are sent: they pass, and Bolt handles them as it intends (context.retryNum).
// A request seen already is answered 200 and not run: from an attacker it is the replay; if Slack
// ever sent the same bytes twice, it already ran, and a 200 stops further retries.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { defaultBodyLimit, HTTPModuleFunctions, isRawBodyError, type HTTPReceiver } from "@slack/bolt";
import type { Log } from "../../log.js";

/** How far a request's timestamp may be from now, either way (Slack's own rule). */
export const MAX_SKEW_SECONDS = 5 * 60;
/** Only verified requests are remembered, so this is Slack's own traffic over ten minutes; beyond it,
 * the oldest are forgotten first. About 100 bytes each. */
const MAX_REMEMBERED = 20_000;

/** The signatures of requests let through, for as long as their timestamps are within the window. */
export class SeenSignatures {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = MAX_REMEMBERED) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time a signature is shown; false when it was shown within the window. */
  firstSight(signature: string, timestamp: number, nowSeconds: number): boolean {
    this.forgetBefore(nowSeconds - MAX_SKEW_SECONDS);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, timestamp);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  /** Entries are kept in arrival order, which is timestamp order give or take the window, so the
   * sweep stops at the first one still needed; a straggler goes on a later sweep. */
  private forgetBefore(oldest: number): void {
    for (const [signature, timestamp] of this.seen) {
      if (timestamp >= oldest) return;
      this.seen.delete(signature); // too old: the timestamp check refuses it now
    }
  }
}

export interface ReplayGuardOptions {
  signingSecret: string;
  /** Where Slack posts requests (the receiver's endpoint). */
  path: string;
  log: Log;
}

/** Puts the guard in front of the receiver's request handling; other paths go to Bolt untouched. */
export function refuseReplays(receiver: HTTPReceiver, options: ReplayGuardOptions): void {
  const bolt: RequestListener = receiver.requestListener;
  const screen = replayScreen(options);
  receiver.requestListener = (req, res) => {
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://localhost").pathname !== options.path) return bolt(req, res);
    screen(req, res)
      .then((pass) => {
        if (pass) bolt(req, res);
      })
      .catch((error: unknown) => {
        options.log.error({ error: error instanceof Error ? error.message : String(error) }, "Slack: a request could not be handled");
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      });
  };
}

/** Answers a request itself and returns false, or returns true for Bolt to handle it. */
function replayScreen({ signingSecret, log }: ReplayGuardOptions) {
  const seen = new SeenSignatures();
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    let request;
    try {
      // Bolt's own check (signature, staleness); it buffers the body, and Bolt reuses the buffer.
      request = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret, bodyLimit: defaultBodyLimit }, req);
    } catch (error) {
      // A forged or stale request: Bolt refuses it (401) and logs it as it always has.
      if (HTTPModuleFunctions.isBufferedIncomingMessage(req)) return true;
      // The body could not be read at all, so Bolt could not read it either: its answer, given here.
      HTTPModuleFunctions.buildNoBodyResponse(res, isRawBodyError(error) && error.statusCode === 413 ? 413 : 401);
      return false;
    }
    // Slack's unsigned HTTPS check, which Bolt has cut down to exactly this and answers with nothing run.
    if (request.rawBody.toString() === "ssl_check=1") return true;

    const timestamp = Number(HTTPModuleFunctions.getHeader(req, "x-slack-request-timestamp"));
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (Math.abs(timestamp - nowSeconds) > MAX_SKEW_SECONDS) {
      log.warn({ skewSeconds: timestamp - nowSeconds }, "Slack: refused a request whose timestamp is more than 5 minutes from now (check the server's clock)");
      HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      return false;
    }
    // The hash alone: Bolt ignores anything after a second "=", so the whole header is not one spelling.
    const hash = HTTPModuleFunctions.getHeader(req, "x-slack-signature").split("=")[1]!;
    if (!seen.firstSight(hash, timestamp, nowSeconds)) {
      log.warn("Slack: a signed request arrived again; it ran the first time, so it was not run again");
      HTTPModuleFunctions.buildNoBodyResponse(res, 200);
      return false;
    }
    return true;
  };
}
