-- Stories folded into another (one event told as two stories until an article tied them): the folded
-- story keeps its row, with no articles and no profile, and names the story that has them, so that
-- its id (a /story link, a button) still finds them. No foreign key: migrate-db copies stories in
-- batches, and a story may be folded into a later one.
ALTER TABLE stories ADD COLUMN folded_into bigint;
