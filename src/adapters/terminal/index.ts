// The terminal as a platform: `{ "platform": "terminal" }` prints a briefing where newsbot runs. Its
// one channel is the terminal itself (where /news typed there applies).
import { z } from "zod";
import { unreachable } from "../../core/delivery/courier.js";
import { declarePlatform } from "../platform.js";
import { terminalCourier } from "./courier.js";

const CHANNEL = { platform: "terminal", channel: "terminal" };

export const terminal = declarePlatform({
  name: "terminal",
  settings: z.object({}),
  target: {
    platform: "terminal",
    schema: z.strictObject({ platform: z.literal("terminal") }),
    key: () => "terminal",
    channel: () => CHANNEL,
    forChannel: () => ({ platform: "terminal" }),
  },
  courier: (_delivery, { print }) => (print ? terminalCourier(print) : unreachable("no terminal is attached to this newsbot")),
});
