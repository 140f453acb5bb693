// Versioned schema migrations for the SQLite store. PRAGMA user_version records how many have run;
// each runs in its own transaction, so a failed upgrade leaves the database as it was.
import type { Database } from "better-sqlite3";

export const MIGRATIONS: readonly string[] = [
  // 1: stories, articles, the full-text index over them, and entity counts for topic suggestions.
  `
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    headline TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT,
    canonical_url TEXT UNIQUE,
    source TEXT,
    image_caption TEXT,
    published_at INTEGER,
    stored_at INTEGER NOT NULL,
    -- When the news happened as far as we know: published_at, or stored_at for undated articles.
    news_at INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    summary TEXT NOT NULL,          -- JSON array of sentences
    entities TEXT NOT NULL,         -- JSON array of Entity
    entity_names TEXT NOT NULL,     -- the entities' names, for the full-text index
    reading_minutes INTEGER NOT NULL
  );
  CREATE INDEX articles_news_at ON articles(news_at);
  CREATE INDEX articles_story_id ON articles(story_id);

  -- External-content FTS5: the text lives once, in articles. Diacritics are folded (türkiye =
  -- turkiye) and words stemmed (elections = election).
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, entity_names,
    content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body, entity_names)
    VALUES (new.id, new.title, new.body, new.entity_names);
  END;
  CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, entity_names)
    VALUES ('delete', old.id, old.title, old.body, old.entity_names);
  END;
  CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, entity_names ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, entity_names)
    VALUES ('delete', old.id, old.title, old.body, old.entity_names);
    INSERT INTO articles_fts(rowid, title, body, entity_names)
    VALUES (new.id, new.title, new.body, new.entity_names);
  END;

  CREATE TABLE topics (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (name, kind)
  ) WITHOUT ROWID;
  `,
  // 2: the feeds newsbot follows, with what it keeps between polls.
  `
  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    interval_minutes INTEGER,
    origin TEXT NOT NULL CHECK (origin IN ('user', 'file')),
    added_at INTEGER NOT NULL,
    feed_title TEXT,
    etag TEXT,
    last_modified TEXT,
    last_polled_at INTEGER,
    last_success_at INTEGER,
    next_poll_at INTEGER,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    paused_reason TEXT,
    articles_added INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 3: stories across articles. The story clusterer's state (document frequencies, each story's
  // centroid, each article's near-duplicate signature), and near-duplicate copies kept as extra
  // sources of the article they copy. stories.updated_at becomes the latest news time of the story.
  `
  ALTER TABLE stories ADD COLUMN profile TEXT;  -- JSON StoryProfile; NULL until the clusterer saw the story
  CREATE INDEX stories_updated_at ON stories(updated_at);
  ALTER TABLE articles ADD COLUMN signature BLOB;  -- MinHash values, little-endian uint32
  -- A story's latest articles, read without touching its older ones.
  CREATE INDEX articles_story_news ON articles(story_id, news_at DESC, id DESC);
  DROP INDEX articles_story_id;

  CREATE TABLE article_copies (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    canonical_url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    published_at INTEGER,
    stored_at INTEGER NOT NULL
  );
  CREATE INDEX article_copies_article_id ON article_copies(article_id);

  -- How widely each story is covered, kept as articles arrive so a card can say it without reading
  -- every article of a long-running story: its reports (articles and copies) and its outlets.
  ALTER TABLE stories ADD COLUMN reports INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE story_outlets (story_id INTEGER NOT NULL REFERENCES stories(id), outlet TEXT NOT NULL,
    PRIMARY KEY (story_id, outlet)) WITHOUT ROWID;
  UPDATE stories SET reports = (SELECT count(*) FROM articles a WHERE a.story_id = stories.id);
  INSERT OR IGNORE INTO story_outlets (story_id, outlet) SELECT story_id, source FROM articles WHERE source IS NOT NULL;

  CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE cluster_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // 4: delivery. The outbox (one row per digest, slot and target, written before it is sent), the
  // stories each delivery carried, each digest's progress through its slots, and channels' /news setup.
  `
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    slot INTEGER NOT NULL,
    target_key TEXT NOT NULL,
    target TEXT NOT NULL,                 -- JSON Target
    idempotency_key TEXT NOT NULL UNIQUE,
    late INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    payload TEXT,                         -- JSON DigestPayload; NULL when skipped
    note TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    parts_sent INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    retry_at INTEGER,
    last_error TEXT,
    UNIQUE (digest, slot, target_key)
  );
  CREATE INDEX deliveries_pending ON deliveries(status) WHERE status = 'pending';

  CREATE TABLE delivery_stories (
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
    target_key TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    PRIMARY KEY (target_key, story_id, delivery_id)
  ) WITHOUT ROWID;

  CREATE TABLE digest_state (
    name TEXT PRIMARY KEY,
    first_seen_at INTEGER NOT NULL,
    last_slot INTEGER                     -- the latest slot handled (recorded, sent or skipped)
  ) WITHOUT ROWID;

  CREATE TABLE channels (
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    topics TEXT NOT NULL,                 -- JSON array, in the order subscribed
    time TEXT,
    timezone TEXT,
    paused INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel)
  ) WITHOUT ROWID;
  `,
  // 5: each story's discussion thread in each chat channel it was posted to.
  `
  CREATE TABLE story_threads (
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    thread_id TEXT NOT NULL,
    url TEXT,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel, story_id)
  ) WITHOUT ROWID;
  `,
  // 6: the hash of each feed's last body, so a feed served again unchanged without validators is not parsed again.
  `
  ALTER TABLE sources ADD COLUMN body_hash TEXT;
  `,
  // 7: webhook URLs are secrets. The outbox keeps a webhook target's format only (its target_key names
  // it, and the URL is read from the digest files when sent), and drops an error text that quoted
  // the URL or its path (after the host, before the query).
  `
  UPDATE deliveries SET
    target = json_object('platform', 'webhook', 'format', old.format),
    last_error = CASE WHEN instr(deliveries.last_error, '://') > 0 OR (length(old.path) > 1 AND instr(deliveries.last_error, old.path) > 0)
      THEN 'the error quoted the webhook''s URL, which is a secret; removed when newsbot was upgraded'
      ELSE deliveries.last_error END
  FROM (
    SELECT id, format, CASE WHEN instr(after_host, '?') > 0 THEN substr(after_host, 1, instr(after_host, '?') - 1) ELSE after_host END AS path
    FROM (
      SELECT id, format, CASE WHEN instr(rest, '/') > 0 THEN substr(rest, instr(rest, '/')) ELSE '' END AS after_host
      FROM (
        SELECT id, json_extract(target, '$.format') AS format, substr(json_extract(target, '$.url'), instr(json_extract(target, '$.url'), '://') + 3) AS rest
        FROM deliveries WHERE json_extract(target, '$.platform') = 'webhook'
      )
    )
  ) AS old
  WHERE deliveries.id = old.id;
  `,
  // 8: a channel's filter (/news filter) and its cap on stories per outlet (/news cap); a source's
  // category (its OPML folder).
  `
  ALTER TABLE channels ADD COLUMN filter TEXT;
  ALTER TABLE channels ADD COLUMN max_per_source INTEGER;
  ALTER TABLE sources ADD COLUMN category TEXT;
  `,
  // 9: replicas' leases, as on Postgres (one process never contends, but keeps the same contract): the
  // replica sending a delivery, and the one preparing a digest's slot until it is recorded.
  `
  ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
  ALTER TABLE deliveries ADD COLUMN claimed_until INTEGER;
  CREATE TABLE digest_slots (
    digest TEXT NOT NULL,
    slot INTEGER NOT NULL,
    owner TEXT NOT NULL,
    claimed_until INTEGER NOT NULL,
    PRIMARY KEY (digest, slot)
  ) WITHOUT ROWID;
  `,
  // 10: alerts (/news alert): the topics each channel follows for alerts, and each story alerted in a
  // channel, once (held: over the channel's hourly budget, left for its next briefing).
  `
  CREATE TABLE alerts (
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    topic_key TEXT NOT NULL,              -- the topic in lower case: one alert per topic
    topic TEXT NOT NULL,
    filter TEXT,
    mention TEXT,                         -- the platform's id of the group or role pinged
    min_outlets INTEGER NOT NULL,
    within_hours INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel, topic_key)
  ) WITHOUT ROWID;
  CREATE TABLE alerts_raised (
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    topic TEXT NOT NULL,
    headline TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    held INTEGER NOT NULL,
    PRIMARY KEY (platform, channel, story_id)
  ) WITHOUT ROWID;
  CREATE INDEX alerts_raised_time ON alerts_raised (platform, channel, raised_at);
  `,
  // 11: signatures of signed requests already run (Slack HTTP mode's replay guard), kept 5 minutes;
  // and leaderships (the Discord gateway), each held by one process under a lease it renews.
  `
  CREATE TABLE seen_requests (
    signature TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL              -- the request's own timestamp
  ) WITHOUT ROWID;
  CREATE INDEX seen_requests_time ON seen_requests (seen_at);
  CREATE TABLE leaders (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    lease_until INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 12: the stories of given deliveries (each read of the outbox), found without reading every
  // delivery's, as on Postgres.
  `
  CREATE INDEX delivery_stories_delivery ON delivery_stories (delivery_id);
  `,
  // 13: each text match's news time, read from a narrow index rather than the article's wide row
  // (search ranks thousands of matches of a common word by their age).
  `
  CREATE INDEX articles_id_news_at ON articles (id, news_at);
  `,
  // 14: stories folded into another (one event told as two stories until an article tied them): the
  // folded story keeps its row, with no articles and no profile, and names the story that has them, so
  // that its id (a /story link, a button) still finds them.
  `
  ALTER TABLE stories ADD COLUMN folded_into INTEGER;
  `,
];

/** Brings the schema up to date; refuses a database written by a newer newsbot. */
export function migrate(db: Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this newsbot knows (${MIGRATIONS.length}); upgrade newsbot or point NEWSBOT_DB at another file`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    const version = current + offset + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
