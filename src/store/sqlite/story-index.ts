// Persistence of the story clusterer: its state lives in SQLite (document frequencies, story
// centroids, article signatures) and the in-memory StoryClusterer is rebuilt from it on open, from
// the stories still in its window only, so start-up and memory follow the window, not the store.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { Entity } from "../../core/article.js";
import { activeSince, StoryClusterer, type ClusterChanges } from "../../core/cluster/clusterer.js";
import { signatureFromBytes, signatureToBytes, StoryProfile } from "../../core/cluster/state.js";
import { clusterConfig, type ClusterConfig } from "../../core/cluster/config.js";

export class SqliteStoryIndex {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly config: Partial<ClusterConfig>,
  ) {
    this.statements = {
      documents: db.prepare<[], { value: number }>("SELECT value FROM cluster_meta WHERE key = 'documents'"),
      setDocuments: db.prepare("INSERT INTO cluster_meta (key, value) VALUES ('documents', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      df: db.prepare<[], { term: string; df: number }>("SELECT term, df FROM term_df"),
      setDf: db.prepare("INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = excluded.df"),
      forgetDf: db.prepare("DELETE FROM term_df WHERE term = ?"),
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
      unindexed: db.prepare<[], { id: number; story_id: number; title: string; body: string; entities: string; news_at: number }>(
        "SELECT id, story_id, title, body, entities, news_at FROM articles WHERE signature IS NULL ORDER BY news_at, id",
      ),
      setSignature: db.prepare("UPDATE articles SET signature = ? WHERE id = ?"),
    };
  }

  /** The clusterer as the database left it; articles stored before clustering existed are indexed
   * first. One transaction, so what another process commits meanwhile is wholly in or wholly out. */
  load(): StoryClusterer {
    return this.db.transaction(() => {
      const s = this.statements;
      const latest = s.latest.get()?.t;
      const since = latest == null ? Number.NEGATIVE_INFINITY : activeSince(latest, this.config);
      const clusterer = new StoryClusterer(this.config, {
        documents: s.documents.get()?.value ?? 0,
        documentFrequencies: new Map(s.df.all().map((row) => [row.term, row.df])),
        stories: s.activeStories.all(since).map((row) => StoryProfile.parse(JSON.parse(row.profile))),
        recentArticles: s.signatures.all(since, clusterConfig(this.config).maxSignaturesPerStory).map((row) => ({
          articleId: row.id,
          storyId: row.story_id,
          signature: signatureFromBytes(row.signature),
          newsAt: row.news_at,
        })),
      });
      this.indexUnindexed(clusterer);
      return clusterer;
    })();
  }

  /** Articles from before clustering keep their stories; the clusterer learns them as they are. */
  private indexUnindexed(clusterer: StoryClusterer): void {
    const rows = this.statements.unindexed.all();
    if (rows.length === 0) return;
    const entities = z.array(Entity);
    for (const row of rows) {
      const features = clusterer.features({ title: row.title, body: row.body, entities: entities.parse(JSON.parse(row.entities)) });
      clusterer.record(row.id, row.story_id, features, new Date(row.news_at));
      this.statements.setSignature.run(signatureToBytes(features.signature), row.id);
    }
    this.save(clusterer.takeChanges());
  }

  /** Writes what the clusterer changed; call inside the transaction that stored the articles. */
  save(changes: ClusterChanges): void {
    const s = this.statements;
    s.setDocuments.run(changes.documents);
    for (const [term, df] of changes.documentFrequencies) {
      if (df === 0) s.forgetDf.run(term);
      else s.setDf.run(term, df);
    }
    for (const profile of changes.stories) s.saveStory.run(JSON.stringify(profile), profile.updatedAt, profile.id);
  }
}
