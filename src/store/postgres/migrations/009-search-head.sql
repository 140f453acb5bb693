-- The words of an article's title and entity names, apart from its body: a match with none of a
-- query's words there has them only in the body, whose weight (D, 0.1) bounds its relevance far
-- below a title's (text-query.ts, `head`). Search reads older slices only for the matches that could
-- still rank among its answer: when no body-only match could, this index finds the rest without
-- reading every body match's vector ("music": 600 of 4,700 matches in 25 days at 88k articles). No
-- news time beside it: a slice's range over the time in a GIN index reads an entry per article in it.
CREATE INDEX articles_search_head ON articles USING gin ((to_tsvector('newsbot', title) || to_tsvector('newsbot', entity_names)));
