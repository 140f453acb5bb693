// The commands of commands/, as the core's chat runs them (the core knows no command by name).
import { COMMANDS, findCommand, isShareable, runCommand } from "../../commands/index.js";
import { refusal } from "../core/card.js";
import { Chat } from "../core/chat/chat.js";
import type { Newsroom } from "../core/newsroom.js";

/** The chat every platform's adapter answers through. */
export function openChat(newsroom: Newsroom): Chat {
  return new Chat(newsroom, {
    async run(name, options, asker) {
      const command = findCommand(name);
      if (!command) return refusal(`Unknown command "/${name}"`, "These are the commands I know:", COMMANDS.map((c) => c.usage));
      return runCommand(command, options, newsroom, asker);
    },
    shareable: isShareable,
  });
}
