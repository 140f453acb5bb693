// Sources: the followed feeds and their polling state.
import type { Source, SourceDefinition, SourceOrigin, SourceUpdate } from "../sources/source.js";

export interface SourceStore {
  /** Follows a feed; an already-followed URL is returned as it is, with `added: false`. */
  add(definition: SourceDefinition, origin: SourceOrigin, now: Date): Promise<{ source: Source; added: boolean }>;
  /** Every followed feed, oldest first. */
  list(): Promise<Source[]>;
  get(id: number): Promise<Source | undefined>;
  /** Stops following a feed (its stored articles stay); false when there was no such source. */
  remove(id: number): Promise<boolean>;
  /**
   * The sources due at `now` (not paused, next poll unset or past), each claimed for this poll: its
   * next poll moves to `until`, so another replica asking before then gets other sources, and a
   * replica that dies mid-poll leaves the source due again at `until`. The poll sets the real time.
   */
  claimDue(now: Date, until: Date): Promise<Source[]>;
  /** Changes the given fields (`articlesAdded` is added to the count); undefined when there is no such source. */
  update(id: number, update: SourceUpdate): Promise<Source | undefined>;
}
