// HTTP mode's guard against replayed requests, in front of Bolt's receiver. Bolt checks the
// signature and refuses timestamps more than five minutes old, but takes any timestamp in the future
// and the same signed request as often as it is sent. Here, before Bolt sees a request, timestamps
// more than five minutes from now either way are refused (401), and each signed request runs once.
//
// A signature covers the timestamp and the body, so the same signature again is the same request
// again. The signatures seen are kept in the database, so that behind a load balancer a request
// replayed to another replica is known there too. Slack's own retries of an Events API delivery
// (X-Slack-Retry-Num) are new requests signed with the time they are sent: they pass, and Bolt
// handles them as it intends (context.retryNum).
// A request seen already is answered 200 and not run: from an attacker it is the replay; if Slack
// ever sent the same bytes twice, it already ran, and a 200 stops further retries.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { defaultBodyLimit, HTTPModuleFunctions, isRawBodyError, type HTTPReceiver } from "@slack/bolt";
import type { SeenRequests } from "../../core/storage/index.js";
import type { Log } from "../../log.js";

/** How far a request's timestamp may be from now, either way (Slack's own rule). */
export const MAX_SKEW_SECONDS = 5 * 60;
export interface ReplayGuardOptions {
  signingSecret: string;
  /** Where Slack posts requests (the receiver's endpoint). */
  path: string;
  /** The signatures of requests let through, shared by every replica on the database. */
  seen: SeenRequests;
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
function replayScreen({ signingSecret, seen, log }: ReplayGuardOptions) {
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
    // Only verified requests are recorded: Slack's own traffic, each kept until its timestamp is refused anyway.
    if (!(await seen.firstSight(hash, new Date(timestamp * 1000), new Date((nowSeconds - MAX_SKEW_SECONDS) * 1000)))) {
      log.warn("Slack: a signed request arrived again; it ran the first time, so it was not run again");
      HTTPModuleFunctions.buildNoBodyResponse(res, 200);
      return false;
    }
    return true;
  };
}
