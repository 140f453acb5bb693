// How a failed fetch is worded: one sentence a chat user can read, naming the URL without its
// credentials and the problem as a class only, never the error's own text (which could describe an
// internal host: newsbot must not become a port scanner for chat users).
import { STATUS_CODES } from "node:http";
import type { FailedFetch } from "./fetcher.js";
import { retryAfterOf } from "./response.js";

export class TimeoutError extends Error {
  constructor() {
    super("timed out");
    this.name = "TimeoutError";
  }
}

export function failed(url: string, reason: string, permanent: boolean, httpStatus?: number): FailedFetch {
  return compact({ status: "failed", url, reason, permanent, httpStatus });
}

/** A non-2xx answer; a 4xx other than 408/429 is permanent, and 429/503 say when to retry. */
export function httpFailure(display: string, status: number, headers: Headers): FailedFetch {
  const name = STATUS_CODES[status];
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  const retryAfterSeconds = status === 429 || status === 503 ? retryAfterOf(headers.get("retry-after")) : undefined;
  const when = retryAfterSeconds !== undefined ? ` and asked to retry in ${retryAfterSeconds} s` : "";
  const reason = `${display} answered HTTP ${status}${name ? ` ${name}` : ""}${when}.`;
  return compact({ status: "failed", url: display, reason, httpStatus: status, retryAfterSeconds, permanent });
}

export function timedOut(display: string, timeoutMs: number): string {
  return `Could not fetch ${display}: timed out after ${Number((timeoutMs / 1000).toFixed(3))} s.`;
}

export function tooBig(display: string, cap: number): string {
  return `${display} is larger than newsbot's limit of ${formatBytes(cap)}.`;
}

/** What went wrong, as a class only: never the error's text. */
export function failureClass(error: unknown): string {
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

export function stripCredentials(url: URL): URL {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy;
}

/** A URL fit for reasons and result fields: no user:password, no fragment. */
export function redact(url: string | URL): string {
  try {
    const copy = stripCredentials(new URL(url));
    copy.hash = "";
    return copy.href;
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/g, "//");
  }
}

/** Drops keys whose value is undefined, so results compare and print cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= mb) return `${(bytes / mb).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
