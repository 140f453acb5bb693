-- A channel's filter (/news filter) and its cap on stories per outlet (/news cap).
ALTER TABLE channels ADD COLUMN filter text;
ALTER TABLE channels ADD COLUMN max_per_source integer;
-- A source's category: the folder OPML files it under.
ALTER TABLE sources ADD COLUMN category text;
