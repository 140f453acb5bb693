-- New articles wait in a GIN index's pending list until it is merged into the index, and every search
-- reads the whole list: at the default 4 MB, a burst of ingest (3,500 articles into an 88k store)
-- left /story's p99 at 203 ms until VACUUM merged it, 62-69 ms after. Capped at 512 kB the lists
-- cost a search little (p99 74-81 ms in the same run) for a dearer insert (1.6 ms an article in the
-- index work instead of 1.1: merged more often, in smaller batches); without a list at all
-- (fastupdate off) an insert costs 2.6 ms for 58-67 ms.
ALTER INDEX articles_search_news_at SET (gin_pending_list_limit = 512);
ALTER INDEX articles_search_head SET (gin_pending_list_limit = 512);
