// Routes each interaction Discord sends to its handler (slash command, autocomplete, button); the
// chat keeps track of the answers in flight, so stopping lets them finish.
import { Events, type Client, type Interaction } from "discord.js";
import { answerAutocomplete } from "./autocomplete.js";
import { answerClick } from "./clicks.js";
import type { DiscordContext } from "./context.js";
import { answerCommand } from "./slash-commands.js";

async function route(interaction: Interaction, context: DiscordContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    return answerAutocomplete(interaction, context.suggestions, (error) =>
      context.log.warn({ error: error instanceof Error ? error.message : String(error) }, "discord: autocomplete answered with no choices"),
    );
  }
  if (interaction.isChatInputCommand()) return answerCommand(interaction, context);
  if (interaction.isButton()) return answerClick(interaction, context);
}

export interface Listening {
  /** Stops taking interactions and resolves when the answers in flight are sent. */
  close(): Promise<void>;
}

export function listen(client: Client, context: DiscordContext): Listening {
  const onInteraction = (interaction: Interaction) => {
    void context.chat.inFlight.run(() =>
      route(interaction, context).catch((error: unknown) =>
        context.log.error({ error: error instanceof Error ? error.message : String(error), interaction: interaction.id }, "discord: could not answer an interaction"),
      ),
    );
  };
  client.on(Events.InteractionCreate, onInteraction);
  return {
    async close() {
      client.off(Events.InteractionCreate, onInteraction);
      await context.chat.inFlight.settled();
    },
  };
}
