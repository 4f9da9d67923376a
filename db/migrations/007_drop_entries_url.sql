-- No query looks entries up by URL (stories match on story_keys.canonical_url); the index only cost every
-- ingested entry a write at a random place in a b-tree, and every commit the page it dirtied.
DROP INDEX IF EXISTS entries_url;
