// Suggestions while a user types an option, of the kind its command's definition names: topics for
// /story and /news subscribe (the people, places and organisations stored articles mention, then
// every country), the channel's own topics for /news unsubscribe, IANA zones for /news schedule.
// Discord waits 3 seconds for them and an autocomplete cannot be deferred, so the topic list is
// cached and the work is capped.
import type { AutocompleteInteraction } from "discord.js";
import { foldKey, placeTopics } from "../../core/nlp/places.js";
import type { ArticleStore } from "../../core/storage/index.js";
import { suggestionsFor } from "../../../commands/index.js";
import { truncate } from "../text-limits.js";
import { commandCall } from "./options.js";

/** Discord shows at most 25 choices, each at most 100 characters. */
export const MAX_CHOICES = 25;
const MAX_CHOICE = 100;
/** Stored topics read for suggestions, most covered first. */
const KNOWN_TOPICS = 2000;
/** Topics change as articles arrive; a minute-old list is fresh enough to type against. */
const CACHE_MS = 60_000;
/** Past this the answer is empty rather than late (Discord drops answers after 3 s). */
export const ANSWER_WITHIN_MS = 1_500;

/**
 * The names that match what was typed, best first: names starting with it, then names with a word
 * starting with it, then names containing it; case and accents ignored. Nothing typed: the first.
 */
export function matchNames(names: readonly string[], typed: string, limit = MAX_CHOICES): string[] {
  const wanted = foldKey(typed.trim());
  if (!wanted) return names.slice(0, limit);
  const ranked: string[][] = [[], [], []];
  for (const name of names) {
    const key = foldKey(name);
    const rank = key.startsWith(wanted) ? 0 : key.includes(` ${wanted}`) || key.includes(`-${wanted}`) ? 1 : key.includes(wanted) ? 2 : -1;
    if (rank >= 0) ranked[rank]!.push(name);
  }
  return ranked.flat().slice(0, limit);
}

/** The topics to suggest: stored ones by coverage, then the countries no article mentions yet. */
export class TopicSuggestions {
  private cached?: { at: number; names: Promise<string[]> };

  constructor(
    private readonly store: Pick<ArticleStore, "knownTopics">,
    private readonly now: () => number = Date.now,
  ) {}

  names(): Promise<string[]> {
    if (!this.cached || this.now() - this.cached.at > CACHE_MS) {
      const names = this.load();
      this.cached = { at: this.now(), names };
      // A failed read is not kept: the next keystroke tries again.
      names.catch(() => (this.cached = undefined));
    }
    return this.cached.names;
  }

  private async load(): Promise<string[]> {
    const known = (await this.store.knownTopics(KNOWN_TOPICS)).map((t) => t.name);
    const seen = new Set<string>();
    return [...known, ...placeTopics().map((t) => t.canonical)].filter((name) => {
      const key = foldKey(name);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= Intl.supportedValuesOf("timeZone");
  return zones;
}

export interface SuggestionSources {
  topics: TopicSuggestions;
  /** The topics a channel follows. */
  channelTopics(channel: string): Promise<string[]>;
  /** Told of a failure that was answered with no choices. */
  failed?(error: unknown): void;
}

/** The choices for the option being typed. */
export async function suggestions(interaction: AutocompleteInteraction, sources: SuggestionSources): Promise<string[]> {
  const { focused, action } = commandCall(interaction.options.data);
  if (!focused) return [];
  switch (suggestionsFor(interaction.commandName, action, focused.name)) {
    case "timeZones":
      return matchNames(timeZones(), focused.value);
    case "channelTopics":
      return interaction.channelId ? matchNames(await sources.channelTopics(interaction.channelId), focused.value) : [];
    case "topics":
      return matchNames(await sources.topics.names(), focused.value);
    case undefined:
      return [];
  }
}

/** Answers an autocomplete in time, whatever happens: [] when the work fails or runs late. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, sources: SuggestionSources): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), ANSWER_WITHIN_MS)));
  const work = suggestions(interaction, sources).catch((error: unknown) => {
    sources.failed?.(error);
    return [];
  });
  const names = await Promise.race([work, late]);
  clearTimeout(timer);
  const choices = names.map((name) => truncate(name, MAX_CHOICE)).map((name) => ({ name, value: name }));
  await interaction.respond(choices.slice(0, MAX_CHOICES));
}
