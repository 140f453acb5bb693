-- Full-text search as SQLite's FTS5 does it (porter stemming, diacritics folded, no stop words): the
-- `newsbot` configuration folds accents (türkiye = turkiye) and stems English words with Snowball
-- (elections = election). It keeps every word, since the core already drops filler words and a stop
-- list would make a name like "The Who" unsearchable. A hyphenated word is indexed as its parts only,
-- as FTS5 does, so "al-Assad" and "al Assad" find each other.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY newsbot_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION newsbot (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION newsbot ALTER MAPPING FOR asciiword, hword_asciipart WITH newsbot_stem;
ALTER TEXT SEARCH CONFIGURATION newsbot ALTER MAPPING FOR word, hword_part WITH unaccent, newsbot_stem;
ALTER TEXT SEARCH CONFIGURATION newsbot DROP MAPPING FOR asciihword, hword;

-- One weighted vector per article: title A, entity names B, body D. ts_rank's default weights
-- (A 1.0, B 0.4, D 0.1) are then the 10 : 4 : 1 that SQLite's bm25 gives title, entities and body.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('newsbot', title), 'A')
  || setweight(to_tsvector('newsbot', entity_names), 'B')
  || setweight(to_tsvector('newsbot', body), 'D')
) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
