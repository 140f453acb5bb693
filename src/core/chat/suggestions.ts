// Suggestions while a user types a command's option (Discord's autocomplete): topics for /story and
// /news subscribe (the people, places and organisations stored articles mention, then every
// country), the channel's own topics for /news unsubscribe, IANA zones for /news schedule. The same
// for any platform that offers them; the adapter only caps the wait and renders the choices.
import type { ChannelRef } from "../delivery/channel.js";
import { foldKey, placeTopics } from "../nlp/places.js";
import type { ArticleStore, ChannelStore } from "../storage/index.js";

/** What a command's field suggests (commands/ names it per field). */
export type SuggestionKind = "topics" | "channelTopics" | "timeZones";

/** Suggestions given at most: Discord shows 25 choices. */
export const MAX_SUGGESTIONS = 25;
/** Stored topics read for suggestions, most covered first. */
const KNOWN_TOPICS = 2000;
/** Topics change as articles arrive; a minute-old list is fresh enough to type against. */
const CACHE_MS = 60_000;

/**
 * The names that match what was typed, best first: names starting with it, then names with a word
 * starting with it, then names containing it; case and accents ignored. Nothing typed: the first.
 */
export function matchNames(names: readonly string[], typed: string, limit = MAX_SUGGESTIONS): string[] {
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

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= Intl.supportedValuesOf("timeZone");
  return zones;
}

/** The suggestions of each kind, with the topic list cached (suggestions must come within seconds). */
export class Suggestions {
  private cached?: { at: number; names: Promise<string[]> };

  constructor(
    private readonly store: { articles: Pick<ArticleStore, "knownTopics">; channels: Pick<ChannelStore, "get"> },
    private readonly now: () => number = Date.now,
  ) {}

  /** The names of `kind` matching `typed`; channel topics are those of `channel`. */
  async matching(kind: SuggestionKind, typed: string, channel: ChannelRef | undefined): Promise<string[]> {
    switch (kind) {
      case "timeZones":
        return matchNames(timeZones(), typed);
      case "channelTopics":
        return channel ? matchNames((await this.store.channels.get(channel))?.topics ?? [], typed) : [];
      case "topics":
        return matchNames(await this.topics(), typed);
    }
  }

  /** The topics to suggest: stored ones by coverage, then the countries no article mentions yet. */
  topics(): Promise<string[]> {
    if (!this.cached || this.now() - this.cached.at > CACHE_MS) {
      const names = this.loadTopics();
      this.cached = { at: this.now(), names };
      // A failed read is not kept: the next keystroke tries again.
      names.catch(() => (this.cached = undefined));
    }
    return this.cached.names;
  }

  private async loadTopics(): Promise<string[]> {
    const known = (await this.store.articles.knownTopics(KNOWN_TOPICS)).map((t) => t.name);
    const seen = new Set<string>();
    return [...known, ...placeTopics().map((t) => t.canonical)].filter((name) => {
      const key = foldKey(name);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
