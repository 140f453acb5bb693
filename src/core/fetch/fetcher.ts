// Polite HTTP GETs for feed polling and article pages: conditional requests, one timeout for the whole
// request (connect, headers, body), a cap on the decoded body, counted redirects, one request at a
// time per host (host-queue.ts), refusal of non-public addresses unless allowed (address-guard.ts),
// and failures as one-sentence reasons (failures.ts), never a thrown error.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Agent, RequestInit, Response } from "undici";
import { z } from "zod";
import { bareHost, pinnedLookup, privateAddressRefusal, type ResolvedAddress } from "./address-guard.js";
import { compact, failed, failureClass, httpFailure, redact, stripCredentials, timedOut, TimeoutError, tooBig } from "./failures.js";
import { HostQueue } from "./host-queue.js";
import { DEFAULT_USER_AGENT } from "./user-agent.js";
import { discard, maxAgeOf, readCappedBody, untilAborted } from "./response.js";

export type { ResolvedAddress } from "./address-guard.js";
export { DEFAULT_USER_AGENT, NEWSBOT_VERSION } from "./user-agent.js";

/** What a feed poller asks for: the feed formats first, any XML next, anything last. */
export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
/** Every coding undici's fetch decompresses itself; the size cap counts decompressed bytes. */
const ACCEPT_ENCODING = "gzip, deflate, br";

export const FetchPolicy = z.object({
  /** The whole request: DNS check, connect, headers and body, across all redirects. Time spent
   * queued behind another request to the same host does not count. */
  timeoutMs: z.number().int().positive().default(15_000),
  /** Cap on the decoded (decompressed) body. */
  maxBytes: z.number().int().positive().default(5 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).default(5),
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  /** When false (the default), hosts that are or resolve to loopback, private, link-local,
   * carrier-grade NAT, unspecified, multicast or reserved addresses are refused, at every redirect
   * hop: the bot fetches URLs that chat users give it. */
  allowPrivateAddresses: z.boolean().default(false),
});
export type FetchPolicy = z.infer<typeof FetchPolicy>;
export type FetchPolicyInput = z.input<typeof FetchPolicy>;

export type FetchResult =
  | {
      status: "fetched";
      /** Final URL after redirects (without any user:password part). */
      url: string;
      httpStatus: number;
      bytes: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      maxAgeSeconds?: number;
      /** Where the request ended up through permanent redirects (301/308) only, from the start. */
      movedPermanentlyTo?: string;
    }
  | { status: "not-modified"; url: string; maxAgeSeconds?: number; movedPermanentlyTo?: string }
  | {
      status: "failed";
      url: string;
      /** One sentence for users; never contains credentials. */
      reason: string;
      httpStatus?: number;
      retryAfterSeconds?: number;
      /** True when retrying the same URL will not help (a 4xx other than 408/429, a bad URL). */
      permanent: boolean;
    };
export type FailedFetch = Extract<FetchResult, { status: "failed" }>;

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface GetOptions {
  validators?: Validators;
  /** The Accept header; defaults to FEED_ACCEPT. */
  accept?: string;
  /** Headers and a User-Agent the feed needs (its sources file entry's): secrets, sent to the URL's
   * own origin only, so a redirect elsewhere does not carry a cookie or an API key away. */
  request?: { headers?: Record<string, string>; userAgent?: string };
}

/** undici's fetch, always given a dispatcher that connects only to the addresses already checked. */
export type FetchFunction = (url: string, init: RequestInit & { dispatcher: Agent }) => Promise<Response>;

export interface FetcherOptions {
  /** The fetch to use; undici's by default. */
  fetch?: FetchFunction;
  /** Name resolution, done once per request and checked before connecting; dns.lookup (all
   * addresses) by default. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

export class Fetcher {
  readonly policy: FetchPolicy;
  private readonly fetchImpl?: FetchFunction;
  private readonly lookup: (hostname: string) => Promise<ResolvedAddress[]>;
  private readonly hosts = new HostQueue();

  constructor(policy: Partial<FetchPolicyInput> = {}, options: FetcherOptions = {}) {
    this.policy = FetchPolicy.parse(policy);
    this.fetchImpl = options.fetch;
    this.lookup = options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
  }

  /** GETs a URL, following redirects. Never throws: every problem is a `failed` result. */
  async get(url: string, options: GetOptions = {}): Promise<FetchResult> {
    try {
      return await this.follow(url, options);
    } catch {
      // Never the error's own text: it could describe an internal host.
      return failed(redact(url), `Could not fetch ${redact(url)}: newsbot hit an unexpected error.`, false);
    }
  }

  private async follow(url: string, options: GetOptions): Promise<FetchResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return failed(redact(url), `${redact(url)} is not a valid URL.`, true);
    }
    if (!isWebProtocol(current)) {
      return failed(redact(url), `${redact(url)} is not an http(s) URL, so newsbot cannot fetch it.`, true);
    }

    const original = current;
    const origin = current.origin;
    const authorization = basicAuthorization(current);
    const clock = { spentMs: 0 };
    let movedPermanentlyTo: string | undefined;
    let permanentSoFar = true;

    for (let redirects = 0; ; redirects++) {
      const own = current.origin === origin ? options.request : undefined;
      const headers: Record<string, string> = {
        accept: options.accept ?? FEED_ACCEPT,
        ...Object.fromEntries(Object.entries(own?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
        "user-agent": own?.userAgent ?? this.policy.userAgent,
        "accept-encoding": ACCEPT_ENCODING,
      };
      if (options.validators?.etag) headers["if-none-match"] = options.validators.etag;
      if (options.validators?.lastModified) headers["if-modified-since"] = options.validators.lastModified;
      // Credentials from the URL go only to the origin they were written for.
      if (authorization && current.origin === origin) headers.authorization = authorization;

      const hop = await this.exchange(current, headers, clock);
      if (hop.kind === "done") {
        const result = hop.result;
        if (movedPermanentlyTo && result.status !== "failed") return { ...result, movedPermanentlyTo };
        return result;
      }

      // A redirect.
      const from = current;
      let target: URL;
      try {
        target = new URL(hop.location, from);
      } catch {
        return failed(redact(from), `${redact(from)} redirected to an invalid address.`, false, hop.httpStatus);
      }
      if (!isWebProtocol(target)) {
        return failed(redact(from), `${redact(from)} redirected to a ${target.protocol} address, which newsbot does not follow.`, true, hop.httpStatus);
      }
      if (redirects >= this.policy.maxRedirects) {
        return failed(redact(from), `${redact(url)} redirected more than ${this.policy.maxRedirects} times (a redirect loop?).`, false, hop.httpStatus);
      }
      // Keep the caller's credentials on a permanent move within the same origin, so a poller that
      // stores the new address keeps working; the `url` fields never carry them.
      if (permanentSoFar && PERMANENT_REDIRECTS.has(hop.httpStatus)) {
        const moved = stripCredentials(target);
        if (authorization && target.origin === origin) {
          moved.username = original.username;
          moved.password = original.password;
        }
        movedPermanentlyTo = moved.href;
      } else {
        permanentSoFar = false;
      }
      target.hash = "";
      current = target;
    }
  }

  /** One HTTP exchange, holding the host's slot from the address check to the end of the body. The
   * host is resolved once, here; the connection goes to the addresses checked, so a DNS answer that
   * changes in between (rebinding) cannot reach anything else. */
  private async exchange(
    url: URL,
    headers: Record<string, string>,
    clock: { spentMs: number },
  ): Promise<{ kind: "done"; result: FetchResult } | { kind: "redirect"; location: string; httpStatus: number }> {
    const display = redact(url);
    const release = await this.hosts.acquire(url);
    const started = Date.now();
    const remaining = this.policy.timeoutMs - clock.spentMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError()), Math.max(0, remaining));
    let response: Response | undefined;
    let dispatcher: Agent | undefined;
    try {
      if (remaining <= 0) throw new TimeoutError();
      const addresses = await untilAborted(this.resolve(url), controller.signal);
      if (!this.policy.allowPrivateAddresses) {
        const refusal = privateAddressRefusal(url, addresses);
        if (refusal) return { kind: "done", result: failed(display, refusal, true) };
      }

      const request = stripCredentials(url);
      request.hash = "";
      // undici loads on the first request: a command that fetches nothing does not wait for it.
      const undici = await import("undici");
      dispatcher = new undici.Agent({ connect: { lookup: pinnedLookup(addresses) } });
      const fetchImpl = this.fetchImpl ?? undici.fetch;
      response = await untilAborted(
        fetchImpl(request.href, { method: "GET", headers, redirect: "manual", signal: controller.signal, dispatcher }),
        controller.signal,
      );
      const status = response.status;
      const maxAgeSeconds = maxAgeOf(response.headers);

      if (REDIRECTS.has(status) && response.headers.has("location")) {
        discard(response);
        return { kind: "redirect", location: response.headers.get("location") ?? "", httpStatus: status };
      }
      if (status === 304) {
        discard(response);
        if (!("if-none-match" in headers) && !("if-modified-since" in headers)) {
          return { kind: "done", result: failed(display, `${display} answered 304 Not Modified to a request that was not conditional.`, false, status) };
        }
        return { kind: "done", result: compact({ status: "not-modified", url: display, maxAgeSeconds }) };
      }
      if (status < 200 || status >= 300) {
        discard(response);
        return { kind: "done", result: httpFailure(display, status, response.headers) };
      }

      const body = await readCappedBody(response, this.policy.maxBytes, controller);
      if (!body.ok) return { kind: "done", result: failed(display, tooBig(display, this.policy.maxBytes), false, status) };
      return {
        kind: "done",
        result: compact({
          status: "fetched",
          url: display,
          httpStatus: status,
          bytes: body.bytes,
          contentType: response.headers.get("content-type") ?? undefined,
          etag: response.headers.get("etag") ?? undefined,
          lastModified: response.headers.get("last-modified") ?? undefined,
          maxAgeSeconds,
        }),
      };
    } catch (error) {
      if (response) discard(response);
      if (error instanceof TimeoutError || controller.signal.reason instanceof TimeoutError) {
        controller.abort();
        return { kind: "done", result: failed(display, timedOut(display, this.policy.timeoutMs), false) };
      }
      controller.abort();
      return { kind: "done", result: failed(display, `Could not fetch ${display}: ${failureClass(error)}.`, false) };
    } finally {
      dispatcher?.destroy().catch(() => undefined);
      clearTimeout(timer);
      clock.spentMs += Date.now() - started;
      release();
    }
  }

  /** The addresses to connect to: the host itself when it is an IP address, else one DNS answer. */
  private async resolve(url: URL): Promise<ResolvedAddress[]> {
    const host = bareHost(url);
    const family = isIP(host);
    if (family) return [{ address: host, family }];
    const addresses = await this.lookup(host);
    if (addresses.length === 0) throw Object.assign(new Error("no addresses"), { code: "ENOTFOUND" });
    return addresses;
  }
}

function isWebProtocol(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
