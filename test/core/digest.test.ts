import { describe, expect, it } from "vitest";
import { windowSpan } from "../../src/core/digest.js";

describe("windowSpan", () => {
  it("says a window in minutes, hours, or days beyond two", () => {
    expect(windowSpan(90 * 60_000)).toBe("the last 90 minutes");
    expect(windowSpan(3_600_000)).toBe("the last hour");
    expect(windowSpan(24 * 3_600_000)).toBe("the last 24 hours");
    expect(windowSpan(48 * 3_600_000)).toBe("the last 48 hours");
    expect(windowSpan(30 * 24 * 3_600_000)).toBe("the last 30 days");
    expect(windowSpan(36 * 3_600_000 + 30 * 60_000)).toBe("the last 2190 minutes");
  });
});
