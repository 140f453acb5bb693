// Polite HTTP GETs for feed polling and article pages: conditional requests, one timeout for the whole
// request (connect, headers, body), a cap on the decoded body, counted redirects, one request at a
// time per host, optional refusal of private addresses, and failures as one-sentence reasons — never
// a thrown error.
import { lookup as dnsLookup } from "node:dns/promises";
import { STATUS_CODES } from "node:http";
import { BlockList, isIP } from "node:net";
import { z } from "zod";

/** Kept in step with package.json's version (read by hand: the core does not import JSON). */
export const NEWSBOT_VERSION = "0.1.0";
export const DEFAULT_USER_AGENT = `newsbot/${NEWSBOT_VERSION} (+https://github.com/newsbot/newsbot)`;
/** What a feed poller asks for: the feed formats first, any XML next, anything last. */
export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
/** Every coding Node's fetch (undici) decompresses itself; the size cap counts decompressed bytes. */
const ACCEPT_ENCODING = "gzip, deflate, br";

export const FetchPolicy = z.object({
  /** The whole request: DNS check, connect, headers and body, across all redirects. Time spent
   * queued behind another request to the same host does not count. */
  timeoutMs: z.number().int().positive().default(15_000),
  /** Cap on the decoded (decompressed) body. */
  maxBytes: z.number().int().positive().default(5 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).default(5),
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  /** When false, hosts resolving to loopback, private, link-local, unique-local (and similar
   * non-public) addresses are refused, at every redirect hop. */
  allowPrivateAddresses: z.boolean().default(true),
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
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface FetcherOptions {
  /** The fetch to use; Node's global fetch by default. */
  fetch?: typeof fetch;
  /** Name resolution for the private-address guard; dns.lookup (all addresses) by default. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

export class Fetcher {
  readonly policy: FetchPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly lookup: (hostname: string) => Promise<ResolvedAddress[]>;
  private readonly hosts = new HostQueue();

  constructor(policy: Partial<FetchPolicyInput> = {}, options: FetcherOptions = {}) {
    this.policy = FetchPolicy.parse(policy);
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.lookup = options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
  }

  /** GETs a URL, following redirects. Never throws: every problem is a `failed` result. */
  async get(url: string, options: GetOptions = {}): Promise<FetchResult> {
    try {
      return await this.follow(url, options);
    } catch (error) {
      return failed(redact(url), `Fetching ${redact(url)} failed unexpectedly: ${describeError(error)}.`, false);
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
      const headers: Record<string, string> = {
        "user-agent": this.policy.userAgent,
        accept: options.accept ?? FEED_ACCEPT,
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

  /** One HTTP exchange, holding the host's slot from the address check to the end of the body. */
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
    try {
      if (remaining <= 0) throw new TimeoutError();
      if (!this.policy.allowPrivateAddresses) {
        const refusal = await untilAborted(this.privateAddressRefusal(url), controller.signal);
        if (refusal) return { kind: "done", result: failed(display, refusal, true) };
      }

      const request = stripCredentials(url);
      request.hash = "";
      response = await untilAborted(
        this.fetchImpl(request.href, { method: "GET", headers, redirect: "manual", signal: controller.signal }),
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
        return { kind: "done", result: failed(display, `Fetching ${display} timed out after ${formatSeconds(this.policy.timeoutMs)}.`, false) };
      }
      controller.abort();
      return { kind: "done", result: failed(display, networkReason(display, url.hostname, error), false) };
    } finally {
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

  private async privateAddressRefusal(url: URL): Promise<string | undefined> {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const family = isIP(host);
    const addresses = family ? [{ address: host, family }] : await this.lookup(host);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (!bad) return undefined;
    const where = bad.address === host ? "" : ` (it resolves to ${bad.address})`;
    return `${url.host} is a private or local address${where}, which this newsbot is set not to fetch.`;
  }
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

// --- Private addresses ------------------------------------------------------------------------

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches localhost on Linux
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

/** Loopback, private, link-local, unique-local and other non-public addresses (IPv4-mapped and
 * NAT64 IPv6 forms are judged by the IPv4 address inside). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NOT_PUBLIC.check(address, "ipv4");
  if (family !== 6) return false;
  if (NOT_PUBLIC.check(address, "ipv6")) return true; // also covers ::ffff:a.b.c.d
  const nat64 = /^64:ff9b::(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (nat64) {
    const v4 = nat64[1] ?? hexPairToIpv4(nat64[2] ?? "0", nat64[3] ?? "0");
    return NOT_PUBLIC.check(v4, "ipv4");
  }
  return false;
}

function hexPairToIpv4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return [h >> 8, h & 0xff, l >> 8, l & 0xff].join(".");
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

/** Retry-After as seconds from now: either delta-seconds or an HTTP date. */
export function retryAfterOf(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 2 ** 31 - 1);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
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

function networkReason(display: string, hostname: string, error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Could not find the host ${hostname} (DNS lookup failed).`;
    case "ECONNREFUSED":
      return `${hostname} refused the connection.`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `${hostname} closed the connection while newsbot was fetching ${display}.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${hostname} cannot be reached from here.`;
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) return `${hostname} has a TLS certificate problem (${code}).`;
      return `Fetching ${display} failed: ${describeError(error)}.`;
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost message, with anything that looks like URL credentials removed. */
function describeError(error: unknown): string {
  let e: unknown = error;
  while (e && typeof e === "object" && "cause" in e && (e as { cause?: unknown }).cause) e = (e as { cause: unknown }).cause;
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\/\/[^/@\s]*@/g, "//").replace(/[.\s]+$/, "");
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
