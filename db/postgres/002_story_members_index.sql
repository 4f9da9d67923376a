-- SQLite's 017_story_members_index.sql: the representative refresh reads a story's members (id, source, date) in
-- date order from the index alone; it replaces entries_story, whose lookups it serves.
CREATE INDEX entries_story_members ON entries (story_id, published_at, id) INCLUDE (source_id);
DROP INDEX entries_story;
