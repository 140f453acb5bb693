// The story index in SQLite: document frequencies and the generation in cluster_meta/term_df, story
// profiles as JSON on stories, article signatures as BLOBs on articles.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { Entity } from "../../core/article.js";
import type { ClusterChanges, ClusterState } from "../../core/cluster/clusterer.js";
import { StoryProfile } from "../../core/cluster/state.js";
import { signatureFromBytes, signatureToBytes } from "../../core/cluster/signature-bytes.js";
import type { StoryIndexStore, UnsignedArticle } from "../../core/storage/index.js";

const Entities = z.array(Entity);

export class SqliteStoryIndex implements StoryIndexStore {
  private readonly statements;

  constructor(private readonly db: Database) {
    this.statements = {
      meta: db.prepare<[string], { value: number }>("SELECT value FROM cluster_meta WHERE key = ?"),
      setMeta: db.prepare<[string, number]>("INSERT INTO cluster_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      df: db.prepare<[], { term: string; df: number }>("SELECT term, df FROM term_df"),
      // A batch changes thousands of terms: one statement over a JSON array of [term, df] pairs
      // (WHERE true: an upsert's SELECT needs a clause before ON CONFLICT).
      setDfs: db.prepare<[string]>(`INSERT INTO term_df (term, df) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
        ON CONFLICT (term) DO UPDATE SET df = excluded.df`),
      forgetDfs: db.prepare<[string]>("DELETE FROM term_df WHERE term IN (SELECT value FROM json_each(?))"),
      latest: db.prepare<[], { t: number | null }>("SELECT max(updated_at) AS t FROM stories WHERE profile IS NOT NULL"),
      activeStories: db.prepare<[number], { profile: string }>("SELECT profile FROM stories WHERE updated_at >= ? AND profile IS NOT NULL"),
      signatures: db.prepare<[number, number], { id: number; story_id: number; signature: Buffer; news_at: number }>(
        `SELECT id, story_id, signature, news_at FROM (
           SELECT a.id, a.story_id, a.signature, a.news_at,
                  row_number() OVER (PARTITION BY a.story_id ORDER BY a.news_at DESC, a.id DESC) AS n
           FROM articles a JOIN stories s ON s.id = a.story_id
           WHERE s.updated_at >= ? AND s.profile IS NOT NULL AND a.signature IS NOT NULL
         ) WHERE n <= ?`,
      ),
      saveStory: db.prepare("UPDATE stories SET profile = ?, updated_at = ? WHERE id = ?"),
      unsigned: db.prepare<[], { id: number; story_id: number; title: string; body: string; entities: string; news_at: number }>(
        "SELECT id, story_id, title, body, entities, news_at FROM articles WHERE signature IS NULL ORDER BY news_at, id",
      ),
      sign: db.prepare("UPDATE articles SET signature = ? WHERE id = ?"),
      // Folding story @from into story @into, in this order (stories first: they are read after).
      fold: [
        `UPDATE stories SET reports = stories.reports + f.reports, created_at = min(stories.created_at, f.created_at),
           updated_at = max(stories.updated_at, f.updated_at)
         FROM (SELECT reports, created_at, updated_at FROM stories WHERE id = @from) AS f WHERE stories.id = @into`,
        "UPDATE stories SET reports = 0, profile = NULL, folded_into = @into WHERE id = @from",
        "UPDATE stories SET folded_into = @into WHERE folded_into = @from",
        "UPDATE articles SET story_id = @into WHERE story_id = @from",
        "INSERT OR IGNORE INTO story_outlets (story_id, outlet) SELECT @into, outlet FROM story_outlets WHERE story_id = @from",
        "DELETE FROM story_outlets WHERE story_id = @from",
        // The channel's thread of `into` where it has one, else `from`'s.
        `INSERT OR IGNORE INTO story_threads (platform, channel, story_id, thread_id, url, posted_at)
         SELECT platform, channel, @into, thread_id, url, posted_at FROM story_threads WHERE story_id = @from`,
        "DELETE FROM story_threads WHERE story_id = @from",
        // A delivery that carried both carried the merged story with both's reports.
        `INSERT INTO delivery_stories (delivery_id, target_key, story_id, reports, slot)
         SELECT delivery_id, target_key, @into, reports, slot FROM delivery_stories WHERE story_id = @from
         ON CONFLICT (target_key, story_id, delivery_id) DO UPDATE SET reports = delivery_stories.reports + excluded.reports`,
        "DELETE FROM delivery_stories WHERE story_id = @from",
        `INSERT OR IGNORE INTO alerts_raised (platform, channel, story_id, topic, headline, raised_at, held)
         SELECT platform, channel, @into, topic, headline, raised_at, held FROM alerts_raised WHERE story_id = @from`,
        "DELETE FROM alerts_raised WHERE story_id = @from",
      ].map((sql) => db.prepare<{ into: number; from: number }>(sql)),
    };
  }

  async generation(): Promise<number> {
    return this.statements.meta.get("generation")?.value ?? 0;
  }

  async latestNewsAt(): Promise<number | undefined> {
    return this.statements.latest.get()?.t ?? undefined;
  }

  async load({ since, signaturesPerStory }: { since: number; signaturesPerStory: number }): Promise<ClusterState> {
    const s = this.statements;
    return {
      documents: s.meta.get("documents")?.value ?? 0,
      documentFrequencies: new Map(s.df.all().map((row) => [row.term, row.df])),
      stories: s.activeStories.all(since).map((row) => StoryProfile.parse(JSON.parse(row.profile))),
      recentArticles: s.signatures.all(since, signaturesPerStory).map((row) => ({
        articleId: row.id,
        storyId: row.story_id,
        signature: signatureFromBytes(row.signature),
        newsAt: row.news_at,
      })),
    };
  }

  async save(changes: ClusterChanges): Promise<number> {
    const s = this.statements;
    s.setMeta.run("documents", changes.documents);
    const frequencies = changes.documentFrequencies;
    s.setDfs.run(JSON.stringify(frequencies.filter(([, df]) => df > 0)));
    const forgotten = frequencies.filter(([, df]) => df === 0).map(([term]) => term);
    if (forgotten.length > 0) s.forgetDfs.run(JSON.stringify(forgotten));
    for (const profile of changes.stories) s.saveStory.run(JSON.stringify(profile), profile.updatedAt, profile.id);
    const generation = (await this.generation()) + 1;
    s.setMeta.run("generation", generation);
    return generation;
  }

  async fold(into: number, from: number): Promise<void> {
    if (into === from) throw new RangeError(`cannot fold story ${from} into itself`);
    for (const statement of this.statements.fold) statement.run({ into, from });
  }

  async unsigned(): Promise<UnsignedArticle[]> {
    return this.statements.unsigned.all().map((row) => ({
      id: row.id,
      storyId: row.story_id,
      title: row.title,
      body: row.body,
      entities: Entities.parse(JSON.parse(row.entities)),
      newsAt: new Date(row.news_at),
    }));
  }

  async sign(articleId: number, signature: readonly number[]): Promise<void> {
    this.statements.sign.run(signatureToBytes(signature), articleId);
  }
}
