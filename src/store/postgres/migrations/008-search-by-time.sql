-- Search reads a slice of news time at once: one GIN index over the vector and the news time (as UTC,
-- so that the indexed expression is immutable) finds the matches of a slice without reading the
-- vector of every article in it. It replaces the vector's own index: GIN answers a condition on its
-- first column alone too, so ingest still maintains one text index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX articles_search;
CREATE INDEX articles_search_news_at ON articles USING gin (search, (news_at AT TIME ZONE 'UTC'));
