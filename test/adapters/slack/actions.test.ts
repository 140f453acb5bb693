// The core's actions as Slack buttons and back: every action survives the trip, and a button newsbot
// did not make is not taken for one.
import { describe, expect, it } from "vitest";
import { actionElement, decodeAction } from "../../../src/adapters/slack/actions.js";
import { actionButton } from "../../../src/core/chat/actions.js";
import { EVERY_ACTION } from "../../fakes/chat-actions.js";


describe("Slack action ids", () => {
  it.each(EVERY_ACTION)("carries $kind through action_id and value", (action) => {
    const element = actionElement(actionButton(action));
    expect(decodeAction(element.action_id, element.value ?? "")).toEqual(action);
  });

  it("labels Unsubscribe with its topic, and reads no button it did not make", () => {
    expect(actionElement(actionButton(EVERY_ACTION[3]!)).text.text).toBe("Unsubscribe from “climate policy”");
    expect(decodeAction("someone_else:12", "12")).toBeUndefined();
    expect(decodeAction("newsbot_share_reply", "not json")).toBeUndefined();
  });
});
