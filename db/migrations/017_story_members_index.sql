-- The representative refresh after every story join reads a story's members (id, source, date) in date order:
-- with this index it reads them from the index alone, already ordered, instead of looking up each member's row
-- (title, summary, HTML) and sorting. It starts with story_id, so it serves every story_id lookup the old index did;
-- keeping both would make each membership change write two index entries.
CREATE INDEX entries_story_members ON entries (story_id, published_at, id, source_id);
DROP INDEX entries_story;
