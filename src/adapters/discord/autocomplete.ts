// Discord's autocomplete: the core suggests (core/chat/suggestions.ts) for the field its command's
// definition names; this caps the wait and renders the choices. Discord waits 3 seconds for them and
// an autocomplete cannot be deferred, so a late or failed answer is an empty one.
import type { AutocompleteInteraction } from "discord.js";
import { MAX_SUGGESTIONS, type Suggestions } from "../../core/chat/suggestions.js";
import { suggestionsFor } from "../../../commands/index.js";
import { truncate } from "../text-limits.js";
import { commandCall } from "./options.js";

/** Discord shows each choice in at most 100 characters. */
const MAX_CHOICE = 100;
/** Past this the answer is empty rather than late (Discord drops answers after 3 s). */
export const ANSWER_WITHIN_MS = 1_500;

/** The choices for the option being typed. */
async function choicesFor(interaction: AutocompleteInteraction, suggestions: Suggestions): Promise<string[]> {
  const { focused, action } = commandCall(interaction.options.data);
  const kind = focused && suggestionsFor(interaction.commandName, action, focused.name);
  if (!kind) return [];
  const channel = interaction.channelId ? { platform: "discord", channel: interaction.channelId } : undefined;
  return suggestions.matching(kind, focused.value, channel);
}

/** Answers an autocomplete in time, whatever happens: [] when the work fails or runs late. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, suggestions: Suggestions, failed?: (error: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), ANSWER_WITHIN_MS)));
  const work = choicesFor(interaction, suggestions).catch((error: unknown) => {
    failed?.(error);
    return [];
  });
  const names = await Promise.race([work, late]);
  clearTimeout(timer);
  const choices = names.map((name) => truncate(name, MAX_CHOICE)).map((name) => ({ name, value: name }));
  await interaction.respond(choices.slice(0, MAX_SUGGESTIONS));
}
