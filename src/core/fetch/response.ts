// Reading a response: the body up to a size cap (stopping as soon as it passes it), its caching
// headers, and a body nobody wants let go. Every wait gives up when the request's signal aborts.
import type { Response } from "undici";
import { retryAfterMs } from "../retry-after.js";

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; tooBig: true };

/** Reads the (already decompressed) body as a stream, stopping as soon as it passes `cap` bytes. */
export async function readCappedBody(response: Response, cap: number, controller: AbortController): Promise<BodyRead> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) {
    discard(response);
    controller.abort();
    return { ok: false, tooBig: true };
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
      return { ok: false, tooBig: true };
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
export function discard(response: Response): void {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => undefined);
}

/** Rejects as soon as the signal aborts, whatever the wrapped promise does: no hangs. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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
