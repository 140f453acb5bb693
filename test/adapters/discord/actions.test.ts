// The core's actions as Discord custom_ids and back: every action survives the trip, an Unsubscribe
// names the channel of the briefing it came with, and a button whose id would pass Discord's 100
// characters is left out rather than cut.
import { describe, expect, it } from "vitest";
import { buttonRow, ButtonId, encodeAction } from "../../../src/adapters/discord/actions.js";
import { actionButton } from "../../../src/core/chat/actions.js";
import { EVERY_ACTION } from "../../fakes/chat-actions.js";

const CHANNEL = "920000000000000001";

describe("Discord custom ids", () => {
  it.each(EVERY_ACTION)("carries $kind through its custom_id", (action) => {
    const decoded = ButtonId.parse(encodeAction(action, CHANNEL));
    expect(decoded.action).toEqual(action);
    if (action.kind === "unsubscribe") expect(decoded.channel).toBe(CHANNEL);
  });

  it("leaves out a button whose id would pass 100 characters, and reads no button it did not make", () => {
    const long = actionButton({ kind: "unsubscribe", storyId: "12", topic: "x".repeat(90) });
    const row = buttonRow(undefined, [actionButton(EVERY_ACTION[2]!), long], CHANNEL);
    expect(row?.components.map((b) => b.custom_id)).toEqual(["more:12"]);
    expect(ButtonId.safeParse("vote:12").success).toBe(false);
    expect(ButtonId.safeParse("answer:story:{nope").success).toBe(false);
  });
});
