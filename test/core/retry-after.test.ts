// Retry-After read once for every caller (webhook deliveries, feed fetches).
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/core/retry-after.js";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-05-01T08:00:00Z");
  it("reads seconds", () => {
    expect(retryAfterMs("1", now)).toBe(1_000);
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("2.5", now)).toBe(2_500);
    expect(retryAfterMs(" 120 ", now)).toBe(120_000);
    expect(retryAfterMs("86400", now)).toBe(86_400_000);
  });

  it("reads an HTTP date, relative to now; one already past asks for no wait", () => {
    expect(retryAfterMs("Fri, 01 May 2026 08:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Fri, 01 May 2026 09:00:00 GMT", now)).toBe(3_600_000);
    expect(retryAfterMs("Fri, 01 May 2026 07:59:00 GMT", now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("", now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
  });
});
