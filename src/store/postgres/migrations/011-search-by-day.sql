-- The text index with news time (008-search-by-time.sql) keyed each article by its own time, so a
-- slice of 11 days read 10,000 keys' postings to find its 2,000 matches (26-50 ms of the search at
-- 88k articles) and every insert added a key. Keyed by the news day (UTC), the slice reads a dozen
-- keys (14 ms) and an insert adds to a day's postings (1,000 inserts into that store: 1.2-1.3 s
-- instead of 1.5-1.8); search checks the exact times on each match. Pending list capped as in 010.
DROP INDEX articles_search_news_at;
CREATE INDEX articles_search_news_day ON articles USING gin (search, date_trunc('day', news_at AT TIME ZONE 'UTC'))
  WITH (gin_pending_list_limit = 512);
