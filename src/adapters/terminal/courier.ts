// Terminal targets: a briefing due while newsbot runs in a terminal is printed there.
import type { Courier } from "../../core/delivery/courier.js";
import type { Delivery } from "../../core/delivery/outbox.js";
import type { Reply } from "../../core/card.js";

export function terminalCourier(print: (reply: Reply) => void): Courier {
  return {
    spacingMs: 0,
    messages: (delivery: Delivery) => [{ title: delivery.payload!.title, cards: delivery.payload!.cards }],
    send: async (_delivery, message) => {
      print(message as Reply);
      return { ok: true };
    },
  };
}
