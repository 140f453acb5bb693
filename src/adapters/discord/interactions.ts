// Routes each interaction Discord sends to its handler (slash command, autocomplete, button) and
// keeps track of the answers in flight, so stopping lets them finish.
import { Events, type Client, type Interaction } from "discord.js";
import { answerAutocomplete } from "./autocomplete.js";
import { answerClick } from "./clicks.js";
import type { DiscordDesk } from "./desk.js";
import { answerCommand } from "./slash-commands.js";

async function route(interaction: Interaction, desk: DiscordDesk): Promise<void> {
  if (interaction.isAutocomplete()) {
    return answerAutocomplete(interaction, {
      topics: desk.topics,
      channelTopics: async (channel) => (await desk.newsroom.store.channels.get({ platform: "discord", channel }))?.topics ?? [],
      failed: (error) => desk.log.warn({ error: error instanceof Error ? error.message : String(error) }, "discord: autocomplete answered with no choices"),
    });
  }
  if (interaction.isChatInputCommand()) return answerCommand(interaction, desk);
  if (interaction.isButton()) return answerClick(interaction, desk);
}

export interface Listening {
  /** Stops taking interactions and resolves when the answers in flight are sent. */
  close(): Promise<void>;
}

export function listen(client: Client, desk: DiscordDesk): Listening {
  const inFlight = new Set<Promise<void>>();
  const onInteraction = (interaction: Interaction) => {
    const answering: Promise<void> = route(interaction, desk)
      .catch((error: unknown) => desk.log.error({ error: error instanceof Error ? error.message : String(error), interaction: interaction.id }, "discord: could not answer an interaction"))
      .finally(() => inFlight.delete(answering));
    inFlight.add(answering);
  };
  client.on(Events.InteractionCreate, onInteraction);
  return {
    async close() {
      client.off(Events.InteractionCreate, onInteraction);
      await Promise.all([...inFlight]);
    },
  };
}
