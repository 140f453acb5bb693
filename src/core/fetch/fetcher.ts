// Polite HTTP GETs for feed polling and article pages: conditional requests, one timeout for the whole
// request (connect, headers, body), a cap on the decoded body, counted redirects, one request at a
// time per host, refusal of non-public addresses (unless allowed), and failures as one-sentence
// reasons — never a thrown error.
import type { LookupAddress, LookupAllOptions, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { STATUS_CODES } from "node:http";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from "undici";
import { z } from "zod";
import { nonPublicKind } from "./addresses.js";
import { retryAfterMs } from "../retry-after.js";

/** Kept in step with package.json's version (read by hand: the core does not import JSON). */
export const NEWSBOT_VERSION = "0.1.0";
export const DEFAULT_USER_AGENT = `newsbot/${NEWSBOT_VERSION} (+https://github.com/newsbot/newsbot)`;
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

export interface ResolvedAddress {
  address: string;
  family: number;
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

/** The setting that lets an operator fetch from their own network; named in refusals. */
const ALLOW_PRIVATE_SETTING = "NEWSBOT_ALLOW_PRIVATE_ADDRESSES";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

export class Fetcher {
  readonly policy: FetchPolicy;
  private readonly fetchImpl: FetchFunction;
  private readonly lookup: (hostname: string) => Promise<ResolvedAddress[]>;
  private readonly hosts = new HostQueue();

  constructor(policy: Partial<FetchPolicyInput> = {}, options: FetcherOptions = {}) {
    this.policy = FetchPolicy.parse(policy);
    this.fetchImpl = options.fetch ?? undiciFetch;
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
    const release = await this.hosts.acquire(hostKey(url));
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
      dispatcher = new Agent({ connect: { lookup: pinnedLookup(addresses) } });
      response = await untilAborted(
        this.fetchImpl(request.href, { method: "GET", headers, redirect: "manual", signal: controller.signal, dispatcher }),
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

      const body = await this.readBody(response, display, controller);
      if (!body.ok) return { kind: "done", result: failed(display, body.reason, false, status) };
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
        return { kind: "done", result: failed(display, `Could not fetch ${display}: timed out after ${formatSeconds(this.policy.timeoutMs)}.`, false) };
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

  /** Reads the (already decompressed) body as a stream, stopping as soon as it passes the cap. */
  private async readBody(
    response: Response,
    display: string,
    controller: AbortController,
  ): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
    const cap = this.policy.maxBytes;
    const tooBig = `${display} is larger than newsbot's limit of ${formatBytes(cap)}.`;
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > cap) {
      discard(response);
      controller.abort();
      return { ok: false, reason: tooBig };
    }
    if (!response.body) return { ok: true, bytes: new Uint8Array(0) };

    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), controller.signal);
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => undefined);
        controller.abort();
        return { ok: false, reason: tooBig };
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { ok: true, bytes };
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

// --- Addresses --------------------------------------------------------------------------------

/** Why the host is refused, when it is or resolves to a non-public address (any of its addresses:
 * the connection may use any of them). */
function privateAddressRefusal(url: URL, addresses: ResolvedAddress[]): string | undefined {
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (!kind) continue;
    const a = /^[aeiou]/.test(kind) ? "an" : "a";
    const what =
      address === bareHost(url) ? `${url.hostname} is ${a} ${kind} address` : `${url.hostname} resolves to ${address}, ${a} ${kind} address`;
    return `newsbot does not fetch ${redact(url)}: ${what}. An operator can allow this with ${ALLOW_PRIVATE_SETTING}=true.`;
  }
  return undefined;
}

/** The URL's host without IPv6 brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for the connection that answers with the addresses already resolved and checked,
 * whatever name it is asked about: the socket never resolves the host a second time. (Node skips
 * the lookup for IP-address hosts, which were checked as they are.)
 */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_hostname: string, options: LookupOptions | LookupAllOptions, callback: LookupCallback): void => {
    const family = typeof options.family === "number" ? options.family : 0;
    const usable = addresses.filter((a) => family === 0 || a.family === family);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error(`no IPv${family} address was resolved`), { code: "ENOTFOUND" }), []);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

// --- Per-host queue ---------------------------------------------------------------------------

/** One request at a time per host:port; different hosts run in parallel. */
class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

function hostKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

// --- Responses --------------------------------------------------------------------------------

function httpFailure(display: string, status: number, headers: Headers): FailedFetch {
  const name = STATUS_CODES[status];
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  const retryAfterSeconds = status === 429 || status === 503 ? retryAfterOf(headers.get("retry-after")) : undefined;
  const when = retryAfterSeconds !== undefined ? ` and asked to retry in ${retryAfterSeconds} s` : "";
  const reason = `${display} answered HTTP ${status}${name ? ` ${name}` : ""}${when}.`;
  return compact({ status: "failed", url: display, reason, httpStatus: status, retryAfterSeconds, permanent });
}

/** Cache-Control max-age in seconds; no-store / no-cache mean 0; s-maxage is for shared caches. */
export function maxAgeOf(headers: Headers): number | undefined {
  const value = headers.get("cache-control");
  if (!value) return undefined;
  const directives = value.toLowerCase().split(",").map((d) => d.trim());
  if (directives.some((d) => d === "no-store" || d === "no-cache")) return 0;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match) return Math.min(Number(match[1]), 2 ** 31 - 1);
  }
  return undefined;
}

/** Retry-After as whole seconds from now (see core/retry-after.ts). */
export function retryAfterOf(value: string | null, now = Date.now()): number | undefined {
  const ms = retryAfterMs(value, now);
  return ms === undefined ? undefined : Math.min(Math.ceil(ms / 1000), 2 ** 31 - 1);
}

/** Lets the connection go without reading a body nobody wants. */
function discard(response: Response): void {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => undefined);
}

// --- Errors -----------------------------------------------------------------------------------

class TimeoutError extends Error {
  constructor() {
    super("timed out");
    this.name = "TimeoutError";
  }
}

/** Rejects as soon as the signal aborts, whatever the wrapped promise does: no hangs. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** What went wrong, as a class only: never the error's text, which could describe an internal host
 * (newsbot must not become a port scanner for chat users). */
function failureClass(error: unknown): string {
  const code = errorCode(error) ?? "";
  if (/^(ENOTFOUND|EAI_)/.test(code)) return "DNS lookup failed";
  if (code === "ECONNREFUSED") return "connection refused";
  if (/^(ETIMEDOUT|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT)$/.test(code)) return "timed out";
  if (/CERT|SSL|TLS|UNABLE_TO_/.test(code)) return "TLS problem";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "host unreachable";
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code)) return "connection closed";
  return "connection failed";
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

// --- Small helpers ----------------------------------------------------------------------------

function failed(url: string, reason: string, permanent: boolean, httpStatus?: number): FailedFetch {
  return compact({ status: "failed", url, reason, permanent, httpStatus });
}

function isWebProtocol(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

function stripCredentials(url: URL): URL {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy;
}

/** A URL fit for reasons and result fields: no user:password, no fragment. */
function redact(url: string | URL): string {
  try {
    const copy = stripCredentials(new URL(url));
    copy.hash = "";
    return copy.href;
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/g, "//");
  }
}

function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** Drops keys whose value is undefined, so results compare and print cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= mb) return `${(bytes / mb).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
