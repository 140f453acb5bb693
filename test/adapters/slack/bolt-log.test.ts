// What Bolt and the Slack SDK log reaches newsbot's log at warn and above, with tokens blanked.
import { describe, expect, it } from "vitest";
import { boltLogger, redactTokens } from "../../../src/adapters/slack/bolt-log.js";
import { memoryLog } from "../../fakes/slack-app.js";

describe("the Bolt logger", () => {
  it("blanks bot, user, app-level and configuration tokens", () => {
    expect(redactTokens("Bearer xoxb-123-456-abcDEF and xapp-1-A111-222-fff, xoxp-9-9 xoxe.xoxp-1-x")).toBe(
      "Bearer [redacted] and [redacted], [redacted] xoxe.[redacted]",
    );
  });

  it("forwards warnings and errors only, without tokens", () => {
    const { log, lines } = memoryLog();
    const logger = boltLogger(log);
    logger.debug("http request body: token=xoxb-1-2-3");
    logger.info("connected");
    logger.warn("retrying with", { token: "xoxb-1-2-3" });
    logger.error(new Error("An API error occurred: invalid_auth for xapp-1-A-2"));
    const written = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(written.map((w) => w.level)).toEqual([40, 50]);
    expect(written.map((w) => w.msg)).toEqual(['retrying with {"token":"[redacted]"}', "An API error occurred: invalid_auth for [redacted]"]);
    expect(lines.join("")).not.toMatch(/x(ox[a-z]|app)-\d/);
  });
});
