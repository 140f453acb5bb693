-- Values too big for their row are compressed first, and two of them are written often for nothing:
-- an article's search vector (3.4 kB on the benchmark's articles) never compresses well enough, so
-- every insert tried and stored it whole anyway (1,000 inserts into an 88k store: 1.13-1.35 s
-- without the attempt, 1.27-1.57 with it); a story's profile (6.4 kB of JSON) is rewritten each
-- time the story gains an article, and compressing it was a third of the update (1,811 profiles:
-- 0.35-0.49 s uncompressed, 0.63-0.79 compressed). Both are now stored out of line as they are:
-- the vectors exactly as before, the profiles in about twice the space.
ALTER TABLE articles ALTER COLUMN search SET STORAGE EXTERNAL;
ALTER TABLE stories ALTER COLUMN profile SET STORAGE EXTERNAL;
