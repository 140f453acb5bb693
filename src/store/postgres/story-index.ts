// The story index in Postgres: document frequencies and counters in term_df/cluster_meta, story
// profiles as json on stories, article signatures as bytea on articles. Used inside the ingest
// transaction only, which holds the ingest lock: what it reads no one else is changing.
import { z } from "zod";
import { Entity } from "../../core/article.js";
import type { ClusterChanges, ClusterState } from "../../core/cluster/clusterer.js";
import { StoryProfile } from "../../core/cluster/state.js";
import { signatureFromBytes, signatureToBytes } from "../../core/cluster/signature-bytes.js";
import type { StoryIndexStore, UnsignedArticle } from "../../core/storage/index.js";
import type { Queryable } from "./pool.js";

/** Postgres's earliest timestamp is 4713 BC; a window reaching before year 1 has no lower bound. */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");

const SignatureRow = z.object({ id: z.number(), story_id: z.number(), signature: z.instanceof(Buffer), news_at: z.date() });
const UnsignedRow = z.object({ id: z.number(), story_id: z.number(), title: z.string(), body: z.string(), entities: z.array(Entity), news_at: z.date() });

export class PostgresStoryIndex implements StoryIndexStore {
  constructor(private readonly db: Queryable) {}

  private async meta(key: string): Promise<number | undefined> {
    const { rows } = await this.db.query("SELECT value FROM cluster_meta WHERE key = $1", [key]);
    return rows.length === 0 ? undefined : z.object({ value: z.number() }).parse(rows[0]).value;
  }

  async generation(): Promise<number> {
    return (await this.meta("generation")) ?? 0;
  }

  async latestNewsAt(): Promise<number | undefined> {
    const { rows } = await this.db.query("SELECT max(updated_at) AS t FROM stories WHERE profile IS NOT NULL");
    return z.object({ t: z.date().nullable() }).parse(rows[0]).t?.getTime();
  }

  async load({ since, signaturesPerStory }: { since: number; signaturesPerStory: number }): Promise<ClusterState> {
    const from = since < EARLIEST ? null : new Date(since);
    const documents = await this.meta("documents");
    const frequencies = await this.db.query("SELECT term, df FROM term_df");
    const stories = await this.db.query("SELECT profile FROM stories WHERE profile IS NOT NULL AND ($1::timestamptz IS NULL OR updated_at >= $1)", [from]);
    const signatures = await this.db.query(
      `SELECT id, story_id, signature, news_at FROM (
         SELECT a.id, a.story_id, a.signature, a.news_at,
                row_number() OVER (PARTITION BY a.story_id ORDER BY a.news_at DESC, a.id DESC) AS n
         FROM articles a JOIN stories s ON s.id = a.story_id
         WHERE ($1::timestamptz IS NULL OR s.updated_at >= $1) AND s.profile IS NOT NULL AND a.signature IS NOT NULL
       ) recent WHERE n <= $2`,
      [from, signaturesPerStory],
    );
    const Frequency = z.object({ term: z.string(), df: z.number() });
    return {
      documents: documents ?? 0,
      documentFrequencies: new Map(frequencies.rows.map((raw) => Frequency.parse(raw)).map((row) => [row.term, row.df])),
      stories: stories.rows.map((row: { profile: unknown }) => StoryProfile.parse(row.profile)),
      recentArticles: signatures.rows.map((raw) => {
        const row = SignatureRow.parse(raw);
        return { articleId: row.id, storyId: row.story_id, signature: signatureFromBytes(row.signature), newsAt: row.news_at.getTime() };
      }),
    };
  }

  async save(changes: ClusterChanges): Promise<number> {
    await this.db.query(
      "INSERT INTO cluster_meta (key, value) VALUES ('documents', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [changes.documents],
    );
    const kept = changes.documentFrequencies.filter(([, df]) => df > 0);
    const forgotten = changes.documentFrequencies.filter(([, df]) => df === 0).map(([term]) => term);
    if (kept.length > 0) {
      await this.db.query(
        `INSERT INTO term_df (term, df) SELECT * FROM unnest($1::text[], $2::integer[])
         ON CONFLICT (term) DO UPDATE SET df = excluded.df`,
        [kept.map(([term]) => term), kept.map(([, df]) => df)],
      );
    }
    if (forgotten.length > 0) await this.db.query("DELETE FROM term_df WHERE term = ANY($1::text[])", [forgotten]);
    if (changes.stories.length > 0) {
      await this.db.query(
        `UPDATE stories s SET profile = u.profile, updated_at = u.updated_at
         FROM unnest($1::bigint[], $2::json[], $3::timestamptz[]) AS u(id, profile, updated_at) WHERE s.id = u.id`,
        [
          changes.stories.map((profile) => profile.id),
          changes.stories.map((profile) => JSON.stringify(profile)),
          changes.stories.map((profile) => new Date(profile.updatedAt)),
        ],
      );
    }
    const { rows } = await this.db.query(
      `INSERT INTO cluster_meta (key, value) VALUES ('generation', 1)
       ON CONFLICT (key) DO UPDATE SET value = cluster_meta.value + 1 RETURNING value`,
    );
    return z.object({ value: z.number() }).parse(rows[0]).value;
  }

  async fold(into: number, from: number): Promise<void> {
    if (into === from) throw new RangeError(`cannot fold story ${from} into itself`);
    // One round trip: each statement of the WITH sees the tables as they were, so each touches its
    // own table once (stories: the three updates in one).
    await this.db.query(
      `WITH f AS (SELECT reports, created_at, updated_at FROM stories WHERE id = $2::bigint),
       merged AS (
         UPDATE stories s SET
           reports = CASE WHEN s.id = $1::bigint THEN s.reports + f.reports WHEN s.id = $2::bigint THEN 0 ELSE s.reports END,
           created_at = CASE WHEN s.id = $1::bigint THEN least(s.created_at, f.created_at) ELSE s.created_at END,
           updated_at = CASE WHEN s.id = $1::bigint THEN greatest(s.updated_at, f.updated_at) ELSE s.updated_at END,
           profile = CASE WHEN s.id = $2::bigint THEN NULL ELSE s.profile END,
           folded_into = CASE WHEN s.id = $1::bigint THEN s.folded_into ELSE $1::bigint END
         FROM f WHERE s.id = $1::bigint OR s.id = $2::bigint OR s.folded_into = $2::bigint
       ),
       moved_articles AS (UPDATE articles SET story_id = $1::bigint WHERE story_id = $2::bigint),
       outlets AS (DELETE FROM story_outlets WHERE story_id = $2::bigint RETURNING outlet),
       outlets_moved AS (INSERT INTO story_outlets (story_id, outlet) SELECT $1::bigint, outlet FROM outlets ON CONFLICT DO NOTHING),
       threads AS (DELETE FROM story_threads WHERE story_id = $2::bigint RETURNING *),
       threads_moved AS (
         INSERT INTO story_threads (platform, channel, story_id, thread_id, url, posted_at)
         SELECT platform, channel, $1::bigint, thread_id, url, posted_at FROM threads ON CONFLICT DO NOTHING
       ),
       delivered AS (DELETE FROM delivery_stories WHERE story_id = $2::bigint RETURNING *),
       delivered_moved AS (
         INSERT INTO delivery_stories (delivery_id, target_key, story_id, reports, slot)
         SELECT delivery_id, target_key, $1::bigint, reports, slot FROM delivered
         ON CONFLICT (target_key, story_id, delivery_id) DO UPDATE SET reports = delivery_stories.reports + excluded.reports
       ),
       alerted AS (DELETE FROM alerts_raised WHERE story_id = $2::bigint RETURNING *)
       INSERT INTO alerts_raised (platform, channel, story_id, topic, headline, raised_at, held)
       SELECT platform, channel, $1::bigint, topic, headline, raised_at, held FROM alerted ON CONFLICT DO NOTHING`,
      [into, from],
    );
  }

  async unsigned(): Promise<UnsignedArticle[]> {
    const { rows } = await this.db.query("SELECT id, story_id, title, body, entities, news_at FROM articles WHERE signature IS NULL ORDER BY news_at, id");
    return rows.map((raw) => {
      const row = UnsignedRow.parse(raw);
      return { id: row.id, storyId: row.story_id, title: row.title, body: row.body, entities: row.entities, newsAt: row.news_at };
    });
  }

  async sign(articleId: number, signature: readonly number[]): Promise<void> {
    await this.db.query("UPDATE articles SET signature = $1 WHERE id = $2", [Buffer.from(signatureToBytes(signature)), articleId]);
  }
}
