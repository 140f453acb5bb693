// The story index: what story assignment persists between runs (the clusterer's state). Only ingest
// reads it, inside a unit of work, and only the stories inside the clustering window.
import type { Entity } from "../article.js";
import type { ClusterChanges, ClusterState } from "../cluster/clusterer.js";

/** An article stored before stories were assigned by the clusterer (an old SQLite database): it
 * keeps its story and is indexed as it is. */
export interface UnsignedArticle {
  id: number;
  storyId: number;
  title: string;
  body: string;
  entities: Entity[];
  newsAt: Date;
}

export interface StoryIndexStore {
  /** Changes with every save, by this process or another: a cached index with an older generation is stale. */
  generation(): Promise<number>;
  /** The latest news time (ms) of an indexed story, or undefined when none is. */
  latestNewsAt(): Promise<number | undefined>;
  /** The clusterer's state: all document frequencies, the profiles of the stories updated at or after
   * `since` (ms), and each such story's latest `signaturesPerStory` article signatures. */
  load(window: { since: number; signaturesPerStory: number }): Promise<ClusterState>;
  /**
   * Folds story `from` into story `into` (StoryClusterer.fold: one event told as two stories): its
   * articles and coverage (reports, outlets) become `into`'s, and so does what refers to it outside
   * the story index, keeping `into`'s where both have one: its thread in each channel (an update of
   * the merged story goes to the thread the channel has), the deliveries that carried it (a target
   * that saw either has seen the merged story, with both's reports), the alerts raised for it. A
   * delivery recorded before keeps its body (a resend carries what the first attempt did): its cards'
   * ids are read as the merged story when it is sent (ChatCourier, ofStories). `from`
   * keeps its row, without articles or profile, naming `into` (stories.folded_into: what an old link
   * or button names can be found); a story folded into `from` before now names `into`. Run inside
   * the unit of work after the batch is stored, before `save`, so articles the batch placed in `from`
   * move too.
   */
  fold(into: number, from: number): Promise<void>;
  /** Writes what the clusterer changed (absolute values) and returns the new generation. */
  save(changes: ClusterChanges): Promise<number>;
  /** Articles without a signature, oldest news first. */
  unsigned(): Promise<UnsignedArticle[]>;
  sign(articleId: number, signature: readonly number[]): Promise<void>;
}
